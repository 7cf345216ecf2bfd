/* R15-shared-cap: a static local is one object for every task that runs the function */
#include <frame/bytes.h>
struct holder {
	struct bytes name;
};
u8 remember(struct bytes b)
{
	static struct bytes last; /* expect: R15-shared-cap */
	static struct holder many[2]; /* expect: R15-shared-cap */
	static struct bytes_buf fine; /* a one-word handle: allowed */
	last = b;
	many[1].name = b;
	(void)fine;
	return bytes_get(last, 0);
}
