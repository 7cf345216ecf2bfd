/*
 * Framework entry points validate the integers and enums services pass
 * before using them as an index, a shift, a size or a table lookup.
 */
#include <frame/ktest.h>
#include <frame/alloc.h>
#include <frame/bytes.h>
#include <frame/cpu.h>
#include <frame/log.h>
#include <frame/panic.h>
#include <frame/task.h>
#include "../console/console.h"
#include "../cpu/percpu.h"

/* An out-of-range level is logged as an error instead of indexing past the table of level names. */
KTEST_PANICS(log_msg_with_a_level_out_of_range_logs_an_error, "ERR  kt-level-1000")
{
	log_set_max_level(1000); /* ignored: the maximum stays valid */
	log_msg((enum log_level)1000, "kt-level-1000");
	panic("done");
}

KTEST_PANICS(log_msg_with_the_level_after_the_last_logs_an_error, "ERR  kt-level-4")
{
	log_msg((enum log_level)4, "kt-level-4");
	panic("done");
}

KTEST_PANICS(slab_refuses_an_alignment_above_a_page, "cannot have a cache")
{
	(void)slab_cache_get("kt:overaligned", 64, 8192);
}

KTEST_PANICS(slab_refuses_a_zero_alignment, "cannot have a cache")
{
	(void)slab_cache_get("kt:unaligned", 64, 0);
}

KTEST(bytes_alloc_of_a_huge_length_fails_cleanly)
{
	KT_EQ(bytes_len(bytes_alloc(SIZE_MAX)), 0);
	KT_EQ(bytes_len(bytes_alloc((4096ul << 10) + 1)), 0);
}

KTEST_PANICS(bytes_free_of_a_large_sub_slice_panics, "not a slice allocation")
{
	struct bytes b = bytes_alloc(20000);
	bytes_free(bytes_sub(b, 8, 8000));
}

KTEST_PANICS(bytes_free_of_a_shortened_large_slice_panics, "not a slice allocation")
{
	struct bytes b = bytes_alloc(20000);
	bytes_free(bytes_sub(b, 0, 5000)); /* same start, smaller order: would free part of the block */
}

KTEST_PANICS(preempt_enable_without_disable_panics, "preempt_enable without preempt_disable")
{
	preempt_enable();
}

static void kt_enqueue(struct task *t)
{
	(void)t;
}

static const struct sched_policy kt_partial_policy = { "kt-partial", kt_enqueue, NULL, 1000000 };

KTEST_PANICS(sched_set_policy_refuses_missing_callbacks, "a policy needs enqueue and pick_next")
{
	sched_set_policy(&kt_partial_policy);
}

/* Format widths and precisions are clamped (4096) instead of overflowing an int. */
KTEST(bytes_format_clamps_widths_and_precisions)
{
	struct bytes b = bytes_alloc(16);
	KT_EQ(bytes_format(b, "%99999999999d|", 7), 4096 + 1);
	KT_EQ(bytes_format(b, "%*d|", -5, 7), 2);
	KT_EQ(bytes_format(b, "%*d|", 2147483647, 7), 4096 + 1);
	KT_EQ(bytes_format(b, "%.99999999999d|", 7), 2);
	bytes_free(b);
}
