#include <frame/task.h>
/* in C a struct defined inside another has file scope: this completes the
 * framework's struct task as well */
struct wrapper {
	struct task { /* expect: R9-fw-tag */
		u64 rsp;
	} t;
	int n;
};
u64 peek(void) { return task_current()->rsp; }
