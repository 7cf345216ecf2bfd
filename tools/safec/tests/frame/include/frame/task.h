/* Fake framework tasks for the safec tests (trusted code). */
#ifndef FRAME_TASK_H
#define FRAME_TASK_H
#include <frame/types.h>

struct task; /* opaque */
struct service_task; /* defined by services */
struct task *task_current(void);
const char *task_name(const struct task *t);
void task_spawn_service(const char *name, void (*fn)(struct service_task *st),
			struct service_task *st);
/* a tag first named in a return type */
struct run_queue *run_queue_of(struct task *t);
/* a tag first named inside a framework struct */
struct sched_policy {
	const char *name;
	struct policy_state *state;
};
/* a tag whose definition is framework-private but whose forward
 * declaration sits inside a typedef */
typedef struct timer_base timer_base_t;
#endif
