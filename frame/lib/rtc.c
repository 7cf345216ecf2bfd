/*
 * The CMOS real-time clock's registers, read raw for the services.
 *
 * SAFETY: port I/O on the RTC's index/data ports (0x70/0x71) only; the
 * framework is their one user.
 */
#include <frame/rtc.h>
#include "../arch/x86_64/x86.h"

static uint8_t cmos(uint8_t reg)
{
	outb(0x70, reg);
	return inb(0x71);
}

struct rtc_raw rtc_read_raw(void)
{
	while (cmos(0x0a) & 0x80)
		cpu_relax(); /* an update is in progress */
	return (struct rtc_raw){ .sec = cmos(0x00),
				 .min = cmos(0x02),
				 .hour = cmos(0x04),
				 .day = cmos(0x07),
				 .month = cmos(0x08),
				 .year = cmos(0x09),
				 .status_b = cmos(0x0b) };
}
