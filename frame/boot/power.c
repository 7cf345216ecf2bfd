/*
 * machine_exit: power off with an exit status. QEMU's isa-debug-exit turns
 * the value v into exit status 2v+1; without that device, ACPI S5 on the
 * PIIX4/ICH9 power-management block; failing both, halt for good.
 *
 * SAFETY: port writes to the debug-exit port and the two PM control ports only.
 */
#include <frame/power.h>
#include "../arch/x86_64/x86.h"

#define DEBUG_EXIT_PORT 0xf4

__noreturn void machine_exit(int code)
{
	outl(DEBUG_EXIT_PORT, (uint32_t)code);
	outw(0x604, 0x2000);
	outw(0xb004, 0x2000);
	for (;;) {
		irq_disable_raw();
		cpu_halt();
	}
}
