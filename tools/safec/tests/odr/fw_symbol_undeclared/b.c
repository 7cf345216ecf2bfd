#include <frame/mem.h>
int cpu_b(void)
{
	return frame_cpu_id();
}
