/*
 * CONTAINER_OF from service code (built and checked like every service):
 * a heap object embeds a framework `struct timer`, and the IRQ-context
 * callback gets back from the timer to its object, which services could not
 * do before the checked lookup existed (docs/soundness.md, G5).
 */
#include <frame/alloc.h>
#include <frame/ktest.h>
#include <frame/task.h>
#include <frame/time.h>

struct kt_alarm {
	uint64_t id;
	struct timer timer;
	uint64_t fired; /* written by the callback */
	uint64_t seen_id; /* what the callback read through CONTAINER_OF */
};

struct kt_decoy {
	uint64_t id;
	struct timer timer;
	uint64_t fired;
	uint64_t seen_id;
};

static void kt_alarm_fire(struct timer *t)
{
	struct kt_alarm *a = CONTAINER_OF(t, struct kt_alarm, timer);
	a->fired += 1;
	a->seen_id = a->id;
}

KTEST(service_timer_callback_finds_its_heap_object)
{
	struct kt_alarm *a = NEW(struct kt_alarm);
	struct kt_alarm *b = NEW(struct kt_alarm);
	KT_ASSERT(a != NULL && b != NULL);
	a->id = 11;
	b->id = 22;
	timer_arm(&a->timer, clock_ns() + 1000000, kt_alarm_fire);
	timer_arm(&b->timer, clock_ns() + 2000000, kt_alarm_fire);
	ktest_sleep_ns(20000000);
	KT_EQ(a->fired, 1);
	KT_EQ(a->seen_id, 11);
	KT_EQ(b->fired, 1);
	KT_EQ(b->seen_id, 22);
	FREE(a);
	FREE(b);
}

KTEST_PANICS(service_container_of_refuses_another_type, "not a kernel/selftest/container_test.c:struct kt_alarm")
{
	struct kt_decoy *d = NEW(struct kt_decoy);
	kt_alarm_fire(&d->timer);
}
