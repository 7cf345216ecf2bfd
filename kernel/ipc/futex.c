/*
 * futex(2): FUTEX_WAIT, FUTEX_WAKE, their bitset forms and FUTEX_REQUEUE.
 *
 * Waiters are keyed by (address space, user address) and queued per hash
 * bucket. A waiter checks the user word and queues itself under the bucket
 * lock, so a waker that changed the word and then takes the lock always
 * finds it: no lost wake-ups.
 */
#include <frame/alloc.h>
#include <frame/time.h>
#include "time/rtc.h"
#include <frame/vm.h>
#include <frame/wait.h>
#include "lib/errno_restart.h"
#include "ipc/futex.h"
#include "vm/mm.h"

#define FUTEX_WAIT 0
#define FUTEX_WAKE 1
#define FUTEX_REQUEUE 3
#define FUTEX_CMP_REQUEUE 4
#define FUTEX_WAIT_BITSET 9
#define FUTEX_WAKE_BITSET 10
#define FUTEX_PRIVATE_FLAG 128
#define FUTEX_CLOCK_REALTIME 256
#define FUTEX_BITSET_MATCH_ANY 0xffffffffu
#define BUCKETS 64

/* A waiter lives on the waiting task's heap object, on its bucket's list. */
struct futex_waiter {
	struct mm *mm; /* set before queueing */
	uint64_t addr; /* set before queueing */
	uint32_t bitset; /* set before queueing */
	bool woken; /* the bucket's lock */
	struct futex_waiter *next; /* the bucket's lock */
};

struct futex_bucket {
	struct mutex lock;
	struct wait_queue wq; /* woken after a waiter's `woken` is set (sleepers hold lock to test it) */
	struct futex_waiter *waiters; /* lock */
};

static struct futex_bucket buckets[BUCKETS] = {
	[0 ... BUCKETS - 1] = { MUTEX_INIT, WAIT_QUEUE_INIT, NULL },
};

static struct futex_bucket *bucket_of(uint64_t addr)
{
	return ELEM_PTR(buckets, (addr >> 2) % BUCKETS);
}

static void unlink_waiter(struct futex_bucket *b, struct futex_waiter *w)
{
	for (struct futex_waiter **pp = &b->waiters; *pp; pp = &(*pp)->next) {
		if (*pp == w) {
			*pp = w->next;
			return;
		}
	}
}

static int wake_bitset(struct mm *mm, uint64_t addr, int n, uint32_t bitset)
{
	struct futex_bucket *b = bucket_of(addr);
	int woken = 0;
	mutex_lock(&b->lock);
	for (struct futex_waiter *w = b->waiters; w && woken < n; w = w->next) {
		if (w->mm == mm && w->addr == addr && !w->woken && (w->bitset & bitset)) {
			w->woken = true;
			woken++;
		}
	}
	mutex_unlock(&b->lock);
	if (woken)
		wake_up_all(&b->wq);
	return woken;
}

/*
 * The key of a futex: (address space, address) for private futexes; for
 * shared ones, (page, offset) so processes mapping the same page meet on it
 * whatever address each maps it at. The page number stands in for the
 * address and NULL for the address space.
 */
struct futex_key {
	struct mm *mm;
	uptr_t addr;
	int err;
};

static struct futex_key key_of(struct mm *mm, uptr_t addr, bool private);

int futex_wake_thread_exit(struct mm *mm, uptr_t addr)
{
	struct futex_key key = key_of(mm, addr, false);
	return key.err ? key.err : wake_bitset(key.mm, uptr_value(key.addr), 1, FUTEX_BITSET_MATCH_ANY);
}

static int64_t futex_wait(struct mm *mm, uint64_t addr, uptr_t uaddr, uint32_t val, uint64_t deadline_ns,
			  uint32_t bitset)
{
	struct futex_bucket *b = bucket_of(addr);
	struct futex_waiter *w = NEW(struct futex_waiter);
	if (!w)
		return -ENOMEM;
	*w = (struct futex_waiter){ .mm = mm, .addr = addr, .bitset = bitset };
	mutex_lock(&b->lock);
	uint32_t cur = 0;
	int r = user_atomic_load_u32(uaddr, &cur);
	if (r || cur != val) {
		mutex_unlock(&b->lock);
		FREE(w);
		return r ? r : -EAGAIN;
	}
	w->next = b->waiters;
	b->waiters = w;
	/* w->woken is the bucket lock's: test it only with the lock held. */
	int res =
	    wait_event_mutex_interruptible_deadline(&b->wq, &b->lock, w->woken, deadline_ns ? deadline_ns : UINT64_MAX);
	bool woken = w->woken;
	unlink_waiter(b, w);
	mutex_unlock(&b->lock);
	FREE(w);
	if (woken)
		return 0;
	return res == -ETIMEDOUT ? -ETIMEDOUT : -ERESTARTSYS;
}

