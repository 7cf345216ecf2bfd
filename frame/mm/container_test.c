/*
 * ktests for CONTAINER_OF (frame/alloc.h): the checked way back from an
 * embedded member to the heap object holding it. Each refusal is a panic
 * that names why; each must fire, or a service could reach a wrong object.
 */
#include <frame/ktest.h>
#include <frame/alloc.h>

struct kt_link {
	struct kt_link *next;
};

/* 40 bytes: a stride whose odd part is 5, so slot_index's inverse is not trivial. */
struct kt_holder {
	uint64_t tag;
	struct kt_link link;
	struct kt_link other;
	uint64_t pad[2];
};

/* The same size and layout as kt_holder, but another type. */
struct kt_impostor {
	uint64_t tag;
	struct kt_link link;
	struct kt_link other;
	uint64_t pad[2];
};

/* Objects of several pages' slabs (order > 0), for slots beyond the first page. */
struct kt_wide {
	uint8_t bytes[1000];
	struct kt_link link;
};

static struct kt_holder *holder_of(struct kt_link *l)
{
	return CONTAINER_OF(l, struct kt_holder, link);
}

KTEST(container_of_finds_every_heap_object)
{
	struct kt_holder *h[100];
	for (int i = 0; i < 100; i++) {
		h[i] = NEW(struct kt_holder);
		KT_ASSERT(h[i] != NULL);
		h[i]->tag = (uint64_t)i;
	}
	for (int i = 0; i < 100; i++) {
		KT_ASSERT(holder_of(&h[i]->link) == h[i]);
		KT_EQ(holder_of(&h[i]->link)->tag, (uint64_t)i);
		KT_ASSERT(CONTAINER_OF(&h[i]->other, struct kt_holder, other) == h[i]);
	}
	for (int i = 0; i < 100; i++)
		FREE(h[i]);
}

KTEST(container_of_finds_objects_in_multi_page_slabs)
{
	struct kt_wide *w[40];
	for (int i = 0; i < 40; i++) {
		w[i] = NEW(struct kt_wide);
		KT_ASSERT(w[i] != NULL);
	}
	for (int i = 0; i < 40; i++)
		KT_ASSERT(CONTAINER_OF(&w[i]->link, struct kt_wide, link) == w[i]);
	for (int i = 0; i < 40; i++)
		FREE(w[i]);
}

KTEST_PANICS(container_of_refuses_another_type_of_the_same_size, "not a " __FILE__ ":struct kt_holder")
{
	struct kt_impostor *o = NEW(struct kt_impostor);
	(void)holder_of(&o->link);
}

KTEST_PANICS(container_of_refuses_an_interior_pointer, "is not the start of a")
{
	struct kt_holder *h = NEW(struct kt_holder);
	/* `other` is a kt_link too, 8 bytes after `link`: h + 8 starts no object. */
	(void)holder_of(&h->other);
}

KTEST_PANICS(container_of_refuses_a_freed_object, "is free")
{
	struct kt_holder *h = NEW(struct kt_holder);
	struct kt_holder *keep = NEW(struct kt_holder); /* the slab stays in use */
	struct kt_link *stale = &h->link;
	FREE(h);
	(void)keep;
	(void)holder_of(stale);
}

KTEST_PANICS(container_of_refuses_a_static_object, "not inside a heap object")
{
	static struct kt_holder not_from_new;
	(void)holder_of(&not_from_new.link);
}

KTEST_PANICS(container_of_refuses_a_stack_object, "not inside a heap object")
{
	struct kt_holder on_stack = { 0 };
	(void)holder_of(&on_stack.link);
}
