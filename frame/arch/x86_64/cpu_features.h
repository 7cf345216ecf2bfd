#ifndef ARCH_CPU_FEATURES_H
#define ARCH_CPU_FEATURES_H

#include <frame/types.h>

struct cpu_features {
	bool smep, smap, umip, nx, pdpe1gb, x2apic, tsc_deadline, invariant_tsc, xsave, fsgsbase, pcid;
	uint32_t xsave_size;
	uint64_t xcr0;
};

extern struct cpu_features cpu_features;
void cpu_features_init(void);

#endif
