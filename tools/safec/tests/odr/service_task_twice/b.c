#include <frame/task.h>
struct service_task { /* expect: R12-odr */
	unsigned char *buf;
};
void run_b(struct service_task *st)
{
	st->buf = 0;
}
