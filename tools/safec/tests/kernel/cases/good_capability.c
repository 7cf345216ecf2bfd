/* R15-shared-cap: slices in automatic storage are fine; shared storage holds bytes_buf handles */
#include <frame/mem.h>
#include <frame/bytes.h>
#include <frame/alloc.h>
#include <frame/task.h>
struct holder {
	int n;
	struct bytes name;
};
struct record {
	struct bytes_buf name; /* a one-word handle */
	u32 len;
};
struct service_task {
	struct bytes_buf arg;
	int id;
};
static struct bytes_buf shared_name;
static struct record *records;
static struct holder *last_seen; /* a pointer type does not hold a slice */
static u8 scratch[16];

static struct bytes pick(struct bytes a, struct bytes b, bool first)
{
	struct bytes arr[2] = { a, b };
	return first ? arr[0] : arr[1];
}

static struct holder wrap(struct bytes b)
{
	return (struct holder){ .n = 1, .name = b };
}

static void fill(struct holder *h __noescape, struct bytes b)
{
	h->name = b;
}

u8 use(struct bytes in)
{
	struct holder h = wrap(in);
	struct holder copy = h;
	struct holder several[3] = { 0 };
	several[2] = copy;
	fill(ELEM_PTR(several, 1), in);
	struct bytes local = pick(several[2].name, bytes_buf_view(shared_name), true);
	struct record *r = NEW(struct record);
	if (r) {
		r->name = bytes_buf_alloc(8);
		local = bytes_buf_view(r->name);
		bytes_buf_free(r->name);
		FREE(r);
	}
	(void)records;
	(void)last_seen;
	(void)scratch[0];
	return bytes_get(local, 0) + bytes_get((struct bytes){ 0 }, 0);
}
