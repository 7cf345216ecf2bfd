/* Fake framework byte slices and buffer handles for the safec tests (trusted code). */
#ifndef FRAME_BYTES_H
#define FRAME_BYTES_H
#include <frame/types.h>

/* a multi-word capability: `local-only-type bytes` (R15-shared-cap) */
struct bytes {
	u8 *__fw_ptr;
	size_t __fw_len;
};
static inline u8 bytes_get(struct bytes b, size_t i)
{
	if (i >= b.__fw_len)
		__builtin_trap();
	return *(b.__fw_ptr + i);
}
struct bytes bytes_alloc(size_t len);

/* the one-word handle shared objects store instead */
struct bytes_buf {
	u8 *__fw_p;
};
struct bytes_buf bytes_buf_alloc(size_t len);
struct bytes bytes_buf_view(struct bytes_buf h);
void bytes_buf_free(struct bytes_buf h);
#endif
