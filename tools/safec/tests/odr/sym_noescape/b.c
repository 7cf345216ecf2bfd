/* ... while this file's declaration promises it does not, so R8 lets it pass
 * a stack address */
#include <frame/types.h>
void keep(int *p __noescape); /* expect: R12-odr */
void use(void)
{
	int local = 1;
	keep(&local);
}
