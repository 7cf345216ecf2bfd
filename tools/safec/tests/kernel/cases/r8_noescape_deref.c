#include <frame/mem.h>
/* what a __noescape parameter points to may be the caller's local */
struct box { u32 v; u32 arr[4]; };
u32 *saved;
struct box *saved_box;
void f(struct box *b __noescape)
{
	saved = &b->v; /* expect: R8-noescape */
	saved_box = &*b; /* expect: R8-noescape */
	saved = b->arr; /* expect: R8-noescape */
	u32 *l = &b->arr[1]; /* expect: R8-noescape R4-elem-addr */
	(void)l;
	fill_u32(&b->v, 1);  /* fine: straight to a __noescape parameter */
	fill_u32(b->arr, 2); /* fine */
	b->v = b->arr[2];    /* fine */
}
