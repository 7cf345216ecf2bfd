/*
 * The console device offered to services (frame/console.h): output under
 * the framework's console lock (kprint.c), so lines never tear, and input
 * straight from the UART.
 */
#include <frame/console.h>
#include <frame/irq.h>
#include "kprint.h"
#include "serial.h"
#include "../irq/irq_internal.h"

void console_write(struct bytes b, bool cooked)
{
	size_t n = bytes_len(b);
	console_lock();
	for (size_t i = 0; i < n; i++) {
		char c = (char)bytes_get(b, i);
		if (c == '\n' && cooked)
			serial_putc('\n'); /* serial_putc adds the '\r' */
		else
			serial_putc_raw(c);
	}
	console_unlock();
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
