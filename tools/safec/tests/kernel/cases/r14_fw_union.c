#include <frame/slice.h>
#include <frame/sync.h>
union pun {
	irqflags_t f; /* expect: R14-fw-union */
	u64 v;
};
void on(void)
{
	union pun u = { .f = irq_save() };
	u.v = 0x200;
	irq_restore(u.f);
}
union safe { u64 v; u32 w[2]; };
union holds_slice { struct bytes b; u64 v; }; /* expect: R6-union-ptr */
