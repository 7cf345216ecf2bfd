/*
 * Machine facts for services: memory totals, the wall-clock time at boot
 * read once from the CMOS real-time clock (ports 0x70/0x71, framework-owned),
 * and random bytes.
 *
 * SAFETY: port I/O on the RTC's index/data ports only; RDRAND writes only its
 * register operand.
 */
#include <frame/sysinfo.h>
#include "../arch/x86_64/x86.h"
#include "../mm/frame.h"

uint64_t mem_total_bytes(void)
{
	return frame_total_count() << PAGE_SHIFT;
}
uint64_t mem_free_bytes(void)
{
	return frame_free_count() << PAGE_SHIFT;
}

static uint8_t cmos(uint8_t reg)
{
	outb(0x70, reg);
	return inb(0x71);
}

static unsigned bcd(uint8_t v, bool binary)
{
	return binary ? v : (v & 0xf) + (v >> 4) * 10;
}

static uint64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	/* Days since 1970-01-01 of a proleptic Gregorian date. */
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	uint64_t yoe = (uint64_t)(y - era * 400);
	uint64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	uint64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (uint64_t)(era * 146097 + (int64_t)doe - 719468);
}

static uint64_t boot_epoch;

uint64_t rtc_boot_epoch_seconds(void)
{
	if (boot_epoch)
		return boot_epoch;
	while (cmos(0x0a) & 0x80)
		cpu_relax(); /* an update is in progress */
	uint8_t regb = cmos(0x0b);
	bool binary = regb & 0x04, h24 = regb & 0x02;
	unsigned sec = bcd(cmos(0x00), binary), min = bcd(cmos(0x02), binary);
	uint8_t hraw = cmos(0x04);
	unsigned hour = bcd(hraw & 0x7f, binary);
	if (!h24 && (hraw & 0x80))
		hour = (hour % 12) + 12;
	unsigned day = bcd(cmos(0x07), binary), mon = bcd(cmos(0x08), binary), year = bcd(cmos(0x09), binary) + 2000;
	boot_epoch = days_from_civil(year, mon, day) * 86400 + hour * 3600 + min * 60 + sec;
	return boot_epoch;
}

static uint64_t xorshift_state;

uint64_t random_u64(void)
{
	uint32_t a, b, c, d;
	cpuid(1, 0, &a, &b, &c, &d);
	if (c & (1u << 30)) {
		uint64_t r;
		unsigned char ok;
		/* SAFETY: RDRAND is present (CPUID.1:ECX.30) and writes only its operands. */
		__asm__ volatile("rdrand %0; setc %1" : "=r"(r), "=qm"(ok));
		if (ok)
			return r;
	}
	if (!xorshift_state)
		xorshift_state = rdtsc() | 1;
	xorshift_state ^= xorshift_state << 13;
	xorshift_state ^= xorshift_state >> 7;
	xorshift_state ^= xorshift_state << 17;
	return xorshift_state;
}

void random_fill(struct bytes b)
{
	size_t n = bytes_len(b);
	for (size_t i = 0; i < n; i += 8) {
		uint64_t r = random_u64();
		for (size_t j = 0; j < 8 && i + j < n; j++)
			bytes_set(b, i + j, (uint8_t)(r >> (8 * j)));
	}
}
