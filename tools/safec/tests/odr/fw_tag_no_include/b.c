#include <frame/task.h>
struct task *cur(void)
{
	return task_current();
}
