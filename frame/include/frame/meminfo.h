/* How much memory the machine has and how much is free, for sysinfo(2) and /proc/meminfo. */
#ifndef FRAME_MEMINFO_H
#define FRAME_MEMINFO_H

#include <frame/types.h>

uint64_t mem_total_bytes(void);
uint64_t mem_free_bytes(void);

#endif /* FRAME_MEMINFO_H */
