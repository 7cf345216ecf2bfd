#include <frame/mem.h>
#include <frame/cpu.h>
#pragma clang diagnostic ignored "-Wincompatible-pointer-types" /* expect: R11-pragma */
long *f(int *p) { long *q = p; return q; } /* expect: R3-ptr-cast */
