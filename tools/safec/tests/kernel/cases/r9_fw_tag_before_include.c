/* defining the tag before the framework header declares it is no way round */
struct task { /* expect: R9-fw-tag */
	unsigned long saved_rsp;
};
#include <frame/task.h>
u64 peek(void) { return task_current()->saved_rsp; }
