/*
 * panic: the framework's response to a broken invariant. Prints the reason,
 * the registers if there are some, a symbolised backtrace, and ends the
 * machine with the failure exit code. Services never call it on anything user
 * space controls (DESIGN.md §5); they get here only through a trap.
 */
#ifndef FRAME_PANIC_H
#define FRAME_PANIC_H

#include <frame/types.h>

__noreturn void panic(const char *fmt, ...) __printf(1, 2);

/* Framework-internal assertion: a false condition is a framework bug. */
#define FW_ASSERT(cond)                                                                   \
	do {                                                                              \
		if (unlikely(!(cond)))                                                    \
			panic("assertion failed: %s (%s:%d)", #cond, __FILE__, __LINE__); \
	} while (0)

#endif /* FRAME_PANIC_H */