/*
 * Requeue: instead of moving waiters to the second futex, wake them too.
 * Futex users must tolerate spurious wake-ups (they re-check the word and
 * wait again, now on the right address), so this is correct, only slower.
 */
static int64_t requeue(struct mm *mm, uint64_t from, int nwake, int nrequeue)
{
	int woken = wake_bitset(mm, from, nwake, FUTEX_BITSET_MATCH_ANY);
	int moved = nrequeue > 0 ? wake_bitset(mm, from, nrequeue, FUTEX_BITSET_MATCH_ANY) : 0;
	return woken + moved;
}

/* A relative timeout (struct timespec) as an absolute monotonic deadline; 0 for none. */
static int64_t read_deadline(uptr_t timeout, bool absolute, bool realtime, uint64_t *deadline __noescape)
{
	*deadline = 0;
	if (uptr_is_null(timeout))
		return 0;
	uint64_t sec = 0, nsec = 0;
	if (user_read_u64(timeout, &sec) || user_read_u64(uptr_add(timeout, 8), &nsec))
		return -EFAULT;
	if ((int64_t)sec < 0 || nsec >= NSEC_PER_SEC)
		return -EINVAL;
	uint64_t ns = sec * NSEC_PER_SEC + nsec;
	if (absolute && realtime) {
		/* CLOCK_REALTIME runs at the monotonic clock's rate from the RTC's boot time. */
		uint64_t base = rtc_boot_epoch_seconds() * NSEC_PER_SEC;
		ns = ns > base ? ns - base : 1;
	}
	*deadline = absolute ? ns : clock_ns() + ns;
	if (*deadline == 0)
		*deadline = 1;
	return 0;
}

static struct futex_key key_of(struct mm *mm, uptr_t addr, bool private)
{
	struct mm_vma_info v = { 0 };
	bool shared_mapping = !private && mm_vma_find(mm, uptr_value(addr), &v) && v.start <= uptr_value(addr) &&
			      (v.flags & MM_VMA_SHARED);
	/* Like Linux: only memory mapped shared is keyed by page; private memory always by address. */
	if (!shared_mapping)
		return (struct futex_key){ mm, addr, 0 };
	uint32_t probe = 0;
	int r = user_atomic_load_u32(addr, &probe); /* faults the page in */
	if (r)
		return (struct futex_key){ .err = r };
	unsigned prot = 0;
	struct page *pg = vm_query(vm_space_current(), uptr_value(addr) & ~0xfffull, &prot);
	if (!pg)
		return (struct futex_key){ .err = -EFAULT };
	return (struct futex_key){ NULL, uptr((page_frame_number(pg) << 12) | (uptr_value(addr) & 0xfff)), 0 };
}

int64_t futex_op(struct mm *caller_mm, uptr_t uaddr, int op, uint32_t val, uptr_t timeout, uptr_t addr2, uint32_t val3)
{
	if (uptr_value(uaddr) & 3)
		return -EINVAL;
	struct futex_key key = key_of(caller_mm, uaddr, op & FUTEX_PRIVATE_FLAG);
	if (key.err)
		return key.err;
	struct mm *mm = key.mm;
	uptr_t addr = key.addr;
	int cmd = op & ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);
	uint64_t deadline = 0;
	int64_t r;
	switch (cmd) {
	case FUTEX_WAIT:
		r = read_deadline(timeout, false, false, &deadline);
		return r ? r : futex_wait(mm, uptr_value(addr), uaddr, val, deadline, FUTEX_BITSET_MATCH_ANY);
	case FUTEX_WAIT_BITSET:
		if (!val3)
			return -EINVAL;
		r = read_deadline(timeout, true, op & FUTEX_CLOCK_REALTIME, &deadline);
		return r ? r : futex_wait(mm, uptr_value(addr), uaddr, val, deadline, val3);
	case FUTEX_WAKE:
		return wake_bitset(mm, uptr_value(addr), (int)MIN(val, 0x7fffffffu), FUTEX_BITSET_MATCH_ANY);
	case FUTEX_WAKE_BITSET:
		if (!val3)
			return -EINVAL;
		return wake_bitset(mm, uptr_value(addr), (int)MIN(val, 0x7fffffffu), val3);
	case FUTEX_CMP_REQUEUE: {
		uint32_t cur = 0;
		r = user_atomic_load_u32(uaddr, &cur);
		if (r)
			return r;
		if (cur != val3)
			return -EAGAIN;
	}
		/* fall through */
	case FUTEX_REQUEUE:
		(void)addr2;
		return requeue(mm, uptr_value(addr), (int)MIN(val, 0x7fffffffu),
			       (int)MIN(uptr_value(timeout), 0x7fffffffull));
	default:
		return -ENOSYS;
	}
}
