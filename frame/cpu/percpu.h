/*
 * The per-CPU block, reached through the GS base. Private to the framework.
 * The first field points at the block itself so `this_cpu()` is one load.
 */
#ifndef CPU_PERCPU_H
#define CPU_PERCPU_H

#include <frame/types.h>
#include <frame/cpu.h>
#include "../arch/x86_64/x86.h"

struct task;
struct tss;
struct user_ctx;

struct cpu_local {
	struct cpu_local *self; /* %gs:0 */
	uint64_t user_rsp_scratch; /* %gs:8, syscall entry */
	uint64_t kernel_rsp; /* %gs:16, syscall entry */
	uint32_t preempt_count; /* %gs:24 */
	uint32_t irq_depth; /* %gs:28: nesting of interrupt handlers */
	struct task *current; /* %gs:32 */
	struct tss *tss; /* %gs:40 */
	struct task *prev_task; /* the task being switched away from */
	bool need_resched;
	unsigned id;
	uint32_t apic_id;
	struct task *idle;
	uint64_t ticks;
	struct user_ctx *fpu_owner; /* whose user FPU state is in the registers */
	uint64_t user_fs_base; /* what FS_BASE holds now */
	uint64_t user_gs_base; /* what KERNEL_GS_BASE (the user's GS) holds now */
};

#define CPU_LOCAL_PREEMPT_OFFSET 24
#define CPU_LOCAL_CURRENT_OFFSET 32
#define CPU_LOCAL_TSS_OFFSET 40

static inline struct cpu_local *this_cpu(void)
{
	struct cpu_local *c;
	/* SAFETY: GS base points at this CPU's block from cpu_init_early on. */
	__asm__ volatile("movq %%gs:0, %0" : "=r"(c));
	return c;
}

/* The current task, in one load (framework-internal; services call task_current). */
static inline struct task *current_task(void)
{
	struct task *t;
	/* SAFETY: as this_cpu; the offset is CPU_LOCAL_CURRENT_OFFSET. */
	__asm__ volatile("movq %%gs:32, %0" : "=r"(t));
	return t;
}

/* in_atomic without the calls: preemption off, in an IRQ handler, or IRQs off. */
static inline bool in_atomic_fast(void)
{
	uint64_t flags;
	__asm__ volatile("pushfq; popq %0" : "=r"(flags));
	struct cpu_local *c = this_cpu();
	return c->preempt_count || c->irq_depth || !(flags & (1ul << 9));
}

void might_sleep_failed(void);
/* Switch away from a task that is preempted (task/sched.c): from IRQ exit or preemption coming back on. */
void sched_preempt(void);

/*
 * The preemption counter, one instruction each way (an interrupt cannot tear
 * it), inline because every lock takes it. Dropping it to zero with a
 * reschedule pending and interrupts on preempts at once.
 */
static inline void preempt_count_inc(void)
{
	/* SAFETY: one instruction on this CPU's counter (%gs:24, CPU_LOCAL_PREEMPT_OFFSET). */
	__asm__ volatile("incl %%gs:24" ::: "memory");
}

static inline void preempt_count_dec(void)
{
	/* SAFETY: as preempt_count_inc. */
	__asm__ volatile("decl %%gs:24" ::: "memory");
	struct cpu_local *c = this_cpu();
	if (__builtin_expect(c->preempt_count == 0 && c->need_resched, 0) && (read_rflags() & RFLAGS_IF))
		sched_preempt();
}

/* might_sleep for framework code: the check inline, the report out of line. */
static inline void might_sleep_fast(void)
{
	if (__builtin_expect(in_atomic_fast(), 0))
		might_sleep_failed();
}

extern struct cpu_local cpu_locals[MAX_CPUS];
extern unsigned nr_cpus;
void cpu_init_early(void);
/* Preemption off or inside an interrupt handler (interrupts may be off either way). */
bool in_atomic_except_irqs(void);
unsigned cpu_id(void);
/* Preemption control for framework code (services take a spinlock instead). */
void preempt_disable(void);
void preempt_enable(void);
bool irqs_enabled(void);

#endif /* CPU_PERCPU_H */
