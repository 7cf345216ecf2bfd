#include <frame/log.h>
#include <frame/cpu.h>
/* with a literal format, clang checks each argument against it; a mismatch
 * is a finding even when the build does not use -Werror */
struct fake { unsigned long addr; };
void f(void)
{
	struct fake x = { 0x1000 };
	log_info("%s", 0x1000ul); /* expect: R7-format */
	log_warn("%s", x); /* expect: R7-format */
	console_printf("%d %s\n", 1); /* expect: R7-format */
	log_info("%lu", 0x1000ul);
}
