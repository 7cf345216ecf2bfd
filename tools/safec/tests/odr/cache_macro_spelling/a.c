/* `#T` is the unexpanded spelling: OBJ names two types of one size, and both
 * NEWs ask for the cache "a.c:OBJ" */
#include <frame/alloc.h>
struct victim {
	unsigned char *buf;
};
struct holder {
	unsigned long addr;
};
#define OBJ struct victim
struct victim *make_victim(void)
{
	return NEW(OBJ); /* expect: R12-odr */
}
#undef OBJ
#define OBJ struct holder
struct holder *make_holder(void)
{
	return NEW(OBJ); /* expect: R12-odr */
}
