/*
 * One-word handles to owned byte buffers (frame/bytes_buf.h).
 *
 * A buffer is a byte block (frame/mm/bytes.c). Up to 2040 bytes it is a
 * bytes-N slab slot whose first 8 bytes hold the length, the data following;
 * a larger one is a block of whole frames whose length the allocator keeps
 * in the frame metadata. The handle is the block's start. Nothing in it is
 * trusted: bytes_buf_view asks the allocator whether the word starts a live
 * byte block and clamps the length to that block, since a stale slice of the
 * slot's previous tenant may have overwritten the in-slot length.
 *
 * SAFETY: every slice made here lies inside one byte block that
 * bytes_block_size vouched for; byte blocks stay byte blocks for good, so a
 * slice that outlives the buffer only ever reaches bytes.
 */
#include <frame/bytes_buf.h>
#include <frame/panic.h>
#include "bytes_internal.h"

#define HDR sizeof(uint64_t)
#define SLOT_MAX 2048 /* the largest bytes-N slab class (bytes.c) */

struct bytes_buf bytes_buf_alloc(size_t len)
{
	if (len == 0)
		return bytes_buf_null();
	if (len <= SLOT_MAX - HDR) {
		struct bytes b = bytes_alloc(len + HDR);
		if (!b.__fw_ptr)
			return bytes_buf_null();
		__atomic_store_n((uint64_t *)(void *)b.__fw_ptr, (uint64_t)len, __ATOMIC_RELAXED);
		return (struct bytes_buf){ b.__fw_ptr };
	}
	if (len > UINT32_MAX) /* the frame metadata keeps 32 bits; far beyond the largest block anyway */
		return bytes_buf_null();
	return (struct bytes_buf){ bytes_alloc_frames(len).__fw_ptr };
}

struct bytes_buf bytes_buf_dup(struct bytes src)
{
	struct bytes_buf h = bytes_buf_alloc(bytes_len(src));
	if (!bytes_buf_is_null(h))
		bytes_copy(bytes_buf_view(h), src);
	return h;
}

struct bytes bytes_buf_view(struct bytes_buf h)
{
	size_t large_len;
	size_t size = bytes_block_size(h.__fw_p, &large_len);
	if (size > SLOT_MAX) /* whole frames: the length is the framework's */
		return (struct bytes){ h.__fw_p, MIN(large_len, size), false };
	if (size <= HDR)
		return bytes_empty();
	uint64_t len = __atomic_load_n((uint64_t *)(void *)h.__fw_p, __ATOMIC_RELAXED);
	if (len > size - HDR)
		len = size - HDR;
	return (struct bytes){ h.__fw_p + HDR, (size_t)len, false };
}

void bytes_buf_free(struct bytes_buf h)
{
	if (!h.__fw_p)
		return;
	size_t large_len;
	size_t size = bytes_block_size(h.__fw_p, &large_len);
	if (!size)
		panic("bytes_buf_free(%p): not a live byte buffer (double free?)", h.__fw_p);
	/* Two racing frees both get here: bytes_free catches the second (slot bit, free-list mark). */
	bytes_free((struct bytes){ h.__fw_p, size, false });
}
