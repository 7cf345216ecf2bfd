/*
 * The COM1 UART (16550), the console for logs, panics and, later, the TTY.
 * Polled output; input is read by the TTY service through an IRQ line.
 *
 * SAFETY: ports 0x3f8..0x3ff belong to the framework's console.
 */
#include <frame/types.h>
#include "serial.h"
#include "../arch/x86_64/x86.h"

#define COM1 0x3f8

void serial_init(void)
{
	outb(COM1 + 1, 0x00); /* no interrupts yet */
	outb(COM1 + 3, 0x80); /* DLAB */
	outb(COM1 + 0, 0x01); /* 115200 baud */
	outb(COM1 + 1, 0x00);
	outb(COM1 + 3, 0x03); /* 8N1 */
	outb(COM1 + 2, 0xc7); /* FIFO on, cleared */
	outb(COM1 + 4, 0x0b); /* DTR, RTS, OUT2 */
}

void serial_putc_raw(char c)
{
	while (!(inb(COM1 + 5) & 0x20))
		cpu_relax();
	outb(COM1, (uint8_t)c);
}

void serial_putc(char c)
{
	if (c == '\n')
		serial_putc_raw('\r');
	serial_putc_raw(c);
}

int serial_getc(void)
{
	if (!(inb(COM1 + 5) & 0x01))
		return -1;
	return inb(COM1);
}

void serial_enable_rx_irq(void)
{
	outb(COM1 + 1, 0x01);
}
