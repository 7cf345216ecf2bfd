/*
 * The CMOS real-time clock, as the raw register values: the framework owns
 * the ports (0x70/0x71), the services do the date arithmetic (BCD, 12-hour
 * mode, calendar to epoch: kernel/time/rtc.c).
 */
#ifndef FRAME_RTC_H
#define FRAME_RTC_H

#include <frame/types.h>

struct rtc_raw {
	uint8_t sec, min, hour, day, month, year; /* registers 0, 2, 4, 7, 8, 9 as stored */
	uint8_t status_b; /* register 0x0b: bit 2 binary (else BCD), bit 1 24-hour mode */
};

/* One consistent reading, taken when no update is in progress. */
struct rtc_raw rtc_read_raw(void);

#endif /* FRAME_RTC_H */
