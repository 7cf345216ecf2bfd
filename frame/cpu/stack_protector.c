/*
 * The stack protector's other half. Services are compiled with
 * -fstack-protector-strong and a global guard (clang's bare-metal target
 * has no TLS guard): __stack_chk_guard, set once at boot from RDRAND and the
 * TSC. A function whose canary changed calls __stack_chk_fail.
 */
#include <frame/panic.h>
#include <frame/random.h>
#include "../arch/x86_64/x86.h"

uint64_t __stack_chk_guard;

void stack_canary_init(void)
{
	__stack_chk_guard = (random_u64() ^ rdtsc()) & ~0xfful; /* a zero low byte stops string overruns */
}

__noreturn void __stack_chk_fail(void)
{
	panic("stack protector: stack smashing detected (the canary of the function returning to %p was overwritten)",
	      __builtin_return_address(0));
}
