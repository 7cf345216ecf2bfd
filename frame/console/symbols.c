/*
 * The static-object table that the second link step appends (.ksyms, see
 * tools/gen-ksyms.sh), for BYTES_OF_FIELD, and the backtrace of panics: a
 * frame pointer walk that refuses to follow a frame pointer outside kernel
 * memory, so a corrupted stack ends the backtrace instead of faulting inside
 * panic. Backtraces are bare addresses: tools/symbolise.sh names them (and
 * a sanitizer trap's source line) on the host, from the ELF.
 */
#include "console/kprint.h"
#include "symbols.h"
#include "../mm/layout.h"

struct kdata {
	uint64_t addr;
	uint64_t size;
};

extern const struct kdata kdata_table[];
extern const uint64_t kdata_count;

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
	console_printf("  #0  %016lx\n", rip);
	for (unsigned depth = 1; depth < 24 && plausible_frame(rbp); depth++) {
		/* SAFETY: rbp was checked to lie in mapped kernel memory; a frame record is two words. */
		const uint64_t *frame = (const uint64_t *)rbp;
		uint64_t ret = frame[1];
		if (ret < (uint64_t)__kernel_start || ret >= (uint64_t)__text_end)
			break;
		console_printf("  #%-2u %016lx\n", depth, ret - 1);
		if (frame[0] <= rbp)
			break;
		rbp = frame[0];
	}
}
