/*
 * The local APIC: end-of-interrupt, the timer, the CPU's APIC id. xAPIC
 * (MMIO) or x2APIC (MSRs) when the CPU offers it. The LAPIC is sensitive
 * (F10): its window is mapped here and never handed out.
 *
 * SAFETY: `lapic_mmio` is the uncached mapping of the LAPIC page; every
 * access is a 32-bit aligned register offset below 0x400.
 */
#include "console/kprint.h"
#include "irq_internal.h"
#include "../arch/x86_64/x86.h"
#include "../arch/x86_64/cpu_features.h"
#include "../mm/page_table.h"

#define LAPIC_ID 0x020
#define LAPIC_TPR 0x080
#define LAPIC_EOI 0x0b0
#define LAPIC_SVR 0x0f0
#define LAPIC_ICR_LO 0x300
#define LAPIC_ICR_HI 0x310
#define LAPIC_LVT_TIMER 0x320
#define LAPIC_LVT_LINT0 0x350
#define LAPIC_LVT_LINT1 0x360
#define LAPIC_TIMER_INIT 0x380
#define LAPIC_TIMER_CUR 0x390
#define LAPIC_TIMER_DIV 0x3e0
#define LVT_MASKED (1u << 16)
#define LVT_TSC_DEADLINE (2u << 17)

static volatile uint32_t *lapic_mmio;
static bool use_x2apic;

static uint32_t lapic_read(unsigned reg)
{
	if (use_x2apic)
		return (uint32_t)rdmsr(0x800 + (reg >> 4));
	return lapic_mmio[reg / 4];
}

static void lapic_write(unsigned reg, uint32_t v)
{
	if (use_x2apic)
		wrmsr(0x800 + (reg >> 4), v);
	else
		lapic_mmio[reg / 4] = v;
}

void lapic_init(void)
{
	uint64_t base = rdmsr(MSR_APIC_BASE);
	use_x2apic = cpu_features.x2apic;
	if (use_x2apic) {
		wrmsr(MSR_APIC_BASE, base | (1u << 11) | (1u << 10));
	} else {
		wrmsr(MSR_APIC_BASE, base | (1u << 11));
		lapic_mmio = mmio_map(base & ~0xffful, PAGE_SIZE);
	}
	lapic_write(LAPIC_TPR, 0);
	lapic_write(LAPIC_LVT_LINT0, LVT_MASKED);
	lapic_write(LAPIC_LVT_LINT1, LVT_MASKED);
	lapic_write(LAPIC_SVR, 0x100 | VEC_SPURIOUS);
	lapic_write(LAPIC_TIMER_DIV, 0x3); /* divide by 16 */
	lapic_write(LAPIC_LVT_TIMER, LVT_MASKED | VEC_TIMER);
	log_info("irq: %s, LAPIC id %u", use_x2apic ? "x2APIC" : "xAPIC", lapic_id());
}

void lapic_eoi(void)
{
	lapic_write(LAPIC_EOI, 0);
}

uint32_t lapic_id(void)
{
	uint32_t id = lapic_read(LAPIC_ID);
	return use_x2apic ? id : id >> 24;
}

void lapic_timer_start_calibration(void)
{
	lapic_write(LAPIC_LVT_TIMER, LVT_MASKED | VEC_TIMER);
	lapic_write(LAPIC_TIMER_INIT, 0xffffffffu);
}

uint32_t lapic_timer_current(void)
{
	return lapic_read(LAPIC_TIMER_CUR);
}

void lapic_timer_oneshot(uint32_t count)
{
	lapic_write(LAPIC_LVT_TIMER, VEC_TIMER);
	lapic_write(LAPIC_TIMER_INIT, count);
}

void lapic_tsc_deadline(uint64_t tsc)
{
	lapic_write(LAPIC_LVT_TIMER, LVT_TSC_DEADLINE | VEC_TIMER);
	wrmsr(MSR_TSC_DEADLINE, tsc);
}

void lapic_send_self(unsigned vector)
{
	/* Destination shorthand "self", fixed delivery. */
	if (use_x2apic) {
		wrmsr(0x83f, vector); /* the x2APIC SELF IPI register */
		return;
	}
	lapic_write(LAPIC_ICR_HI, 0);
	lapic_write(LAPIC_ICR_LO, (1u << 18) | vector);
}
