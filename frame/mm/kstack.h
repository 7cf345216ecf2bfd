/* Kernel stacks in their own area, each with an unmapped guard page below it. */
#ifndef MM_KSTACK_H
#define MM_KSTACK_H

#include <frame/types.h>

struct kstack {
	uint64_t top; /* initial stack pointer */
	unsigned pages;
};

#define KSTACK_PAGES 4

int kstack_alloc(unsigned pages, struct kstack *out);
void kstack_free(struct kstack *s);
/* True when va lies in the unmapped guard below a stack (so a fault there is a stack overflow). */
bool kstack_is_guard(uint64_t va);

#endif
