/*
 * Byte slices: the only way services touch variable-length memory.
 *
 * A `struct bytes` is a pointer and a length the service cannot take apart
 * (its fields are framework-private). Every access is bounds-checked; an
 * out-of-range index or sub-slice panics with the index and the length
 * instead of touching memory it does not own. Read-only slices (the
 * initramfs) refuse writes the same way.
 *
 * A slice is three words, so a data race could tear it: services keep slices
 * only in automatic storage (R15-shared-cap) and store a one-word
 * `struct bytes_buf` (frame/bytes_buf.h) in shared objects.
 */
#ifndef FRAME_BYTES_H
#define FRAME_BYTES_H

#include <frame/types.h>

struct bytes {
	uint8_t *__fw_ptr;
	size_t __fw_len;
	bool __fw_readonly;
};

__noreturn void bytes_bounds_fail(size_t index, size_t len, const char *what);

static inline size_t bytes_len(struct bytes b)
{
	return b.__fw_len;
}

static inline struct bytes bytes_empty(void)
{
	return (struct bytes){ NULL, 0, true };
}

static inline uint8_t bytes_get(struct bytes b, size_t i)
{
	if (__builtin_expect(i >= b.__fw_len, 0))
		bytes_bounds_fail(i, b.__fw_len, "index");
	return b.__fw_ptr[i];
}

static inline void bytes_set(struct bytes b, size_t i, uint8_t v)
{
	if (__builtin_expect(i >= b.__fw_len, 0))
		bytes_bounds_fail(i, b.__fw_len, "index");
	if (__builtin_expect(b.__fw_readonly, 0))
		bytes_bounds_fail(i, b.__fw_len, "write to read-only slice at");
	b.__fw_ptr[i] = v;
}

/* The sub-slice [off, off + len). */
static inline struct bytes bytes_sub(struct bytes b, size_t off, size_t len)
{
	if (__builtin_expect(off > b.__fw_len || len > b.__fw_len - off, 0))
		bytes_bounds_fail(off + len, b.__fw_len, "sub-slice end");
	return (struct bytes){ b.__fw_ptr + off, len, b.__fw_readonly };
}

static inline struct bytes bytes_readonly(struct bytes b)
{
	b.__fw_readonly = true;
	return b;
}

/* Copy all of src to the start of dst (dst must be at least as long); overlapping is fine. */
void bytes_copy(struct bytes dst, struct bytes src);
void bytes_fill(struct bytes b, uint8_t v);
/* Index of the first `v`, or -1. */
ssize_t bytes_find(struct bytes b, uint8_t v);
bool bytes_equal(struct bytes a, struct bytes b);
/* Little-endian loads, bounds-checked like bytes_get. */
uint16_t bytes_get_le16(struct bytes b, size_t off);
uint32_t bytes_get_le32(struct bytes b, size_t off);
uint64_t bytes_get_le64(struct bytes b, size_t off);
/* Little-endian stores, bounds-checked like bytes_set. */
void bytes_set_le16(struct bytes b, size_t off, uint16_t v);
void bytes_set_le32(struct bytes b, size_t off, uint32_t v);
void bytes_set_le64(struct bytes b, size_t off, uint64_t v);

/* A zeroed, writable slice of `len` bytes; an empty slice when out of memory (check bytes_len). */
struct bytes bytes_alloc(size_t len);
void bytes_free(struct bytes b);

/*
 * Slices over memory a service names directly:
 *
 *   BYTES_LIT("proc")          a read-only slice of a string literal (no NUL)
 *   BYTES_OF_FIELD(obj, name)  a slice of the byte array member obj->name, where
 *                              obj points to a live heap (NEW) object or to a
 *                              service's static object
 *
 * A field slice stays sound after the object is freed because slab memory
 * is type-stable: the same bytes are the same member of another object of
 * the same type. At run time bytes_of_field checks that the slice lies inside
 * one object: one allocated slot of a slab, or one static object of the
 * services' data/bss. Anything else (the stack, which would dangle, page
 * tables, byte blocks, framework data, kernel text) is refused with a panic.
 */
struct bytes bytes_literal(const char *s, size_t len);
struct bytes bytes_of_field(void *field, size_t len);

#define BYTES_LIT(s) bytes_literal("" s "", sizeof(s) - 1)

/*
 * Only an array of plain bytes may become a writable slice: a slice over an
 * array of pointers or of `struct bytes` would let a service write any bit
 * pattern into them and forge a pointer. Three checks, each closing a way
 * round the others: the element's type (not its spelling: a typedef named
 * int8_t of a struct is still a struct) is char, signed char or unsigned
 * char; the address of an element has that type without const (so neither a
 * read-only member nor a 2-D array passes); and the member's type is an
 * array of exactly sizeof(member) such elements (so a pointer member, whose
 * `[0]` is also a char, is refused). An enum whose underlying type is a
 * char type passes; any byte is a valid value of such an enum.
 */
#define __FW_IS_BYTE_TYPE(T)                                                                      \
	(__builtin_types_compatible_p(T, char) || __builtin_types_compatible_p(T, signed char) || \
	 __builtin_types_compatible_p(T, unsigned char))
#define __FW_IS_BYTE_ARRAY(obj, member)                                                              \
	(__FW_IS_BYTE_TYPE(__typeof__((obj)->member[0])) &&                                          \
	 _Generic(&(obj)->member[0], char *: 1, signed char *: 1, unsigned char *: 1, default: 0) && \
	 __builtin_types_compatible_p(__typeof__((obj)->member), __typeof__((obj)->member[0])[sizeof((obj)->member)]))
#define BYTES_OF_FIELD(obj, member)                                                                        \
	({                                                                                                 \
		_Static_assert(__FW_IS_BYTE_ARRAY(obj, member), "BYTES_OF_FIELD needs an array of bytes"); \
		bytes_of_field(&(obj)->member[0], sizeof((obj)->member));                                  \
	})

#endif /* FRAME_BYTES_H */
