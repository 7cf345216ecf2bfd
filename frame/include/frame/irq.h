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

/* A line for a legacy ISA interrupt (0..15) routed through the IOAPIC; NULL when it is the framework's. */
struct irq_line *irq_line_isa(unsigned isa_irq);
/* A free vector for message-signalled interrupts; NULL when none is left. */
struct irq_line *irq_line_alloc(void);
/*
 * Add a callback to the line (lines can be shared) and unmask it. An action
 * is on one line at a time (attaching it twice panics), and FREE panics on
 * an object that still holds an attached action: detach it first.
 */
void irq_line_attach(struct irq_line *line, struct irq_action *a, irq_fn fn);
/* Remove the callback from the line (masked when none is left); panics when it is not attached there. */
void irq_line_detach(struct irq_line *line, struct irq_action *a);
unsigned irq_line_vector(const struct irq_line *line);
/* Number of interrupts the line has taken (for /proc/interrupts and tests). */
uint64_t irq_line_count(const struct irq_line *line);

/* container_of: from a pointer to a member back to its enclosing object. Unchecked: framework only. */
#define container_of(ptr, type, member)                                                                           \
	({                                                                                                        \
		_Static_assert(__builtin_types_compatible_p(__typeof__(*(ptr)), __typeof__(((type *)0)->member)), \
			       "container_of: pointer type does not match the member");                           \
		(type *)((char *)(ptr) - offsetof(type, member));                                                 \
	})

#endif /* FRAME_IRQ_H */
