/*
 * IRQ lines (F11): the only way code outside the interrupt entry path sees
 * an interrupt is a callback registered on a line. Callbacks run with
 * interrupts off on the interrupted task's stack; they must not sleep.
 */
#ifndef FRAME_IRQ_H
#define FRAME_IRQ_H

#include <frame/types.h>

struct irq_line; /* opaque */

struct irq_action;
typedef void (*irq_fn)(struct irq_action *a);

/* Embed in your object and find it again with CONTAINER_OF (frame/alloc.h) in the callback. */
struct irq_action {
	irq_fn __fw_fn;
	struct irq_action *__fw_next;
};

/*
 * Add a callback to the line (lines can be shared) and unmask it. An action
 * is on one line at a time (attaching it twice panics), and FREE panics on
 * an object that still holds an attached action: detach it first.
 */
void irq_line_attach(struct irq_line *line, struct irq_action *a, irq_fn fn);

/* container_of: from a pointer to a member back to its enclosing object. Unchecked: framework only. */
#define container_of(ptr, type, member)                                                                           \
	({                                                                                                        \
		_Static_assert(__builtin_types_compatible_p(__typeof__(*(ptr)), __typeof__(((type *)0)->member)), \
			       "container_of: pointer type does not match the member");                           \
		(type *)((char *)(ptr) - offsetof(type, member));                                                 \
	})

#endif /* FRAME_IRQ_H */
