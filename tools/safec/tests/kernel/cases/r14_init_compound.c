#include <frame/slice.h>
#include <frame/sync.h>
void on(void) { irq_restore((irqflags_t){ 0x200 }); } /* expect: R14-fw-init */
u8 rd(u8 *p) { return bytes_get((struct bytes){ p, 1ul << 40 }, 7); } /* expect: R14-fw-init */
struct bytes named(void) { return (struct bytes){ .__fw_len = 9 }; } /* expect: R14-fw-field */
irqflags_t keep(u64 v)
{
	irqflags_t f = (irqflags_t){
		v }; /* expect: R14-fw-init */
	return f;
}
