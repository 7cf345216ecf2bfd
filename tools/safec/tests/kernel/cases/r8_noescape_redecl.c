#include <frame/mem.h>
/* a redeclaration may not add (or drop) __noescape after the body was checked */
u32 *kept;
void keep(u32 *p) { kept = p; }
void keep(u32 *p __noescape); /* expect: R8-noescape-decl */
void use(void)
{
	u32 x = 0;
	keep(&x);
}
void other(u32 *p __noescape);
void other(u32 *p) { (void)p; } /* inherits the attribute: same */
