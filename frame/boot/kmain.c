/*
 * kmain: the boot sequence after boot.S reaches the higher half.
 *
 * Order matters: per-CPU (GS) first, since locks touch the preemption
 * counter; the console; traps, so every later fault is reported; memory;
 * then interrupts, time and tasks. The banner reports the time from entry
 * to ready. With `ktest` on the command line the in-kernel tests run and
 * their verdict becomes QEMU's exit status.
 */
#include "console/kprint.h"
#include <frame/panic.h>
#include <frame/power.h>
#include <frame/boot.h>
#include <frame/time.h>
#include "../console/kprint.h"
#include "boot_info.h"
#include "../arch/x86_64/x86.h"
#include "../arch/x86_64/trap.h"
#include "../arch/x86_64/cpu_features.h"
#include "../console/serial.h"
#include "../cpu/percpu.h"
#include "../mm/frame.h"
#include "../mm/page_table.h"
#include "../mm/slab.h"
#include "../irq/irq_internal.h"
#include "../timer/timer_internal.h"
#include "../task/task_internal.h"
#include "test_hooks.h"

uint64_t boot_entry_tsc;
void stack_canary_init(void);

/* Runs as the first task once scheduling is up. */
static void init_task(void *arg)
{
	(void)arg;
	char filter[1];
	if (boot_cmdline_get("ktest", filter, sizeof(filter)))
		machine_exit(test_hook_run_all() == 0 ? EXIT_SUCCESS_CODE : EXIT_FAILURE_CODE);
	service_main();
	log_info("nothing left to run; powering off");
	machine_exit(EXIT_SUCCESS_CODE);
}

__noreturn void kmain(uint32_t start_info_pa)
{
	boot_entry_tsc = rdtsc();
	cpu_init_early();
	stack_canary_init();
	serial_init();
	idt_init();
	gdt_init_cpu();
	boot_info_parse(start_info_pa);
	cpu_features_init();
	frame_init();
	kernel_map_init();
	slab_init();
	trap_init_ist();
	user_init();
	irq_init();
	clock_init();
	sched_init();
	uint64_t ready_ns = clock_ns();
	console_printf("\nTrellis: ready in %lu us (%lu.%03lu ms), %lu MiB free, cmdline \"%s\"\n", ready_ns / 1000,
		       ready_ns / 1000000, (ready_ns / 1000) % 1000, (frame_free_count() << PAGE_SHIFT) >> 20,
		       boot_info.cmdline);
	sched_start(init_task, NULL);
}
