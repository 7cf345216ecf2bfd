/* the service entry point, defined with the framework's type */
#include <frame/boot.h>
int started;
void service_main(void)
{
	started = 1;
}
