#include <frame/log.h>
#include <frame/cpu.h>
#include <frame/task.h>
/* %s reads until NUL: a service array or pointer may have none */
struct obj { char name[8]; const char *label; };
void f(struct obj *o, const char *p, const char *q)
{
	log_warn("%s", o->name); /* expect: R7-vararg-ptr */
	log_info("%s", o->label); /* expect: R7-vararg-ptr */
	console_printf("%s %d", p, 3); /* expect: R7-vararg-ptr */
	log_warn("%s", task_name(task_current())); /* expect: R7-vararg-ptr */
	log_warn("%s", MIN(p, q)); /* expect: R7-vararg-ptr */
	log_info("%s", o->label ? o->label : "none"); /* expect: R7-vararg-ptr */
	log_info("%p", o); /* expect: R7-vararg-ptr */
	log_info("%s %d %s",
		 "ok", 1, o->name); /* expect: R7-vararg-ptr */
}
