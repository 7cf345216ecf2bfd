#include <frame/slice.h>
#include <frame/sync.h>
struct obj { char name[8]; int ready; };
static struct wait_queue wq = WAIT_QUEUE_INIT;
struct bytes lit(void) { return BYTES_LIT("proc"); }
struct bytes field(struct obj *o) { return BYTES_OF_FIELD(o, name); }
void wait_ready(struct obj *o) { wait_event(&wq, o->ready); }
/* a service's own names that merely resemble the framework's are fine */
int slab_alloc_count;
int wait_prepared(void) { return slab_alloc_count; }
