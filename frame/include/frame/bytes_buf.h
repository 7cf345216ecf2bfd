/*
 * Owned byte buffers that shared objects may store.
 *
 * A `struct bytes` slice is three words. One task copying a stored slice
 * while another writes it could pair one slice's pointer with another's
 * length, so slices live only in automatic storage (R15-shared-cap in
 * docs/safe-c.md). A heap object or a static stores a `struct bytes_buf`
 * instead: one word, the start of a byte block the framework allocated.
 *
 * The length is never taken from the handle. bytes_buf_view checks that the
 * word is the start of a live byte block and reads the length the framework
 * keeps in front of the data, clamped to the block. So a torn, stale or
 * zeroed handle yields an empty slice or a slice inside one live byte buffer
 * (byte memory is only ever reused as byte memory), never a forged one.
 */
#ifndef FRAME_BYTES_BUF_H
#define FRAME_BYTES_BUF_H

#include <frame/bytes.h>

struct bytes_buf {
	uint8_t *__fw_p;
};

/* A zeroed buffer of len bytes; the null handle when len is 0 or out of memory. */
struct bytes_buf bytes_buf_alloc(size_t len);
/* A buffer holding a copy of src; the null handle when src is empty or out of memory. */
struct bytes_buf bytes_buf_dup(struct bytes src);
/* The buffer's bytes (writable); empty for the null handle or one that names no live buffer. */
struct bytes bytes_buf_view(struct bytes_buf h);
/* Frees the buffer; the null handle is ignored. Panics unless h names a live buffer (double free). */
void bytes_buf_free(struct bytes_buf h);

static inline bool bytes_buf_is_null(struct bytes_buf h)
{
	return h.__fw_p == NULL;
}

static inline struct bytes_buf bytes_buf_null(void)
{
	return (struct bytes_buf){ NULL };
}

#endif /* FRAME_BYTES_BUF_H */
