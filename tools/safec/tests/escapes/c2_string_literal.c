#include <frame/types.h>
void f(void)
{
	char *p = "x"; /* expect: R3-const */
	*p = 'y';
}
