/*
 * Proof that the hardened service build traps (DESIGN.md §1, rule 12).
 *
 * This file is compiled exactly like every service and passes the safe-C
 * checker; each test provokes one kind of undefined behaviour that the
 * subset cannot rule out statically, and the ktest passes only when the
 * trap fires and the panic report names the check and this file's line.
 */
#include <frame/ktest.h>
#include <frame/types.h>

struct table {
	int64_t slot[4];
};

KTEST_PANICS(service_out_of_bounds_index_traps, "array index out of bounds")
{
	struct table t = { { 1, 2, 3, 4 } };
	uint64_t i = ktest_opaque(4);
	t.slot[i] = 5;
	ktest_fail(__FILE__, __LINE__, "no trap, slot %ld", t.slot[0]);
}

/*
 * The report gives the trap's address; test/run-ktest.sh checks that
 * tools/symbolise.sh turns it into this file and line. The faulting
 * statement shares its line with the test's name, so the line is exact.
 */
/* clang-format off */
KTEST_PANICS(service_trap_report_names_the_source_line, "sanitizer trap: array index out of bounds") { struct table t = { { 0 } }; t.slot[ktest_opaque(7)] = 1; }
/* clang-format on */

KTEST_PANICS(service_signed_overflow_traps, "signed integer overflow in addition")
{
	int64_t big = (int64_t)ktest_opaque(INT64_MAX);
	int64_t sum = big + (int64_t)ktest_opaque(1);
	ktest_fail(__FILE__, __LINE__, "no trap, sum %ld", sum);
}

KTEST_PANICS(service_multiplication_overflow_traps, "signed integer overflow in multiplication")
{
	int32_t x = (int32_t)ktest_opaque(1 << 20);
	int32_t y = x * x;
	ktest_fail(__FILE__, __LINE__, "no trap, product %d", y);
}

KTEST_PANICS(service_division_by_zero_traps, "division overflow or division by zero")
{
	int64_t zero = (int64_t)ktest_opaque(0);
	int64_t q = 100 / zero;
	ktest_fail(__FILE__, __LINE__, "no trap, quotient %ld", q);
}

KTEST_PANICS(service_shift_out_of_range_traps, "shift out of bounds")
{
	uint64_t amount = ktest_opaque(70);
	uint64_t v = 1ull << amount;
	ktest_fail(__FILE__, __LINE__, "no trap, shifted %lu", v);
}

KTEST_PANICS(service_mismatched_indirect_call_traps, "kCFI: indirect call through a function pointer of the wrong type")
{
	ktest_u64_fn fn = ktest_forge_mismatched_fn();
	fn(1);
}

static void smash_my_stack(void)
{
	uint8_t buf[16] = { 0 };
	ktest_smash_stack(&buf);
}

KTEST_PANICS(service_stack_smash_is_caught, "stack smashing detected")
{
	smash_my_stack();
}

KTEST(service_locals_start_zeroed)
{
	/* -ftrivial-auto-var-init=zero: a local read before any write is zero, not stack garbage. */
	struct table t;
	t.slot[ktest_opaque(0)] = t.slot[1];
	KT_EQ(t.slot[2], 0);
	KT_EQ(t.slot[3], 0);
}
