#include <frame/mem.h>
#include <frame/cpu.h>
struct guard { int held; };
static void release(struct guard *g __noescape) { g->held = 0; }
__attribute__((unused)) static int helper(int x) { return x; }
__attribute__((noreturn, cold)) void die(void);
__attribute__((warn_unused_result)) int compute(int);
int sw(int x)
{
	struct guard g = {1};
	release(&g);
	switch (x) {
	case 1:
		x++;
		__attribute__((fallthrough));
	default:
		break;
	}
	return x + g.held;
}
