#include <frame/mem.h>
#include <frame/cpu.h>
static u32 *saved;
struct holder { u32 *p; };
void f(u32 *p __noescape)
{
	saved = p; /* expect: R8-noescape */
}
u32 *g(u32 *p __noescape) { return p; } /* expect: R8-noescape */
void h(u32 *p __noescape) { keep_ptr(p); } /* expect: R8-noescape */
void i(u32 *p __noescape) { u32 *q = p; (void)q; } /* expect: R8-noescape */
void j(u32 *p __noescape) { struct holder hh = { p }; (void)hh; } /* expect: R8-noescape */
