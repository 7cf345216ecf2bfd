#include <frame/mem.h>
#include <frame/cpu.h>
void f(void) { extern int frame_ncpus; (void)frame_ncpus; } /* expect: R9-redecl */
