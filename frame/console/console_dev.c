/*
 * The console device offered to services (frame/console.h): output through
 * the same lock as the kernel log, so lines never tear, and input straight
 * from the UART.
 */
#include <frame/console.h>
#include <frame/irq.h>
#include <frame/spinlock.h>
#include "serial.h"
#include "../irq/irq_internal.h"

static struct spinlock_irq tx_lock = SPINLOCK_IRQ_INIT;

void console_write(struct bytes b, bool cooked)
{
	size_t n = bytes_len(b);
	spin_lock_irq(&tx_lock);
	for (size_t i = 0; i < n; i++) {
		char c = (char)bytes_get(b, i);
		if (c == '\n' && cooked)
			serial_putc('\n'); /* serial_putc adds the '\r' */
		else if (c == '\n')
			serial_putc_raw('\n');
		else
			serial_putc_raw(c);
	}
	spin_unlock_irq(&tx_lock);
}

int console_read_byte(void)
{
	return serial_getc();
}

struct irq_line *console_input_line(void)
{
	struct irq_line *line = irq_line_isa(4);
	if (line)
		serial_enable_rx_irq();
	return line;
}
