/* Fake framework slice constructors for the safec tests (trusted code). */
#ifndef FRAME_SLICE_H
#define FRAME_SLICE_H
#include <frame/mem.h>

/* raw pointer/length constructors: only through the macros below */
struct bytes bytes_from_raw(void *ptr, size_t len, bool readonly);
struct bytes bytes_literal(const char *s, size_t len);
struct bytes bytes_of_field(void *field, size_t len);
static inline struct bytes bytes_empty(void)
{
	return (struct bytes){ NULL, 0 };
}
#define BYTES_LIT(s) bytes_literal("" s "", sizeof(s) - 1)
#define BYTES_OF_FIELD(obj, member) bytes_of_field(&(obj)->member[0], sizeof((obj)->member))

/* a framework type with public fields and a private one */
struct ctx {
	u64 rip, rsp;
	struct bytes __fw_scratch;
};
/* a framework macro bug G13 is about: it puts its arguments in private fields */
#define WRAP_RAW(p, n) ((struct bytes){ (p), (n) })
#define CTX_INIT(ip) { .rip = (ip), .rsp = 0, .__fw_scratch = { NULL, 0 } }

/* a framework type holding private fields only through a member */
struct chan {
	int id;
	struct bytes buf;
	int flags;
};

size_t bytes_format(struct bytes dst, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#endif
