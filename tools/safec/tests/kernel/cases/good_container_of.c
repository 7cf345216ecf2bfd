/* CONTAINER_OF is the checked way back from a member to its heap object: it
 * passes the checker, written directly and inside a service helper. */
#include <frame/alloc.h>
struct link { struct link *next; };
struct item { int a; struct link link; struct link other; };
struct item *make(void) { return NEW(struct item); }
struct item *from_link(struct link *l) { return CONTAINER_OF(l, struct item, link); }
int other_a(struct link *l)
{
	struct item *it = CONTAINER_OF(l, struct item, other);
	return it->a;
}
