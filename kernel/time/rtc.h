/* The wall-clock time at boot, from the CMOS clock's raw registers (frame/rtc.h). */
#ifndef KERNEL_TIME_RTC_H
#define KERNEL_TIME_RTC_H

#include <frame/types.h>
#include <frame/rtc.h>

/* Seconds since the Unix epoch when the kernel started (read once, then cached). */
uint64_t rtc_boot_epoch_seconds(void);
/* The seconds since the epoch a raw reading stands for (BCD or binary, 12- or 24-hour; years 2000-2099). */
uint64_t rtc_raw_to_epoch(struct rtc_raw r);
/* Days from 1970-01-01 to a date of the proleptic Gregorian calendar. */
int64_t days_from_civil(int64_t y, unsigned m, unsigned d);

#endif /* KERNEL_TIME_RTC_H */
