/*
 * The stack protector's other half. Services are compiled with
 * -fstack-protector-strong and a global guard (clang's bare-metal target
 * has no TLS guard): __stack_chk_guard, set once at boot from RDRAND and the
 * TSC. A function whose canary changed calls __stack_chk_fail.
 */
#include <frame/panic.h>
#include "../arch/x86_64/x86.h"

uint64_t __stack_chk_guard;

void stack_canary_init(void)
{
	uint64_t v = rdtsc() * 0x9e3779b97f4a7c15ull;
	uint32_t a, b, c, d;
	cpuid(1, 0, &a, &b, &c, &d);
	if (c & (1u << 30)) {
		uint64_t r;
		unsigned char ok;
		/* SAFETY: RDRAND is available (CPUID.1:ECX.30); it only writes its operand and CF. */
		__asm__ volatile("rdrand %0; setc %1" : "=r"(r), "=qm"(ok));
		if (ok)
			v ^= r;
	}
	__stack_chk_guard = v & ~0xfful; /* a zero low byte stops string overruns */
}

__noreturn void __stack_chk_fail(void)
{
	panic("stack protector: stack smashing detected (the canary of the function returning to %p was overwritten)",
	      __builtin_return_address(0));
}
