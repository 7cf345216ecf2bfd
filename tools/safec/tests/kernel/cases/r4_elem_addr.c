#include <frame/mem.h>
/* &a[N] is one past the end: the bounds sanitizer allows it */
struct item { u32 x, y; };
struct table { struct item items[4]; u32 secret; } tab;
struct item g_items[4];
struct item *pick(u32 i) { return &tab.items[i]; } /* expect: R4-elem-addr */
struct item *pick2(u32 i) { return &(g_items[i]); } /* expect: R4-elem-addr */
struct item *pick3(u32 i) { return ELEM_PTR(g_items, i); } /* fine: checked i < 4 */
u32 *last;
void loc(u32 i)
{
	u32 a[4] = {0};
	last = ELEM_PTR(a, i); /* expect: R8-noescape */
}
