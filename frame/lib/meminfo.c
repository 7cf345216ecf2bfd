/* Memory totals for services (sysinfo(2), /proc/meminfo): the frame allocator's counts in bytes. */
#include <frame/meminfo.h>
#include "../mm/frame.h"

uint64_t mem_total_bytes(void)
{
	return frame_total_count() << PAGE_SHIFT;
}

uint64_t mem_free_bytes(void)
{
	return frame_free_count() << PAGE_SHIFT;
}
