/*
 * The generator behind /dev/random and /dev/urandom: splitmix64 over a
 * 64-bit state, seeded from the clock on first use and stirred by writes.
 *
 * This is NOT cryptographically secure; it is a placeholder with the right
 * interface. The framework should offer an entropy source (RDRAND/RDSEED
 * where CPUID has them, interrupt timing otherwise) and a CSPRNG; then only
 * devfs_random_fill/devfs_random_mix change.
 */
#include <frame/time.h>
#include "devfs.h"

static struct spinlock rng_lock = SPINLOCK_INIT;
static uint64_t rng_state;
static bool rng_seeded;

static uint64_t next_locked(void)
{
	rng_state += 0x9e3779b97f4a7c15ull;
	uint64_t z = rng_state;
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static void seed_locked(void)
{
	if (!rng_seeded) {
		rng_state ^= clock_ns();
		rng_seeded = true;
	}
}

void devfs_random_fill(struct bytes b)
{
	size_t n = bytes_len(b);
	for (size_t i = 0; i < n; i += 8) {
		spin_lock(&rng_lock);
		seed_locked();
		uint64_t v = next_locked();
		spin_unlock(&rng_lock);
		for (size_t k = 0; k < 8 && i + k < n; k++)
			bytes_set(b, i + k, (uint8_t)(v >> (8 * k)));
	}
}

void devfs_random_mix(struct bytes b)
{
	spin_lock(&rng_lock);
	seed_locked();
	for (size_t i = 0; i < bytes_len(b); i++)
		rng_state = (rng_state ^ bytes_get(b, i)) * 0x100000001b3ull;
	spin_unlock(&rng_lock);
}
