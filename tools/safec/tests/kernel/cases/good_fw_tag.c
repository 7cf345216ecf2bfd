#include <frame/task.h>
#include <frame/sync.h>
/* struct service_task is declared by the framework for services to define */
struct service_task {
	int id;
	struct task *t;
};
/* forward declarations and uses of framework tags are fine */
struct task;
struct run_queue;
struct waiter;
struct own { struct task *t; struct run_queue *rq; };
void body(struct service_task *st) { st->id = 1; }
void start(struct service_task *st) { task_spawn_service("svc", body, st); }
