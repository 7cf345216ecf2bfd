/* the framework calls service_main(void): a definition taking a slice reads
 * one from whatever the registers hold */
#include <frame/mem.h>
void service_main(struct bytes b) /* expect: R12-odr */
{
	(void)bytes_get(b, 0);
}
