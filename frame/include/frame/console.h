/*
 * The serial console as a device for the TTY service: raw bytes out and
 * in, and the IRQ line that says input has arrived. Line discipline,
 * echo and job control are the service's business.
 */
#ifndef FRAME_CONSOLE_H
#define FRAME_CONSOLE_H

#include <frame/types.h>
#include <frame/bytes.h>

struct irq_line;

/* Write all of b to the console ('\n' goes out as "\r\n" only when cooked is true). */
void console_write(struct bytes b, bool cooked);
/* The next received byte, or -1 when none is waiting. Callable from IRQ context. */
int console_read_byte(void);
/* Turn on receive interrupts and return their line (ISA IRQ 4). NULL on failure. */
struct irq_line *console_input_line(void);

#endif /* FRAME_CONSOLE_H */
