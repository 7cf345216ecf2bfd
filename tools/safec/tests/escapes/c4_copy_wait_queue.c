#include <frame/wait.h>
struct chan { struct wait_queue wq; int n; };
static struct chan *later;
static struct wait_queue snapshot;
void f(struct chan *c)
{
	snapshot = c->wq; /* expect: R14-no-copy R14-no-copy */
	*later = *c; /* expect: R14-no-copy R14-no-copy */
}
void g(void) { wake_up_all(&snapshot); }
