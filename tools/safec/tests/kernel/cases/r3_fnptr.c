#include <frame/mem.h>
#include <frame/cpu.h>
static int other(int x) { return x; }
void f(void)
{
	void (*fp)(void) = (void (*)(void))other; /* expect: R3-ptr-cast */
	(void)fp;
}
