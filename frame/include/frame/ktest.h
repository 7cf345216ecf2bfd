/*
 * ktest: in-kernel unit tests, declared beside the code they test.
 *
 *   KTEST(frame_alloc_refuses_double_claim) { ... KT_ASSERT(x == 1); ... }
 *   KTEST_PANICS(slice_out_of_bounds, "slice out of bounds") { ... }
 *
 * They run when the kernel boots with `ktest` on its command line, each in
 * its own task. A KTEST_PANICS test passes only if it panics and the panic
 * report contains the given text; its task is ended, not the machine.
 * `ktest=prefix` runs only the tests whose name starts with prefix.
 */
#ifndef FRAME_KTEST_H
#define FRAME_KTEST_H

#include <frame/types.h>

struct ktest {
	const char *name;
	void (*fn)(void);
	const char *expect_panic; /* NULL, or text the panic report must contain */
	const char *file;
};

void ktest_fail(const char *file, int line, const char *fmt, ...) __printf(3, 4);
/* Sleep for ns (a test waiting for a timer or another task). */
void ktest_sleep_ns(uint64_t ns);

#define KTEST_DEFINE(id, panic_text)                                                                  \
	static void ktest_fn_##id(void);                                                              \
	static const struct ktest ktest_desc_##id                                                     \
	    __attribute__((used, section(".ktests"))) = { #id, ktest_fn_##id, panic_text, __FILE__ }; \
	static void ktest_fn_##id(void)

#define KTEST(id) KTEST_DEFINE(id, NULL)
#define KTEST_PANICS(id, text) KTEST_DEFINE(id, text)

#define KT_ASSERT(cond)                                              \
	do {                                                         \
		if (!(cond)) {                                       \
			ktest_fail(__FILE__, __LINE__, "%s", #cond); \
			return;                                      \
		}                                                    \
	} while (0)

#define KT_EQ(a, b)                                                                                     \
	do {                                                                                            \
		int64_t __kt_a = (int64_t)(a), __kt_b = (int64_t)(b);                                   \
		if (__kt_a != __kt_b) {                                                                 \
			ktest_fail(__FILE__, __LINE__, "%s == %s: %ld != %ld", #a, #b, __kt_a, __kt_b); \
			return;                                                                         \
		}                                                                                       \
	} while (0)

/*
 * Helpers for tests of the hardened service build (kernel/selftest/): they
 * let safe code reach the situations the traps guard against, which safe C
 * alone cannot construct.
 */
/* Returns v, opaque to the optimiser, so a test's bad value is not folded away. */
uint64_t ktest_opaque(uint64_t v);
/*
 * Test-only exports: each corrupts or traps on purpose. The export check
 * (tools/check-exports.sh) refuses them to every service object outside
 * kernel/selftest/; frame-exports.sh lists the functions declared between
 * these markers.
 */
/* test-only exports begin */
/* A function pointer whose real target has a different type: calling it must trip kCFI. */
typedef void (*ktest_u64_fn)(uint64_t v);
ktest_u64_fn ktest_forge_mismatched_fn(void);
/* Writes well past the end of a 16-byte buffer: a stack smash the canary must catch. */
void ktest_smash_stack(uint8_t (*buf)[16] __noescape);
/* test-only exports end */
#endif /* FRAME_KTEST_H */
