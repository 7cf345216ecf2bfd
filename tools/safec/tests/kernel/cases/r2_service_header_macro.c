#include <frame/mem.h>
#include <frame/cpu.h>
#include "inc/svc.h"
int *f(int *p) { return SVC_NEXT(p); } /* expect: R2-ptr-arith */
