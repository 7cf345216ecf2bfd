#include <frame/mem.h>
#include <frame/sync.h>
/* framework objects with live links are never copied or assigned */
struct chan { struct mutex lock; struct wait_queue wq; int n; };
struct wait_queue saved;
struct chan *copy_of;
void f(struct chan *c __noescape)
{
	saved = c->wq; /* expect: R14-no-copy R14-no-copy */
	struct wait_queue q = c->wq; /* expect: R14-no-copy */
	(void)q;
	*copy_of = *c; /* expect: R14-no-copy R14-no-copy */
	c->wq = (struct wait_queue)WAIT_QUEUE_INIT; /* expect: R14-no-copy */
}
void by_value(struct mutex m); /* expect: R14-no-copy */
struct chan make(void); /* expect: R14-no-copy */
void fine(struct chan *c __noescape)
{
	struct wait_queue fresh = WAIT_QUEUE_INIT; /* a new one: nothing copied */
	(void)fresh;
	c->n = 1;
}
