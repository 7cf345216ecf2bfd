/*
 * The per-CPU block, reached through the GS base. Private to the framework.
 * The first field points at the block itself so `this_cpu()` is one load.
 */
#ifndef CPU_PERCPU_H
#define CPU_PERCPU_H

#include <frame/types.h>
#include <frame/cpu.h>

struct task;
struct tss;

struct cpu_local {
	struct cpu_local *self;      /* %gs:0 */
	uint64_t user_rsp_scratch;   /* %gs:8, syscall entry */
	uint64_t kernel_rsp;         /* %gs:16, syscall entry */
	uint32_t preempt_count;      /* %gs:24 */
	uint32_t irq_depth;          /* %gs:28: nesting of interrupt handlers */
	struct task *current;        /* %gs:32 */
	struct task *prev_task;      /* the task being switched away from */
	bool need_resched;
	unsigned id;
	uint32_t apic_id;
	struct task *idle;
	struct tss *tss;
	uint64_t ticks;
};

#define CPU_LOCAL_PREEMPT_OFFSET 24
#define CPU_LOCAL_CURRENT_OFFSET 32

static inline struct cpu_local *this_cpu(void)
{
	struct cpu_local *c;
	/* SAFETY: GS base points at this CPU's block from cpu_init_early on. */
	__asm__ volatile("movq %%gs:0, %0" : "=r"(c));
	return c;
}

extern struct cpu_local cpu_locals[MAX_CPUS];
extern unsigned nr_cpus;
void cpu_init_early(void);

#endif /* CPU_PERCPU_H */
