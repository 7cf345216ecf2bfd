#include <frame/mem.h>
#include <frame/cpu.h>
#define CAT(a, b) a##b /* expect: R11-paste */
int CAT(x, y);
