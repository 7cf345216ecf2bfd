/* R15-shared-cap: the framework hands a service_task to another task */
#include <frame/bytes.h>
#include <frame/task.h>
struct service_task { /* expect: R15-shared-cap */
	int id;
	struct bytes arg;
};
