/*
 * panic. A panic prints its reason and a backtrace, gives a ktest that
 * expected it the chance to end just its own task (boot/test_hooks.h), and
 * otherwise powers the machine off with the failure code (boot/power.c).
 */
#include <frame/panic.h>
#include <frame/power.h>
#include "console/kprint.h"
#include "kprint.h"
#include "symbols.h"
#include "../arch/x86_64/x86.h"
#include "../boot/test_hooks.h"

static int panic_depth;

void panic_begin(void)
{
	irq_disable_raw();
	if (++panic_depth > 2)
		machine_exit(EXIT_FAILURE_CODE);
	console_force_unlock();
	console_printf("\n*** KERNEL PANIC ***\n");
}

__noreturn void panic_end(void)
{
	panic_depth--;
	test_hook_panic();
	machine_exit(EXIT_FAILURE_CODE);
}

__noreturn void panic(const char *fmt, ...)
{
	va_list ap;
	panic_begin();
	console_printf("panic: ");
	va_start(ap, fmt);
	console_vprintf(fmt, ap);
	va_end(ap);
	console_putc('\n');
	/* SAFETY: with frame pointers on, our frame record's first word is the caller's frame pointer. */
	const uint64_t *frame = __builtin_frame_address(0);
	backtrace_print((uint64_t)__builtin_return_address(0) - 1, frame[0]);
	panic_end();
}
