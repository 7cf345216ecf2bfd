#include <frame/mem.h>
#include <frame/slice.h>
/* G13: framework braces around a service-written value in a private field */
u8 heap[16];
struct bytes forged(u64 n)
{
	struct ctx c = CTX_INIT(n); /* fine: a public field */
	(void)c;
	return WRAP_RAW(heap, n); /* expect: R14-fw-init */
}
