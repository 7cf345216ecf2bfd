#include <frame/log.h>
/* a local array: R8 already rejects the call written by the service; through
 * a framework macro (the call itself is trusted) R7 does */
void f(void)
{
	char buf[4] = { 'a', 'b', 'c', 'd' };
	console_printf("%s", buf); /* expect: R8-noescape */
	log_warn("%s", buf); /* expect: R7-vararg-ptr */
}
