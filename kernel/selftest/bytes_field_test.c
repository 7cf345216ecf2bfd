/*
 * BYTES_OF_FIELD from a service: slices of its static and heap objects'
 * byte arrays work; the refusals are tested in frame/mm/bytes_test.c, and
 * the compile-time ones (arrays of pointers, slices, 2-D arrays, const) by
 * test/bytes-of-field-compile.sh.
 */
#include <frame/ktest.h>
#include <frame/alloc.h>
#include <frame/bytes.h>

/* Also sliced by frame/mm/bytes_test.c, which checks a range crossing its end is refused. */
struct kt_service_named {
	uint64_t id;
	char name[16];
} kt_service_named[2];

static struct kt_service_named one_static;

KTEST(service_bytes_of_field_slices_statics_and_heap_objects)
{
	struct bytes s = BYTES_OF_FIELD(&one_static, name);
	KT_EQ(bytes_len(s), 16);
	bytes_set(s, 3, 'x');
	KT_EQ(one_static.name[3], 'x');
	struct bytes a = BYTES_OF_FIELD(ELEM_PTR(kt_service_named, 1), name);
	bytes_set(a, 0, 'y');
	KT_EQ(kt_service_named[1].name[0], 'y');
	struct kt_service_named *h = NEW(struct kt_service_named);
	KT_ASSERT(h != NULL);
	struct bytes hb = BYTES_OF_FIELD(h, name);
	bytes_set(hb, 15, 'z');
	KT_EQ(h->name[15], 'z');
	FREE(h);
}
