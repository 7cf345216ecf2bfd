/* the framework hands one file's service_task to another: one definition */
#include <frame/task.h>
struct service_task { /* expect: R12-odr */
	int id;
};
void run_a(struct service_task *st)
{
	st->id = 1;
}
