/*
 * Framework entry points validate the integers and enums services pass
 * before using them as an index, a shift, a size or a table lookup.
 */
#include <frame/ktest.h>
#include <frame/alloc.h>
#include <frame/bytes.h>
#include <frame/cpu.h>
#include <frame/panic.h>
#include <frame/task.h>
#include "../console/kprint.h"
#include "../cpu/percpu.h"

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
