#ifndef MIXED_H
#define MIXED_H
#include <frame/mem.h>
static inline int *mixed_next(int *p) { return p + 1; } /* expect: R2-ptr-arith */
static inline int mixed_get(int *p) { return p[0]; } /* expect: R4-subscript */
#endif
