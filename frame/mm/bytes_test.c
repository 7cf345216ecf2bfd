/* ktests for bounds-checked byte slices. */
#include <frame/ktest.h>
#include <frame/bytes.h>
#include <frame/boot.h>
#include <frame/alloc.h>
#include <frame/random.h>
#include "layout.h"
#include "page_table.h"

KTEST(bytes_alloc_get_set_copy_find)
{
	struct bytes b = bytes_alloc(100);
	KT_EQ(bytes_len(b), 100);
	for (size_t i = 0; i < 100; i++)
		KT_EQ(bytes_get(b, i), 0);
	bytes_set(b, 42, 0xab);
	KT_EQ(bytes_get(b, 42), 0xab);
	KT_EQ(bytes_find(b, 0xab), 42);
	KT_EQ(bytes_find(b, 0xcd), -1);
	struct bytes sub = bytes_sub(b, 40, 10);
	KT_EQ(bytes_len(sub), 10);
	KT_EQ(bytes_get(sub, 2), 0xab);
	struct bytes c = bytes_alloc(10);
	bytes_copy(c, sub);
	KT_ASSERT(bytes_equal(c, sub));
	bytes_fill(c, 7);
	KT_EQ(bytes_get(c, 9), 7);
	KT_EQ(bytes_get_le32(c, 0), 0x07070707);
	bytes_set_le64(c, 2, 0x1122334455667788ull);
	KT_EQ(bytes_get(c, 2), 0x88);
	KT_EQ(bytes_get_le64(c, 2), 0x1122334455667788ull);
	bytes_set_le16(c, 0, 0xabcd);
	KT_EQ(bytes_get_le16(c, 0), 0xabcd);
	bytes_free(c);
	bytes_free(b);
}

KTEST(bytes_large_allocations_use_frames)
{
	struct bytes b = bytes_alloc(20000);
	KT_EQ(bytes_len(b), 20000);
	bytes_set(b, 19999, 1);
	KT_EQ(bytes_get(b, 19999), 1);
	bytes_free(b);
	struct bytes again = bytes_alloc(20000);
	KT_EQ(bytes_get(again, 19999), 0); /* a reused block is zeroed */
	bytes_free(again);
}

KTEST_PANICS(bytes_index_out_of_bounds_panics, "slice out of bounds: index 16, length 16")
{
	struct bytes b = bytes_alloc(16);
	(void)bytes_get(b, 16);
}

KTEST_PANICS(bytes_sub_slice_out_of_bounds_panics, "slice out of bounds: sub-slice end 12, length 8")
{
	struct bytes b = bytes_alloc(8);
	(void)bytes_sub(b, 4, 8);
}

KTEST_PANICS(bytes_copy_into_short_slice_panics, "slice out of bounds: copy of length 32")
{
	struct bytes big = bytes_alloc(32), small = bytes_alloc(8);
	bytes_copy(small, big);
}

KTEST_PANICS(bytes_read_only_slice_refuses_writes, "write to read-only slice")
{
	struct bytes b = bytes_readonly(bytes_alloc(8));
	bytes_set(b, 0, 1);
}

struct kt_named {
	uint64_t id;
	char name[12];
};

KTEST(bytes_literals_fields_and_format)
{
	struct bytes lit = BYTES_LIT("proc");
	KT_EQ(bytes_len(lit), 4);
	KT_EQ(bytes_get(lit, 3), 'c');
	struct kt_named *n = NEW(struct kt_named);
	struct bytes name = BYTES_OF_FIELD(n, name);
	KT_EQ(bytes_len(name), 12);
	bytes_copy(name, BYTES_LIT("pid 42"));
	KT_EQ(n->name[4], '4');
	KT_EQ(n->name[6], 0);
	KT_ASSERT(bytes_equal(bytes_sub(name, 0, 6), BYTES_LIT("pid 42")));
	FREE(n);
}

