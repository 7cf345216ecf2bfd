/* The services' scheduling policy (round-robin), installed over the framework's fallback. */
#ifndef KERNEL_SCHED_SCHED_H
#define KERNEL_SCHED_SCHED_H

/* Make round-robin the policy; the tasks already queued move over in order. */
void sched_round_robin_install(void);

#endif
