#include <frame/task.h>
#include <frame/log.h>
/* framework functions read a const char * up to its NUL */
struct obj { char name[8]; struct service_task *st; };
struct service_task { int id; };
void body(struct service_task *st) { st->id = 2; }
void f(struct obj *o, const char *p)
{
	task_spawn_service(o->name, body, o->st); /* expect: R9-cstr */
	task_spawn_service(p, body, o->st); /* expect: R9-cstr */
	void (*sp)(const char *, void (*)(struct service_task *), struct service_task *) =
		task_spawn_service;
	sp(o->name, body, o->st); /* expect: R9-cstr */
	task_spawn_service("worker", body, o->st);
	task_spawn_service(o->st ? "a" : "b", body, o->st);
}
/* the service's own functions cannot index a pointer, so they cannot over-read */
static int first(const char *s) { return *s; }
int g(struct obj *o) { return first(o->name); }
