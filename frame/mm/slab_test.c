/* ktests for typed slab caches: zeroing, type stability, double-free detection (rule 13, F15). */
#include <frame/ktest.h>
#include <frame/alloc.h>
#include "slab.h"

struct kt_point {
	int64_t x, y;
};

struct kt_node {
	struct kt_node *next;
	uint64_t value;
};

struct kt_big {
	uint8_t data[3000];
};

KTEST(slab_new_returns_zeroed_objects)
{
	struct kt_point *p = NEW(struct kt_point);
	KT_ASSERT(p != NULL);
	KT_EQ(p->x, 0);
	KT_EQ(p->y, 0);
	p->x = 7;
	p->y = -3;
	FREE(p);
	KT_ASSERT(p == NULL);
	struct kt_point *q = NEW(struct kt_point);
	KT_EQ(q->x, 0); /* the freed object's contents are gone */
	FREE(q);
}

KTEST(slab_freed_memory_is_reused_only_for_the_same_type)
{
	struct kt_point *p = NEW(struct kt_point);
	uint64_t addr = (uint64_t)p;
	FREE(p);
	/* Another type of the same size never gets that slot. */
	struct kt_node *nodes[64];
	for (int i = 0; i < 64; i++) {
		nodes[i] = NEW(struct kt_node);
		KT_ASSERT(nodes[i] != NULL);
		KT_ASSERT((uint64_t)nodes[i] != addr);
	}
	for (int i = 0; i < 64; i++)
		FREE(nodes[i]);
	/* The same type does get it back. */
	struct kt_point *again = NEW(struct kt_point);
	KT_EQ((uint64_t)again, addr);
	FREE(again);
}

KTEST(slab_same_type_shares_one_cache)
{
	struct slab_cache *a =
	    slab_cache_get(__FILE__ ":struct kt_point", sizeof(struct kt_point), _Alignof(struct kt_point));
	struct slab_cache *b =
	    slab_cache_get(__FILE__ ":struct kt_point", sizeof(struct kt_point), _Alignof(struct kt_point));
	struct slab_cache *c =
	    slab_cache_get(__FILE__ ":struct kt_node", sizeof(struct kt_node), _Alignof(struct kt_node));
	/* The same spelling from another file is another type: another cache. */
	struct slab_cache *other =
	    slab_cache_get("elsewhere.c:struct kt_point", sizeof(struct kt_point), _Alignof(struct kt_point));
	KT_ASSERT(other != a);
	KT_ASSERT(a == b);
	KT_ASSERT(a != c);
	uint64_t live = slab_cache_objects(a);
	struct kt_point *p = NEW(struct kt_point);
	KT_EQ(slab_cache_objects(a), live + 1);
	FREE(p);
	KT_EQ(slab_cache_objects(a), live);
}

KTEST(slab_many_objects_and_large_types)
{
	struct kt_node *head = NULL;
	for (int i = 0; i < 2000; i++) {
		struct kt_node *n = NEW(struct kt_node);
		KT_ASSERT(n != NULL);
		n->value = (uint64_t)i;
		n->next = head;
		head = n;
	}
	uint64_t sum = 0;
	while (head) {
		struct kt_node *next = head->next;
		sum += head->value;
		FREE(head);
		head = next;
	}
	KT_EQ(sum, 1999 * 2000 / 2);
	struct kt_big *b = NEW(struct kt_big);
	KT_ASSERT(b != NULL);
	b->data[2999] = 1;
	FREE(b);
}

KTEST_PANICS(slab_double_free_panics, "struct kt_point")
{
	struct kt_point *p = NEW(struct kt_point);
	struct kt_point *alias = p;
	FREE(p);
	FREE(alias);
}

KTEST_PANICS(slab_free_of_a_non_heap_pointer_panics, "not a heap object")
{
	static struct kt_point not_from_new;
	struct kt_point *p = &not_from_new;
	FREE(p);
}

KTEST_PANICS(slab_free_of_an_interior_pointer_panics, "not the start of a")
{
	struct kt_node *n = NEW(struct kt_node);
	uint64_t *inner = &n->value;
	FREE(inner);
}
