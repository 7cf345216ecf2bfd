#include <frame/mem.h>
/* reserved names: compiler magic that can hide code or change meaning */
#if __INCLUDE_LEVEL__ > 0 /* expect: R9-reserved */
#endif
int a = __COUNTER__; /* expect: R9-reserved */
__seg_gs int *gs; /* expect: R9-reserved */
__typeof__(a) b; /* expect: R9-reserved */
int c = __extension__ 1; /* expect: R9-reserved */
void f(void) { __auto_type d = a; (void)d; } /* expect: R9-reserved */
#if __has_include(<frame/mem.h>) /* expect: R9-reserved */
#endif
int _Xname; /* expect: R9-reserved */
/* allowed: what the framework's headers define, and the allow-reserved list */
_Static_assert(sizeof(int) == 4, "int");
const char *g(void) { return __func__; }
int h(void) { return __LINE__; }
