#include <frame/mem.h>
#include <frame/cpu.h>
#include "inc/svc.h"
int *f(int *p) { return SVC_NEXT(p); } /* expect-in: inc/svc.h:4 R2-ptr-arith */
