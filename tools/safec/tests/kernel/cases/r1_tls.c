#include <frame/mem.h>
#include <frame/cpu.h>
_Thread_local int t1; /* expect: R1-tls */
__thread int t2; /* expect: R1-tls */
