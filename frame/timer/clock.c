/*
 * The monotonic clock: the TSC, calibrated once against the PIT (or taken
 * from CPUID leaf 0x15 when the CPU states it), converted to nanoseconds
 * with a 32.32 fixed-point multiplier. The LAPIC timer is calibrated in the
 * same PIT window.
 *
 * Under QEMU's `-icount shift=0` the TSC and the PIT both count executed
 * instructions, so the clock is exact and repeatable.
 */
#include "console/kprint.h"
#include <frame/time.h>
#include "timer_internal.h"
#include "../arch/x86_64/x86.h"
#include "../irq/irq_internal.h"

extern uint64_t boot_entry_tsc;
uint64_t tsc_hz, lapic_timer_hz;
static uint64_t ns_mult; /* ns per TSC tick, 32.32 fixed point */

uint64_t tsc_to_ns(uint64_t delta)
{
	return (uint64_t)(((unsigned __int128)delta * ns_mult) >> 32);
}

void clock_tsc_params(uint64_t *tsc_base, uint64_t *ns_mult_out)
{
	*tsc_base = boot_entry_tsc;
	*ns_mult_out = ns_mult;
}

uint64_t clock_ns(void)
{
	if (!ns_mult)
		return 0;
	return tsc_to_ns(rdtsc() - boot_entry_tsc);
}

#define PIT_HZ 1193182u
#define CALIBRATE_MS 2u

void clock_init(void)
{
	uint32_t count = PIT_HZ * CALIBRATE_MS / 1000;
	/* PIT channel 2, gated by port 0x61 bit 0, speaker off; mode 0 counts down once. */
	outb(0x61, (inb(0x61) & ~0x02) | 0x01);
	outb(0x43, 0xb0);
	outb(0x42, count & 0xff);
	outb(0x42, count >> 8);
	lapic_timer_start_calibration();
	uint64_t t0 = rdtsc();
	uint32_t l0 = lapic_timer_current();
	while (!(inb(0x61) & 0x20))
		cpu_relax();
	uint64_t t1 = rdtsc();
	uint32_t l1 = lapic_timer_current();
	tsc_hz = (t1 - t0) * 1000 / CALIBRATE_MS;
	lapic_timer_hz = (uint64_t)(l0 - l1) * 1000 / CALIBRATE_MS;
	ns_mult = (NSEC_PER_SEC << 32) / tsc_hz;
	log_info("time: TSC %lu.%03lu MHz, LAPIC timer %lu kHz", tsc_hz / 1000000, (tsc_hz / 1000) % 1000,
		 lapic_timer_hz / 1000);
}
