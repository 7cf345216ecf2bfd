/*
 * Thin wrappers over privileged x86-64 instructions. Private to the framework:
 * control registers, MSRs and port I/O are sensitive state (DESIGN.md F1) and
 * no service header includes this file.
 *
 * SAFETY: each wrapper is one instruction whose effect is exactly its name;
 * callers inside frame/ own the invariants the instruction can break.
 */
#ifndef ARCH_X86_H
#define ARCH_X86_H

#include <frame/types.h>

#define MSR_EFER 0xc0000080u
#define MSR_STAR 0xc0000081u
#define MSR_LSTAR 0xc0000082u
#define MSR_SFMASK 0xc0000084u
#define MSR_FS_BASE 0xc0000100u
#define MSR_GS_BASE 0xc0000101u
#define MSR_KERNEL_GS_BASE 0xc0000102u
#define MSR_APIC_BASE 0x1bu
#define MSR_TSC_DEADLINE 0x6e0u

#define EFER_SCE (1u << 0)
#define EFER_NXE (1u << 11)

#define CR0_WP (1ul << 16)
#define CR4_PGE (1ul << 7)
#define CR4_OSFXSR (1ul << 9)
#define CR4_OSXMMEXCPT (1ul << 10)
#define CR4_UMIP (1ul << 11)
#define CR4_FSGSBASE (1ul << 16)
#define CR4_OSXSAVE (1ul << 18)
#define CR4_SMEP (1ul << 20)
#define CR4_SMAP (1ul << 21)

#define RFLAGS_IF (1ul << 9)

static inline void outb(uint16_t port, uint8_t v)
{
	/* SAFETY: port I/O on a framework-owned port. */
	__asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint8_t inb(uint16_t port)
{
	uint8_t v;
	/* SAFETY: port I/O on a framework-owned port. */
	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline void outw(uint16_t port, uint16_t v)
{
	/* SAFETY: as outb. */
	__asm__ volatile("outw %0, %1" : : "a"(v), "Nd"(port));
}

static inline void outl(uint16_t port, uint32_t v)
{
	/* SAFETY: as outb. */
	__asm__ volatile("outl %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint32_t inl(uint16_t port)
{
	uint32_t v;
	/* SAFETY: as inb. */
	__asm__ volatile("inl %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline uint64_t rdmsr(uint32_t msr)
{
	uint32_t lo, hi;
	/* SAFETY: reads an MSR the caller knows exists. */
	__asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

static inline void wrmsr(uint32_t msr, uint64_t v)
{
	/* SAFETY: the caller owns the MSR's semantics. */
	__asm__ volatile("wrmsr" : : "c"(msr), "a"((uint32_t)v), "d"((uint32_t)(v >> 32)) : "memory");
}

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;
	/* SAFETY: reads the time-stamp counter; no side effects. */
	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

#define DEFINE_CR(n)                                                         \
	static inline uint64_t read_cr##n(void)                              \
	{                                                                    \
		uint64_t v;                                                  \
		/* SAFETY: reading a control register has no side effect. */ \
		__asm__ volatile("mov %%cr" #n ", %0" : "=r"(v));            \
		return v;                                                    \
	}                                                                    \
	static inline void write_cr##n(uint64_t v)                           \
	{                                                                    \
		/* SAFETY: the caller owns the register's invariants. */     \
		__asm__ volatile("mov %0, %%cr" #n : : "r"(v) : "memory");   \
	}
DEFINE_CR(0)
DEFINE_CR(2)
DEFINE_CR(3)
DEFINE_CR(4)
#undef DEFINE_CR

static inline void cpuid(uint32_t leaf, uint32_t sub, uint32_t *a, uint32_t *b, uint32_t *c, uint32_t *d)
{
	/* SAFETY: CPUID only reads. */
	__asm__ volatile("cpuid" : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d) : "a"(leaf), "c"(sub));
}

static inline uint64_t read_rflags(void)
{
	uint64_t f;
	/* SAFETY: reads RFLAGS. */
	__asm__ volatile("pushfq; popq %0" : "=r"(f));
	return f;
}

static inline void irq_enable_raw(void)
{
	/* SAFETY: the caller knows interrupts may be taken from here on. */
	__asm__ volatile("sti" ::: "memory");
}

static inline void irq_disable_raw(void)
{
	/* SAFETY: masking interrupts is always safe. */
	__asm__ volatile("cli" ::: "memory");
}

static inline void cpu_halt(void)
{
	/* SAFETY: waits for an interrupt. */
	__asm__ volatile("hlt" ::: "memory");
}

static inline void cpu_relax(void)
{
	__asm__ volatile("pause" ::: "memory");
}

static inline void invlpg(uint64_t va)
{
	/* SAFETY: drops one TLB entry; never wrong, only slower. */
	__asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
}

static inline void stac(void)
{
	/* SAFETY: only the user-copy routines open user access. */
	__asm__ volatile("stac" ::: "memory");
}

static inline void clac(void)
{
	__asm__ volatile("clac" ::: "memory");
}

#endif /* ARCH_X86_H */
