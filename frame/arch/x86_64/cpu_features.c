/*
 * CPU feature discovery and the protection bits that follow from it:
 * SMEP and SMAP (the kernel never executes or touches user pages except in
 * the user-copy routines), UMIP (user mode cannot read descriptor tables),
 * WP and NX (set since boot.S). Each is turned on only when CPUID reports it;
 * QEMU's TCG `-cpu max` has all of them.
 */
#include "console/kprint.h"
#include "cpu_features.h"
#include "x86.h"

struct cpu_features cpu_features;

void cpu_features_init(void)
{
	uint32_t a, b, c, d, max_leaf, max_ext;
	cpuid(0, 0, &max_leaf, &b, &c, &d);
	cpuid(1, 0, &a, &b, &c, &d);
	cpu_features.x2apic = c & (1u << 21);
	cpu_features.tsc_deadline = c & (1u << 24);
	cpu_features.xsave = c & (1u << 26);
	cpu_features.pcid = c & (1u << 17);
	if (max_leaf >= 7) {
		cpuid(7, 0, &a, &b, &c, &d);
		cpu_features.fsgsbase = b & (1u << 0);
		cpu_features.smep = b & (1u << 7);
		cpu_features.smap = b & (1u << 20);
		cpu_features.umip = c & (1u << 2);
	}
	cpuid(0x80000000, 0, &max_ext, &b, &c, &d);
	if (max_ext >= 0x80000001) {
		cpuid(0x80000001, 0, &a, &b, &c, &d);
		cpu_features.nx = d & (1u << 20);
		cpu_features.pdpe1gb = d & (1u << 26);
	}
	if (max_ext >= 0x80000007) {
		cpuid(0x80000007, 0, &a, &b, &c, &d);
		cpu_features.invariant_tsc = d & (1u << 8);
	}

	uint64_t cr4 = read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT;
	if (cpu_features.smep)
		cr4 |= CR4_SMEP;
	if (cpu_features.smap)
		cr4 |= CR4_SMAP;
	if (cpu_features.umip)
		cr4 |= CR4_UMIP;
	/*
	 * CR4.FSGSBASE stays off: with it, user code could change its FS/GS base
	 * behind the kernel's back (WRFSBASE), and user_run caches both.
	 */
	if (cpu_features.xsave)
		cr4 |= CR4_OSXSAVE;
	write_cr4(cr4);
	write_cr0(read_cr0() | CR0_WP);

	if (cpu_features.xsave) {
		/* Enable x87, SSE and AVX state when offered; user FPU state is saved with XSAVE. */
		cpuid(0xd, 0, &a, &b, &c, &d);
		uint64_t supported = ((uint64_t)d << 32) | a;
		cpu_features.xcr0 = supported & 0x7;
		/* SAFETY: XCR0 holds only bits CPUID reports as supported, x87 always set. */
		__asm__ volatile("xsetbv" : : "c"(0), "a"((uint32_t)cpu_features.xcr0), "d"(0u));
		cpuid(0xd, 0, &a, &b, &c, &d);
		cpu_features.xsave_size = b;
	}
	log_info("cpu: smep=%d smap=%d umip=%d nx=%d x2apic=%d tsc-deadline=%d xsave=%d (%u bytes) fsgsbase=%d",
		 cpu_features.smep, cpu_features.smap, cpu_features.umip, cpu_features.nx, cpu_features.x2apic,
		 cpu_features.tsc_deadline, cpu_features.xsave, cpu_features.xsave_size, cpu_features.fsgsbase);
}
