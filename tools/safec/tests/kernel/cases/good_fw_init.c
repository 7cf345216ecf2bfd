#include <frame/slice.h>
#include <frame/sync.h>
static struct wait_queue wq = WAIT_QUEUE_INIT;
static struct mutex m = MUTEX_INIT;
static struct spinlock_irq lk = SPINLOCK_IRQ_INIT;
static irqflags_t nof = { false };
struct dev {
	struct wait_queue wq;
	int n;
	struct mutex lock;
	char name[8];
};
static struct dev d1 = { WAIT_QUEUE_INIT, 3, MUTEX_INIT, "dev" };
static struct dev d2 = { .n = 4, .wq = WAIT_QUEUE_INIT, .lock = { 0 } };
static struct dev d3 = { .name = "x" };
static struct dev darr[2] = { [1] = { .n = 1 } };
struct pt { int x, y; };
static struct pt pts[2] = { 1, 2, 3, 4 };
struct bytes copy(struct bytes b)
{
	/* slices live in locals (R15-shared-cap) */
	struct bytes none = {};
	struct bytes zero = { 0 };
	struct bytes zarr[4] = { 0 };
	struct ctx c1 = { .rip = 1, .rsp = 2 };
	struct ctx c2 = { 1, 2 };
	struct ctx c3 = CTX_INIT(5);
	struct bytes a = b;
	struct bytes arr[3] = { b, bytes_empty(), a };
	struct bytes arr2[3] = { [2] = b };
	struct chan ch = { 1, bytes_empty(), 2 };
	struct chan ch2 = { .id = 1, .buf = b, .flags = 2 };
	struct chan ch3 = { 1, b };
	irqflags_t f = irq_save();
	irqflags_t g = f;
	irq_restore(g);
	struct pt p = (struct pt){ 1, 2 };
	a = arr[1];
	a = ch.buf;
	a = arr2[2];
	(void)ch2; (void)ch3; (void)p;
	(void)wq; (void)m; (void)lk; (void)none; (void)zero; (void)zarr[0]; (void)nof;
	(void)d1; (void)d2; (void)d3; (void)darr; (void)c1; (void)c2; (void)c3; (void)pts;
	return a;
}
