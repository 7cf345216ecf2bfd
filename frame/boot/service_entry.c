/*
 * Where the framework hands over to the services. Until kernel/ provides a
 * strong service_main, this default only says so.
 */
#include <frame/boot.h>
#include "console/kprint.h"

__attribute__((weak)) void service_main(void)
{
	log_info("no services linked in");
}