KTEST_PANICS(bytes_of_a_stack_field_is_refused, "a slice of the stack would dangle")
{
	struct kt_named on_stack = { 0 };
	struct kt_named *p = &on_stack;
	(void)BYTES_OF_FIELD(p, name);
}

KTEST_PANICS(bytes_literal_is_read_only, "write to read-only slice")
{
	bytes_set(BYTES_LIT("x"), 0, 'y');
}

KTEST(random_fill_is_not_constant)
{
	struct bytes a = bytes_alloc(32), b = bytes_alloc(32), zero = bytes_alloc(32);
	random_fill(a);
	random_fill(b);
	KT_ASSERT(!bytes_equal(a, b));
	KT_ASSERT(!bytes_equal(a, zero));
	bytes_free(a);
	bytes_free(b);
	bytes_free(zero);
}

KTEST_PANICS(bytes_large_double_free_panics, "double free of a 20000-byte slice")
{
	struct bytes b = bytes_alloc(20000);
	struct bytes alias = b;
	bytes_free(b);
	bytes_free(alias);
}

/*
 * bytes_of_field's run-time half: the range must lie inside one live object
 * a service may slice. The framework calls it directly here with the ranges
 * a bogus object pointer (one past an array, a freed object) would produce.
 */
KTEST(bytes_of_field_accepts_a_live_heap_member)
{
	struct kt_named *n = NEW(struct kt_named);
	struct bytes b = bytes_of_field(&n->name[0], sizeof(n->name));
	KT_EQ(bytes_len(b), sizeof(n->name));
	bytes_set(b, 11, 'z');
	KT_EQ(n->name[11], 'z');
	FREE(n);
}

KTEST_PANICS(bytes_of_field_refuses_a_range_past_a_heap_object, "not inside one heap object")
{
	struct kt_named *n = NEW(struct kt_named);
	(void)bytes_of_field(&n->name[0], sizeof(*n));
}

KTEST_PANICS(bytes_of_field_refuses_a_freed_heap_object, "not inside a live heap object")
{
	struct kt_named *n = NEW(struct kt_named), *stale = n;
	FREE(n);
	(void)bytes_of_field(&stale->name[0], sizeof(stale->name));
}

KTEST_PANICS(bytes_of_field_refuses_byte_blocks, "untyped memory")
{
	struct bytes b = bytes_alloc(20000);
	(void)bytes_of_field(b.__fw_ptr, 16);
}

KTEST_PANICS(bytes_of_field_refuses_page_tables, "a page table")
{
	(void)bytes_of_field(phys_to_virt(kernel_root), 8);
}

KTEST_PANICS(bytes_of_field_refuses_a_slab_header, "not inside a live heap object")
{
	struct kt_named *n = NEW(struct kt_named);
	(void)bytes_of_field((void *)((uint64_t)n & ~4095ul), 8); /* the slab's header, before slot 0 */
}

static uint64_t kt_framework_static[4];

KTEST_PANICS(bytes_of_field_refuses_framework_data, "framework data")
{
	(void)bytes_of_field(&kt_framework_static[0], sizeof(kt_framework_static));
}

KTEST_PANICS(bytes_of_field_refuses_kernel_text, "kernel text")
{
	(void)bytes_of_field((void *)bytes_of_field, 16);
}

/* Service statics defined by kernel/selftest/bytes_field_test.c: 2 x 24 bytes. */
extern struct kt_service_named {
	uint64_t id;
	char name[16];
} kt_service_named[2];

KTEST(bytes_of_field_accepts_a_service_static_member)
{
	struct bytes b = bytes_of_field(&kt_service_named[1].name[0], sizeof(kt_service_named[1].name));
	bytes_set(b, 15, 'q');
	KT_EQ(kt_service_named[1].name[15], 'q');
}

KTEST_PANICS(bytes_of_field_refuses_a_range_past_a_service_static, "not inside one static object")
{
	(void)bytes_of_field(&kt_service_named[1].name[4], sizeof(kt_service_named[1].name));
}
