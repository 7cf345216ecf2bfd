#include <frame/task.h>
#include <frame/sync.h>
/* completing an opaque framework type gives a service its own view of the
 * framework's memory */
struct task { /* expect: R9-fw-tag */
	u64 saved_rsp;
	u64 stack_lo, stack_hi;
};
void corrupt(void) { task_current()->saved_rsp = 0; }
struct run_queue { int n; }; /* expect: R9-fw-tag */
struct policy_state { int x; }; /* expect: R9-fw-tag */
struct timer_base { u64 deadline; }; /* expect: R9-fw-tag */
