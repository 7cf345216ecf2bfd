#include <frame/mem.h>
#include <frame/cpu.h>
void hello(int x)
{
	log_info("x=%d", x);
	LOG("hi %d %s", 1, "there");
}
