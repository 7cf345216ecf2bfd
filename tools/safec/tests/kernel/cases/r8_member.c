#include <frame/mem.h>
#include <frame/cpu.h>
struct pair { u32 a; u32 b; };
void f(void)
{
	struct pair pr = {0};
	keep_ptr(&pr.b); /* expect: R8-noescape */
}
