/* The parsed PVH start_info. Framework-private except through frame/boot.h. */
#ifndef BOOT_BOOT_INFO_H
#define BOOT_BOOT_INFO_H

#include <frame/types.h>

#define BOOT_MAX_REGIONS 64

enum mem_type { MEM_USABLE = 1, MEM_RESERVED = 2, MEM_ACPI = 3, MEM_NVS = 4, MEM_BAD = 5 };

struct mem_region {
	uint64_t base, size;
	uint32_t type;
};

struct boot_info {
	struct mem_region regions[BOOT_MAX_REGIONS];
	unsigned nr_regions;
	char cmdline[512];
	uint64_t initrd_base, initrd_size;
	uint64_t rsdp;
	uint64_t entry_tsc;
};

extern struct boot_info boot_info;
void boot_info_parse(uint32_t start_info_pa);
/* Framework-internal: true when `key` is on the command line as a flag or as key=value; the value (empty for
 * a flag) is copied into buf, cut to cap - 1 bytes and NUL-terminated. */
bool boot_cmdline_get(const char *key, char *buf, size_t cap);

#endif
