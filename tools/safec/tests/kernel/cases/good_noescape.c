#include <frame/mem.h>
#include <frame/cpu.h>
struct acc { u32 total; };
static void add_to(struct acc *a __noescape, u32 v) { a->total += v; }
static void add_twice(struct acc *a __noescape, u32 v) { add_to(a, v); add_to(a, v); }
static int same(struct acc *a __noescape, struct acc *b __noescape) { return a == b; }
static u32 peek(const u32 *p __noescape) { return *p; }
u32 run(void)
{
	struct acc acc = {0};
	u32 x = 0, buf[4] = {0};
	struct bytes bb = {0};
	fill_u32(&x, 1);
	fill_u32(buf, 2);
	copy_to_local(&bb, 1);
	fw_compare(&acc, &x);
	add_twice(&acc, 3);
	if (same(&acc, &acc))
		return peek(&x) + acc.total + buf[0];
	return 0;
}
