/* a declaration of the right type is fine */
#include <frame/boot.h>
void start(void)
{
	service_main();
}
