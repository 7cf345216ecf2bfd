#include <frame/alloc.h>
/* two block-scope types of one size: one cache, so one's dangling pointer writes the other */
void *a(void)
{
	struct node { long x, y; }; /* expect: R12-odr */
	return NEW(struct node);
}
void *b(void)
{
	struct node { void *p; long n; }; /* expect: R12-odr */
	return NEW(struct node);
}
