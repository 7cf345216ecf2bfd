#ifndef CONSOLE_SERIAL_H
#define CONSOLE_SERIAL_H
void serial_init(void);
void serial_putc(char c); /* "\n" becomes "\r\n" */
void serial_putc_raw(char c);
int serial_getc(void); /* -1 when no byte is waiting */
void serial_enable_rx_irq(void);
#endif
