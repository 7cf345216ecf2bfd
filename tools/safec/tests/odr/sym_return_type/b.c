/* ... and another file declares it returning a framework slice */
#include <frame/mem.h>
struct bytes mk(void); /* expect: R12-odr */
u8 peek(void)
{
	return bytes_get(mk(), 12345);
}
