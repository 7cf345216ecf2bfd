/* #line changes __FILE__: the key names b.c's cache of `struct item`, which
 * would hand out b.c's objects as this file's (the key's file must be the
 * file the NEW is written in) */
#include <frame/alloc.h>
struct item_a {
	unsigned char *buf;
};
#define item item_a
struct item_a *forge(void)
{
#line 6 "tools/safec/tests/odr/cache_line_forged/b.c" /* expect: R11-directive */
	return NEW(struct item); /* expect: R12-odr */
}
