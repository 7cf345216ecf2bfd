#include <frame/mem.h>
#include <frame/cpu.h>
void *memcpy(void *d, const void *s, size_t n); /* expect: R9-symbol */
static int a, b;
void f(void) { memcpy(&a, &b, sizeof(a)); } /* expect: R9-symbol */
