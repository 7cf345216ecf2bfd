/* R15-shared-cap: a compound literal outside a function has static storage */
#include <frame/bytes.h>
struct holder {
	const struct bytes *p;
};
struct holder h = { &(struct bytes){ 0 } }; /* expect: R15-shared-cap R8-noescape */
u8 f(void)
{
	return bytes_get(*h.p, 0);
}
