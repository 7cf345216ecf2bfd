#include <frame/slice.h>
#include <frame/sync.h>
struct obj { char name[8]; };
u8 heap[16];
struct bytes a(void) { return bytes_from_raw(heap, 1 << 20, false); } /* expect: R9-macro-only */
struct bytes b(void) { return bytes_literal("abc", 4096); } /* expect: R9-macro-only */
struct bytes c(struct obj *o) { return bytes_of_field(o->name, 4096); } /* expect: R9-macro-only */
struct bytes (*keep)(void *, size_t) = bytes_of_field; /* expect: R9-macro-only */
void d(struct wait_queue *wq)
{
	struct waiter w = { 0 };
	wait_prepare(wq, &w); /* expect: R9-macro-only R8-noescape */
	wait_finish(wq, &w); /* expect: R9-macro-only R8-noescape */
}
void *e(void) { return slab_alloc(slab_cache_get("x", 8, 8)); } /* expect: R9-macro-only */
void g(void *p) { slab_free(p, 4096); } /* expect: R9-macro-only */
struct bytes h(struct obj *o) { return FW_ID(bytes_of_field)(o->name, 64); } /* expect: R9-macro-only */
