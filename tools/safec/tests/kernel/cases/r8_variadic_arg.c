#include <frame/mem.h>
#include <frame/cpu.h>
void f(void)
{
	int x = 0;
	log_info("%p", &x); /* expect: R8-noescape */
}
