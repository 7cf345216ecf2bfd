#include <frame/mem.h>
#include <frame/cpu.h>
char *f(int *p) { return FW_ID((char *)p); } /* expect: R3-ptr-cast */
