/*
 * The random-number source (frame/random.h).
 *
 * SAFETY: RDRAND writes only its register operands.
 */
#include <frame/random.h>
#include "../arch/x86_64/x86.h"

static uint64_t xorshift_state;
/* CPUID.1:ECX.30, asked once: CPUID traps to the hypervisor, too slow to ask per call. */
static enum { RDRAND_UNKNOWN, RDRAND_NO, RDRAND_YES } rdrand;

uint64_t random_u64(void)
{
	if (rdrand == RDRAND_UNKNOWN) {
		uint32_t a, b, c, d;
		cpuid(1, 0, &a, &b, &c, &d);
		rdrand = (c & (1u << 30)) ? RDRAND_YES : RDRAND_NO;
	}
	if (rdrand == RDRAND_YES) {
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
