#include <frame/task.h>
/* a second definition of the framework-declared service type: the framework
 * would hand kernel/process's objects to this file as this layout */
struct service_task { /* expect-build: odr */
	uint64_t words[8];
};
