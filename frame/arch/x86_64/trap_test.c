/* ktests for the exception reports: each deliberately triggered exception's report is checked. */
#include <frame/ktest.h>
#include "trap.h"
#include "x86.h"
#include "../../mm/frame.h"
#include "../../mm/layout.h"
#include "../../mm/page_table.h"

KTEST_PANICS(trap_null_dereference_is_reported, "fault address 0000000000000000: not present on read from kernel")
{
	(void)*(volatile uint64_t *)0;
}

/*
 * The report gives the faulting address and a backtrace of addresses;
 * test/run-ktest.sh checks that tools/symbolise.sh names this test's
 * function in the "at" line and task_entry at the bottom of the backtrace.
 */
KTEST_PANICS(trap_report_names_the_faulting_function, "at ffffffff8")
{
	(void)*(volatile uint64_t *)8;
}

KTEST_PANICS(trap_backtrace_is_symbolised, "  #1  ffffffff8")
{
	(void)*(volatile uint64_t *)16;
}

KTEST_PANICS(trap_ud2_is_invalid_opcode, "exception 6 (invalid opcode)")
{
	__asm__ volatile("ud2");
}

KTEST_PANICS(trap_ud1_names_the_sanitizer_check, "sanitizer trap: array index out of bounds")
{
	/* What clang emits for -fsanitize=bounds -fsanitize-trap: ud1 with the check kind in the displacement. */
	__asm__ volatile(".byte 0x0f, 0xb9, 0x40, 18");
}

KTEST_PANICS(trap_divide_error_is_reported, "exception 0 (divide error)")
{
	uint64_t zero = 0;
	__asm__ volatile("xor %%edx, %%edx; mov $1, %%eax; divq %0" : : "r"(zero) : "rax", "rdx");
}

KTEST_PANICS(trap_breakpoint_is_reported, "exception 3 (breakpoint)")
{
	__asm__ volatile("int3");
}

KTEST_PANICS(trap_general_protection_is_reported, "exception 13 (general protection)")
{
	/* A non-canonical address. */
	(void)*(volatile uint64_t *)0x8000000000000000ul;
}

/* A user page mapped into the kernel's own root, for the SMAP and SMEP tests. */
static uint64_t map_user_page(uint64_t va, uint8_t first_byte)
{
	uint64_t pa = frame_alloc(0, FRAME_KIND_UNTYPED);
	*(uint8_t *)phys_to_virt(pa) = first_byte;
	uint64_t old;
	if (pt_unmap(kernel_root, va, &old) == 0)
		invlpg(va);
	pt_map(kernel_root, va, pa, PTE_U | PTE_W);
	return va;
}

KTEST_PANICS(trap_smap_blocks_kernel_reads_of_user_pages, "protection violation on read from kernel")
{
	uint64_t va = map_user_page(0x7000000, 0);
	(void)*(volatile uint64_t *)va;
}

KTEST_PANICS(trap_smep_blocks_kernel_execution_of_user_pages, "(instruction fetch)")
{
	uint64_t va = map_user_page(0x7001000, 0xc3 /* ret */);
	__asm__ volatile("call *%0" : : "r"(va) : "memory");
}
