/*
 * Date arithmetic over the CMOS clock: the framework hands over the raw
 * registers, this turns them into seconds since the Unix epoch.
 */
#include <frame/atomic.h>
#include "time/rtc.h"

static unsigned from_bcd(uint8_t v, bool binary)
{
	return binary ? v : (v & 0xfu) + (v >> 4) * 10u;
}

int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	/* Eras of 400 years repeat exactly; count days within one, March-based so Feb 29 comes last. */
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (int64_t)(m > 2 ? m - 3 : m + 9) + 2) / 5 + (int64_t)d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

uint64_t rtc_raw_to_epoch(struct rtc_raw r)
{
	bool binary = r.status_b & 0x04, h24 = r.status_b & 0x02;
	unsigned hour = from_bcd(r.hour & 0x7f, binary);
	if (!h24 && (r.hour & 0x80))
		hour = (hour % 12) + 12; /* the top bit marks PM */
	else if (!h24 && hour == 12)
		hour = 0; /* 12 AM is midnight */
	unsigned mon = from_bcd(r.month, binary), day = from_bcd(r.day, binary);
	if (mon < 1 || mon > 12 || day < 1 || day > 31)
		return 0; /* not a date: report the epoch rather than nonsense */
	int64_t days = days_from_civil(2000 + (int64_t)from_bcd(r.year, binary), mon, day);
	return (uint64_t)days * 86400 + hour * 3600 + from_bcd(r.min, binary) * 60 + from_bcd(r.sec, binary);
}

static uint64_t boot_epoch;

uint64_t rtc_boot_epoch_seconds(void)
{
	/* Racing first callers both read the clock and store the same value. */
	uint64_t t = atomic_load_u64(&boot_epoch);
	if (!t) {
		t = rtc_raw_to_epoch(rtc_read_raw());
		atomic_store_u64(&boot_epoch, t);
	}
	return t;
}
