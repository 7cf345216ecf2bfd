#include <frame/mem.h>
#include <frame/cpu.h>
int *f(void) { int *p = frame_raw_alloc(4); return p; } /* expect: R3-void-cast */
void g(int **out) { *out = frame_raw_alloc(8); } /* expect: R3-void-cast */
