/* ktests for the CMOS date arithmetic. */
#include <frame/ktest.h>
#include "time/rtc.h"

KTEST(rtc_reports_a_plausible_date)
{
	uint64_t t = rtc_boot_epoch_seconds();
	KT_ASSERT(t > 1600000000ull); /* after 2020 */
	KT_ASSERT(t < 4102444800ull); /* before 2100 */
}

KTEST(rtc_days_from_civil_known_dates)
{
	KT_EQ(days_from_civil(1970, 1, 1), 0);
	KT_EQ(days_from_civil(2000, 3, 1), 11017);
	KT_EQ(days_from_civil(2024, 2, 29), 19782);
	KT_EQ(days_from_civil(1969, 12, 31), -1);
}

KTEST(rtc_raw_bcd_and_binary_agree)
{
	/* 2024-02-29 13:45:30, once as BCD in 12-hour mode (PM flag), once binary 24-hour. */
	struct rtc_raw bcd = {
		.sec = 0x30, .min = 0x45, .hour = 0x80 | 0x01, .day = 0x29, .month = 0x02, .year = 0x24
	};
	struct rtc_raw bin = { .sec = 30, .min = 45, .hour = 13, .day = 29, .month = 2, .year = 24, .status_b = 0x06 };
	uint64_t want = 19782ull * 86400 + 13 * 3600 + 45 * 60 + 30;
	KT_EQ(rtc_raw_to_epoch(bcd), want);
	KT_EQ(rtc_raw_to_epoch(bin), want);
	struct rtc_raw midnight = { .hour = 0x12, .day = 0x01, .month = 0x01, .year = 0x00 };
	KT_EQ(rtc_raw_to_epoch(midnight), 10957ull * 86400); /* 12 AM on 2000-01-01 */
}
