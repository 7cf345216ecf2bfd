/*
 * Parsing the PVH hvm_start_info block (Xen's public arch-x86/hvm/start_info.h
 * layout, version 1, which also carries the E820 memory map).
 *
 * SAFETY: the block, its module list, memory map and command line live in
 * low memory below 4 GiB, which the boot page tables map in the direct map;
 * every length is clamped to our fixed-size copies.
 */
#include <frame/panic.h>
#include <frame/boot.h>
#include "boot_info.h"
#include "../mm/layout.h"
#include "../mm/bytes_internal.h"

#define PVH_MAGIC 0x336ec578u

struct hvm_start_info {
	uint32_t magic, version, flags, nr_modules;
	uint64_t modlist_paddr, cmdline_paddr, rsdp_paddr, memmap_paddr;
	uint32_t memmap_entries, reserved;
};

struct hvm_modlist_entry {
	uint64_t paddr, size, cmdline_paddr, reserved;
};

struct hvm_memmap_entry {
	uint64_t addr, size;
	uint32_t type, reserved;
};

struct boot_info boot_info;

void boot_info_parse(uint32_t start_info_pa)
{
	const struct hvm_start_info *si = phys_to_virt(start_info_pa);
	if (si->magic != PVH_MAGIC)
		panic("not booted through PVH: bad start_info magic %#x", si->magic);
	if (si->version < 1 || !si->memmap_paddr)
		panic("PVH start_info version %u has no memory map", si->version);

	const struct hvm_memmap_entry *mm = phys_to_virt(si->memmap_paddr);
	for (uint32_t i = 0; i < si->memmap_entries && boot_info.nr_regions < BOOT_MAX_REGIONS; i++)
		boot_info.regions[boot_info.nr_regions++] =
		    (struct mem_region){ .base = mm[i].addr, .size = mm[i].size, .type = mm[i].type };

	if (si->cmdline_paddr) {
		const char *c = phys_to_virt(si->cmdline_paddr);
		size_t n = 0;
		while (c[n] && n + 1 < sizeof(boot_info.cmdline)) {
			boot_info.cmdline[n] = c[n];
			n++;
		}
	}
	if (si->nr_modules >= 1 && si->modlist_paddr) {
		const struct hvm_modlist_entry *mod = phys_to_virt(si->modlist_paddr);
		boot_info.initrd_base = mod->paddr;
		boot_info.initrd_size = mod->size;
	}
	boot_info.rsdp = si->rsdp_paddr;
}

struct bytes boot_cmdline_raw(void)
{
	size_t n = 0;
	while (boot_info.cmdline[n])
		n++;
	return bytes_from_raw(boot_info.cmdline, n, true);
}

/* The framework's own look-up (ktest): `key` as a flag or `key=value`, the value copied into buf. */
bool boot_cmdline_get(const char *key, char *buf, size_t cap)
{
	const char *c = boot_info.cmdline;
	for (size_t i = 0; c[i];) {
		while (c[i] == ' ')
			i++;
		size_t j = 0;
		while (key[j] && c[i + j] == key[j])
			j++;
		if (!key[j] && (c[i + j] == ' ' || c[i + j] == '\0' || c[i + j] == '=')) {
			const char *v = c[i + j] == '=' ? &c[i + j + 1] : &c[i + j];
			size_t n = 0;
			while (v[n] && v[n] != ' ' && n + 1 < cap) {
				buf[n] = v[n];
				n++;
			}
			if (cap)
				buf[n] = '\0';
			return true;
		}
		while (c[i] && c[i] != ' ')
			i++;
	}
	return false;
}

struct bytes boot_initrd(void)
{
	if (!boot_info.initrd_size)
		return bytes_empty();
	return bytes_from_raw(phys_to_virt(boot_info.initrd_base), boot_info.initrd_size, true);
}
