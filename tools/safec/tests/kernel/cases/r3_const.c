#include <frame/mem.h>
/* string literals and const data stay read-only */
void poke(char *p __noescape) { *p = 'y'; }
static const u8 table[4] = {1, 2, 3, 4};
void fill_u8(u8 *p __noescape);
void f(void)
{
	char *p = "x"; /* expect: R3-const */
	*p = 'y';
	poke("abc"); /* expect: R3-const */
	fill_u8(table); /* expect: R3-const */
	const char *ok = "fine";
	(void)ok;
}
