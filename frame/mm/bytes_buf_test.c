/* ktests for one-word byte-buffer handles (frame/bytes_buf.h, R15-shared-cap). */
#include <frame/ktest.h>
#include <frame/bytes_buf.h>
#include <frame/alloc.h>

KTEST(bytes_buf_view_has_the_allocated_length)
{
	struct bytes_buf small = bytes_buf_alloc(100), big = bytes_buf_alloc(20000);
	KT_ASSERT(!bytes_buf_is_null(small) && !bytes_buf_is_null(big));
	struct bytes s = bytes_buf_view(small), b = bytes_buf_view(big);
	KT_EQ(bytes_len(s), 100);
	KT_EQ(bytes_len(b), 20000);
	KT_EQ(bytes_get(s, 99), 0);
	KT_EQ(bytes_get(b, 19999), 0);
	bytes_set(s, 99, 7);
	KT_EQ(bytes_get(bytes_buf_view(small), 99), 7); /* the view is the buffer, not a copy */
	struct bytes_buf d = bytes_buf_dup(BYTES_LIT("exe"));
	KT_ASSERT(bytes_equal(bytes_buf_view(d), BYTES_LIT("exe")));
	KT_ASSERT(bytes_buf_is_null(bytes_buf_alloc(0)));
	KT_EQ(bytes_len(bytes_buf_view(bytes_buf_null())), 0);
	bytes_buf_free(d);
	bytes_buf_free(big);
	bytes_buf_free(small);
	bytes_buf_free(bytes_buf_null()); /* ignored */
}

/* Reallocate blocks of len bytes until one starts where h's did; returns it (or empty). */
static struct bytes reuse_block_of(struct bytes_buf h, size_t len, struct bytes *others __noescape)
{
	for (unsigned i = 0; i < 64; i++) {
		struct bytes b = bytes_alloc(len);
		if (b.__fw_ptr == h.__fw_p)
			return b;
		others[i] = b;
	}
	return bytes_empty();
}

/*
 * Free a buffer of buf_len bytes, let a plain slice of block_len bytes take
 * its block and fill it (the in-slot length word too): the stale handle then
 * sees view_len bytes at data_off of that one block, nothing beyond.
 */
static void check_stale_handle(size_t buf_len, size_t block_len, size_t view_len, size_t data_off)
{
	struct bytes others[64] = { 0 };
	struct bytes_buf h = bytes_buf_alloc(buf_len);
	KT_ASSERT(!bytes_buf_is_null(h));
	bytes_buf_free(h);
	KT_EQ(bytes_len(bytes_buf_view(h)), 0); /* freed: nothing to see */
	/* The block comes back as a plain slice whose owner writes all of it, the length word included. */
	struct bytes again = reuse_block_of(h, block_len, others);
	KT_EQ(bytes_len(again), block_len);
	bytes_fill(again, 0xff);
	struct bytes v = bytes_buf_view(h);
	KT_EQ(bytes_len(v), view_len); /* clamped to the one live block */
	bytes_set(v, bytes_len(v) - 1, 0x11);
	KT_EQ(bytes_get(again, data_off + view_len - 1), 0x11); /* the stale view aliases only that block */
	bytes_set(v, 0, 0x22);
	KT_EQ(bytes_get(again, data_off), 0x22);
	bytes_free(again);
	for (unsigned i = 0; i < 64; i++)
		bytes_free(others[i]);
}

KTEST(bytes_buf_stale_handle_views_only_one_live_block)
{
	check_stale_handle(40, 64, 56, 8); /* a bytes-64 slot: its length word is clamped */
	check_stale_handle(2044, 4096, 4096, 0); /* past a slot: whole frames, the length in frame metadata */
	check_stale_handle(9000, 16384, 16384, 0); /* an order-2 block */
}

struct kt_buf_holder {
	uint64_t words[4];
};

KTEST(bytes_buf_forged_handles_view_nothing)
{
	struct bytes_buf h = bytes_buf_alloc(100);
	/* a torn handle: any word that is not the start of a live byte block */
	struct bytes_buf inner = { h.__fw_p + 8 }, odd = { h.__fw_p + 1 };
	KT_EQ(bytes_len(bytes_buf_view(inner)), 0);
	KT_EQ(bytes_len(bytes_buf_view(odd)), 0);
	struct kt_buf_holder *obj = NEW(struct kt_buf_holder);
	struct bytes_buf typed = { (uint8_t *)(void *)obj }; /* a typed slab object is not bytes */
	KT_EQ(bytes_len(bytes_buf_view(typed)), 0);
	static uint8_t image_bytes[32];
	struct bytes_buf in_image = { image_bytes };
	KT_EQ(bytes_len(bytes_buf_view(in_image)), 0);
	struct bytes_buf wild = { (uint8_t *)(void *)0xdead0000ul };
	KT_EQ(bytes_len(bytes_buf_view(wild)), 0);
	struct bytes big = bytes_alloc(8192);
	struct bytes_buf mid = { big.__fw_ptr + 4096 }; /* a page inside a large block */
	KT_EQ(bytes_len(bytes_buf_view(mid)), 0);
	bytes_free(big);
	FREE(obj);
	bytes_buf_free(h);
}

KTEST_PANICS(bytes_buf_double_free_panics, "not a live byte buffer")
{
	struct bytes_buf h = bytes_buf_alloc(24);
	struct bytes_buf copy = h;
	bytes_buf_free(h);
	bytes_buf_free(copy);
}

KTEST_PANICS(bytes_buf_double_free_of_a_large_buffer_panics, "not a live byte buffer")
{
	struct bytes_buf h = bytes_buf_alloc(10000);
	bytes_buf_free(h);
	bytes_buf_free(h);
}
