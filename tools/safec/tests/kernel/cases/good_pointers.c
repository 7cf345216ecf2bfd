#include <frame/mem.h>
#include <frame/cpu.h>
struct obj { int v; };
int same(struct obj *a, struct obj *b) { return a == b || a != NULL; }
int check(struct obj *p)
{
	if (!p)
		return 0;
	bool b = p;
	struct obj *q = NULL;
	q = 0;
	q = p;
	const struct obj *c = p;
	return b + (c == q) + p->v + (*p).v;
}
