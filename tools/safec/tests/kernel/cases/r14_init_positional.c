#include <frame/slice.h>
#include <frame/sync.h>
u8 heap[16];
struct bytes g = { heap, 1 << 20 }; /* expect: R14-fw-init R15-shared-cap */
irqflags_t fl = { 0x200 }; /* expect: R14-fw-init */
struct spinlock_irq sl = { 0, 0 }; /* expect: R14-fw-init */
struct bytes zero_twice = { 0, 0 }; /* expect: R14-fw-init R15-shared-cap */
u8 f(u8 *p)
{
	struct bytes s = { p, 4096 }; /* expect: R14-fw-init */
	return bytes_get(s, 100);
}
