/* Byte slices inside the framework: wrapping its own memory, and which words name a byte block. */
#ifndef MM_BYTES_INTERNAL_H
#define MM_BYTES_INTERNAL_H

#include <frame/types.h>

#include <frame/bytes.h>

/* Wrap memory the framework owns (never offered to services). */
struct bytes bytes_from_raw(void *ptr, size_t len, bool readonly);

/*
 * The size of the live byte block that starts at p (a bytes-N slab slot or a
 * large block), or 0 when p is anything else. For a large block, *large_len
 * is the length its allocation asked for (kept in the frame metadata), else
 * 0. Never panics: p may be any word. The answer may be stale once it
 * returns; callers rely on byte blocks staying byte blocks, not on liveness.
 */
size_t bytes_block_size(const void *p, size_t *large_len);
/* Like bytes_alloc, but always whole frames (a large block), even for small len. */
struct bytes bytes_alloc_frames(size_t len);

#endif /* MM_BYTES_INTERNAL_H */
