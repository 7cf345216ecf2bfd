#include <frame/task.h>
#include <frame/bytes.h>
/* a second definition of the framework-declared service type */
struct service_task { /* expect-build: odr */
	struct bytes forged;
};
