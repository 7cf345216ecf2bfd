#include <frame/log.h>
/* services never panic (DESIGN.md section 5), nor touch the stack protector */
void f(int x)
{
	if (x < 0)
		panic("negative"); /* expect: R9-symbol */
	FW_ASSERT(x != 3); /* expect: R9-symbol */
	__stack_chk_guard = 0; /* expect: R9-symbol */
	__stack_chk_fail(); /* expect: R9-symbol */
	if (x == 7)
		machine_exit(0);
}
struct cfg { char val[8]; };
bool g(struct cfg *c) { return boot_cmdline_get("k", c->val, 4096); } /* expect: R9-symbol R9-cstr */
