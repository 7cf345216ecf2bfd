/* See pollwait.h. */
#include <frame/atomic.h>
#include "fs/pollwait.h"

struct wait_queue poll_wq = WAIT_QUEUE_INIT;
static uint64_t events;

uint64_t poll_events(void)
{
	return atomic_load_u64(&events);
}

void poll_notify(void)
{
	atomic_add_u64(&events, 1);
	wake_up_all(&poll_wq);
}
