#include <frame/mem.h>
#include <frame/cpu.h>
static _Atomic int counter; /* expect: R1-atomic */
