/*
 * Helpers for ktests (see frame/ktest.h): a sleep, and deliberately unsafe
 * helpers for the hardening tests:
 * each builds one thing the safe subset forbids, so a service-compiled test
 * can show that the matching trap fires. Only ktests call them.
 *
 * SAFETY: ktest_smash_stack corrupts its caller's stack on purpose; the
 * caller's stack protector must catch it before the corrupted return address
 * is used. The forged function pointer is only ever called to trip kCFI.
 */
#include <frame/ktest.h>
#include <frame/panic.h>
#include "../task/task_internal.h"

__attribute__((noinline)) uint64_t ktest_opaque(uint64_t v)
{
	__asm__ volatile("" : "+r"(v));
	return v;
}

static void takes_two_pointers(const char *a, const char *b)
{
	panic("kCFI did not stop a mismatched indirect call (%p, %p)", a, b);
}

ktest_u64_fn ktest_forge_mismatched_fn(void)
{
	void *target = (void *)takes_two_pointers;
	__asm__ volatile("" : "+r"(target));
	return (ktest_u64_fn)target;
}

__attribute__((noinline)) void ktest_smash_stack(uint8_t (*buf)[16])
{
	uint8_t *p = *buf;
	/* Only a buffer on this very stack, below us: then the damage is the caller's own frame, which its canary guards. */
	uint64_t here = (uint64_t)__builtin_frame_address(0);
	if ((uint64_t)p < here || (uint64_t)p - here > 4096)
		panic("ktest_smash_stack: %p is not on the caller's stack", p);
	__asm__ volatile("" : "+r"(p));
	for (int i = 0; i < 40; i++)
		p[i] = 0x5a;
}

void ktest_sleep_ns(uint64_t ns)
{
	task_sleep_ns(ns);
}
