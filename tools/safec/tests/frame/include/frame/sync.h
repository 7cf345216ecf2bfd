/* Fake framework locks and wait queues for the safec tests (trusted code). */
#ifndef FRAME_SYNC_H
#define FRAME_SYNC_H
#include <frame/types.h>

typedef struct {
	u64 __fw_flags;
} irqflags_t;
irqflags_t irq_save(void);
void irq_restore(irqflags_t f);

struct spinlock_irq {
	u32 __fw_locked;
	irqflags_t __fw_saved;
};
#define SPINLOCK_IRQ_INIT { 0, { 0 } }

struct task;
struct waiter {
	struct task *__fw_task;
	struct waiter *__fw_next;
};
struct wait_queue {
	struct spinlock_irq __fw_lock;
	struct waiter *__fw_head;
};
#define WAIT_QUEUE_INIT { SPINLOCK_IRQ_INIT, NULL }

struct mutex {
	u32 __fw_locked;
	struct task *__fw_owner;
	struct wait_queue __fw_wq;
};
#define MUTEX_INIT { 0, NULL, WAIT_QUEUE_INIT }

void wait_prepare(struct wait_queue *wq, struct waiter *w);
void wait_sleep(struct wait_queue *wq, struct waiter *w);
void wait_finish(struct wait_queue *wq, struct waiter *w);
#define wait_event(wq, cond)                               \
	do {                                               \
		struct waiter __fw_w = { 0 };              \
		for (;;) {                                 \
			wait_prepare((wq), &__fw_w);       \
			if (cond)                          \
				break;                     \
			wait_sleep((wq), &__fw_w);         \
		}                                          \
		wait_finish((wq), &__fw_w);                \
	} while (0)

struct slab_cache;
struct slab_cache *slab_cache_get(const char *type_name, size_t size, size_t align);
void *slab_alloc(struct slab_cache *cache);
void slab_free(void *obj, size_t size);
#endif
