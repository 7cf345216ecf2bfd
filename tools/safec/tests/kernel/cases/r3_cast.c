#include <frame/mem.h>
#include <frame/cpu.h>
char *f(int *p) { return (char *)p; } /* expect: R3-ptr-cast */
unsigned long g(int *p) { return (unsigned long)p; } /* expect: R3-ptr-cast */
int *h(unsigned long a) { return (int *)a; } /* expect: R3-ptr-cast */
void *i(int *p) { return (void *)p; } /* expect: R3-ptr-cast */
