/*
 * Symbolisation for panics: a binary search over the sorted table that the
 * second link step appends (.ksyms, see tools/gen-ksyms.sh), and a frame
 * pointer walk that refuses to follow a frame pointer outside kernel memory,
 * so a corrupted stack ends the backtrace instead of faulting inside panic.
 */
#include "console/kprint.h"
#include "symbols.h"
#include "../mm/layout.h"

struct ksym {
	uint64_t addr;
	uint32_t name_off;
	uint32_t size;
};

struct ktrapsite {
	uint64_t addr;
	uint32_t loc_off;
	uint32_t pad;
};

extern const struct ksym ksym_table[];
extern const uint64_t ksym_count;
extern const char ksym_names[];
struct kdata {
	uint64_t addr;
	uint64_t size;
};

extern const struct kdata kdata_table[];
extern const uint64_t kdata_count;
extern const struct ktrapsite ktrapsite_table[];
extern const uint64_t ktrapsite_count;

const char *symbol_lookup(uint64_t addr, uint64_t *offset)
{
	uint64_t lo = 0, hi = ksym_count;
	if (!hi || addr < ksym_table[0].addr)
		return NULL;
	while (hi - lo > 1) {
		uint64_t mid = (lo + hi) / 2;
		if (ksym_table[mid].addr <= addr)
			lo = mid;
		else
			hi = mid;
	}
	const struct ksym *s = &ksym_table[lo];
	if (s->size && addr >= s->addr + s->size)
		return NULL;
	*offset = addr - s->addr;
	return &ksym_names[s->name_off];
}

bool static_object_lookup(uint64_t addr, uint64_t *start, uint64_t *size)
{
	uint64_t lo = 0, hi = kdata_count;
	if (!hi || addr < kdata_table[0].addr)
		return false;
	while (hi - lo > 1) {
		uint64_t mid = (lo + hi) / 2;
		if (kdata_table[mid].addr <= addr)
			lo = mid;
		else
			hi = mid;
	}
	const struct kdata *d = &kdata_table[lo];
	if (addr >= d->addr + d->size)
		return false;
	*start = d->addr;
	*size = d->size;
	return true;
}

const char *trap_site_lookup(uint64_t addr)
{
	uint64_t lo = 0, hi = ktrapsite_count;
	while (lo < hi) {
		uint64_t mid = (lo + hi) / 2;
		if (ktrapsite_table[mid].addr == addr)
			return &ksym_names[ktrapsite_table[mid].loc_off];
		if (ktrapsite_table[mid].addr < addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static void print_frame(unsigned depth, uint64_t rip)
{
	uint64_t off = 0;
	const char *name = symbol_lookup(rip, &off);
	if (name)
		console_printf("  #%-2u %016lx %s+0x%lx\n", depth, rip, name, off);
	else
		console_printf("  #%-2u %016lx ?\n", depth, rip);
}

static bool plausible_frame(uint64_t rbp)
{
	if (rbp & 7)
		return false;
	return (rbp >= STACK_AREA_BASE && rbp < STACK_AREA_BASE + STACK_AREA_SIZE) ||
	       (rbp >= (uint64_t)__kernel_start && rbp < (uint64_t)__bss_end) ||
	       (rbp >= DIRECT_MAP_BASE && rbp < DIRECT_MAP_BASE + DIRECT_MAP_SIZE);
}

void backtrace_print(uint64_t rip, uint64_t rbp)
{
	console_printf("backtrace:\n");
	print_frame(0, rip);
	for (unsigned depth = 1; depth < 24 && plausible_frame(rbp); depth++) {
		/* SAFETY: rbp was checked to lie in mapped kernel memory; a frame record is two words. */
		const uint64_t *frame = (const uint64_t *)rbp;
		uint64_t ret = frame[1];
		if (ret < (uint64_t)__kernel_start || ret >= (uint64_t)__text_end)
			break;
		print_frame(depth, ret - 1);
		if (frame[0] <= rbp)
			break;
		rbp = frame[0];
	}
}
