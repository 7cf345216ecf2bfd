/* The user FPU state (fpu.c), for user_run. */
#ifndef USER_FPU_H
#define USER_FPU_H

#include <frame/user.h>
#include "../cpu/percpu.h"

/* Size the areas from CPUID and make their cache; once, at boot. */
void fpu_init(void);
/* Give ctx an area in the initial state (none when out of memory: user_run retries). */
void fpu_ctx_init(struct user_ctx *ctx);
/* Give ctx an area; false when out of memory. */
bool fpu_alloc_for(struct user_ctx *ctx);
/* Put ctx's state in the registers, saving the previous owner's. IRQs off. */
/* preserve_most: user_run keeps its values in registers across this rare call. */
__attribute__((preserve_most)) void fpu_switch_to(struct cpu_local *c, struct user_ctx *ctx);

/* Inline: on the way to user mode after every system call, and usually a no-op. */
static inline void fpu_make_current(struct cpu_local *c, struct user_ctx *ctx)
{
	if (c->fpu_owner != ctx)
		fpu_switch_to(c, ctx);
}

#endif
