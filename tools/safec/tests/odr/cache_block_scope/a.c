/* the reviewer's example: two block-scope `struct node`s of one size in one
 * file share the cache "a.c:struct node" */
#include <frame/alloc.h>
void *keep_a(void)
{
	struct node { /* expect: R12-odr */
		unsigned char *buf;
	};
	struct node *n = NEW(struct node); /* expect: R12-odr */
	return n;
}
void *keep_b(void)
{
	struct node { /* expect: R12-odr */
		unsigned long addr;
	};
	struct node *n = NEW(struct node); /* expect: R12-odr */
	return n;
}
