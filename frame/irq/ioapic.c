/*
 * The IOAPIC routes legacy device interrupts (GSIs) to vectors. The 8259
 * PICs are masked for good. Sensitive (F10): only irq.c drives it.
 *
 * SAFETY: `ioapic` is the uncached mapping of the IOAPIC's two registers.
 */
#include "console/kprint.h"
#include "irq_internal.h"
#include "../arch/x86_64/x86.h"
#include "../mm/page_table.h"

#define IOAPIC_BASE 0xfec00000ul /* the standard address; QEMU's MADT agrees */

static volatile uint32_t *ioapic;
static unsigned nr_pins;

static uint32_t ioapic_read(unsigned reg)
{
	ioapic[0] = reg;
	return ioapic[4];
}

static void ioapic_write(unsigned reg, uint32_t v)
{
	ioapic[0] = reg;
	ioapic[4] = v;
}

static void pic_disable(void)
{
	/* Remap the PICs away from the exception vectors, then mask every line. */
	outb(0x20, 0x11), outb(0xa0, 0x11);
	outb(0x21, 0x20), outb(0xa1, 0x28);
	outb(0x21, 0x04), outb(0xa1, 0x02);
	outb(0x21, 0x01), outb(0xa1, 0x01);
	outb(0x21, 0xff), outb(0xa1, 0xff);
}

void ioapic_init(void)
{
	pic_disable();
	ioapic = mmio_map(IOAPIC_BASE, PAGE_SIZE);
	nr_pins = ((ioapic_read(1) >> 16) & 0xff) + 1;
	for (unsigned i = 0; i < nr_pins; i++)
		ioapic_mask(i, true);
}

void ioapic_route(unsigned gsi, unsigned vector, uint32_t dest_apic)
{
	if (gsi >= nr_pins)
		return;
	/* Edge-triggered, active high (ISA defaults), fixed delivery, masked until asked. */
	ioapic_write(0x11 + 2 * gsi, dest_apic << 24);
	ioapic_write(0x10 + 2 * gsi, (1u << 16) | vector);
}

void ioapic_mask(unsigned gsi, bool masked)
{
	if (gsi >= nr_pins)
		return;
	uint32_t lo = ioapic_read(0x10 + 2 * gsi);
	ioapic_write(0x10 + 2 * gsi, masked ? lo | (1u << 16) : lo & ~(1u << 16));
}
