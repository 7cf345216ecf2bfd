#include <frame/alloc.h>
struct item {
	unsigned long addr;
};
struct item *make_item(void)
{
	return NEW(struct item); /* expect: R12-odr */
}
