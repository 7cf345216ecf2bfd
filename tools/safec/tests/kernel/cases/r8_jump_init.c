#include <frame/mem.h>
/* jumping past a declaration skips its zero-initialisation */
void sink(u32 *p __noescape);
int f(int c)
{
	if (c)
		goto late; /* expect: R8-jump-init */
	u32 *p = NULL;
late:
	return p != NULL;
}
int g(int c)
{
	switch (c) { /* the jump starts here */
		u32 v;
	case 1: /* expect: R8-jump-init */
		return (int)v;
	}
	return 0;
}
int h(int c)
{
	if (c)
		goto out; /* fine: nothing after out reads p */
	u32 *p = NULL;
	if (p)
		return 1;
out:
	return 0;
}
int k(int c)
{
	if (c)
		goto again; /* expect: R8-jump-init */
	u32 x = 0;
	for (;;) {
		sink(&x);
	again:
		if (c++ > 3)
			break;
	}
	return 0;
}
