/* CONTAINER_OF in the file that allocates: its key and NEW's name one type,
 * and the checker reads the looked-up type from the expansion. No finding. */
#include <frame/alloc.h>
struct link {
	struct link *next;
};
struct holder {
	long v;
	struct link link;
};
struct holder *make_holder(void)
{
	return NEW(struct holder);
}
struct holder *holder_of(struct link *l)
{
	return CONTAINER_OF(l, struct holder, link);
}
