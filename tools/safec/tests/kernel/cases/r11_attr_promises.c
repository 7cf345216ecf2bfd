#include <frame/mem.h>
/* attributes whose promises nothing checks and the optimiser believes */
struct guard { u32 *held; };
u32 *kept;
static void keep(struct guard *g) { kept = g->held; }
void f(void)
{
	u32 x = 1;
	__attribute__((cleanup(keep))) struct guard g = { &x }; /* expect: R11-attr R8-noescape */
	(void)g;
}
__attribute__((returns_nonnull)) u32 *g1(void); /* expect: R11-attr */
void g2(u32 *p) __attribute__((nonnull(1))); /* expect: R11-attr */
__attribute__((pure)) int g3(int); /* expect: R11-attr */
__attribute__((const)) int g4(int); /* expect: R11-attr */
typedef u32 __attribute__((aligned(1))) unaligned_u32; /* expect: R11-attr */
[[gnu::cleanup(keep)]] int g5; /* expect: R11-attr */
