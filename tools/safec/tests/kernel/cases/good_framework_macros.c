#include <frame/mem.h>
#include <frame/cpu.h>
struct node { int key; struct node *next; };
struct item { int a; struct node link; };
int f(void)
{
	struct item *it = NEW(struct item);
	if (it == NULL)
		return -1;
	it->a = 1;
	bool first = ONCE(it->a++);
	barrier();
	unsigned long t = read_tsc();
	int r = READ_ONCE(it->a);
	FREE(it);
	return (int)t + r + first;
}
int *step(int *p) { return PTR_ADD(p, 1); }
u8 at(struct bytes b, size_t i) { return BYTES_AT(b, i) + bytes_get(b, i); }
u32 dev(void) { return mmio_read32(0x1000); }
