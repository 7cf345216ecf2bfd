#include <frame/mem.h>
#include <frame/cpu.h>
union u { void (*fn)(void); unsigned long bits; }; /* expect: R6-union-ptr */
