/* R15-shared-cap: heap objects are reachable from other tasks: they may not hold a slice */
#include <frame/bytes.h>
#include <frame/alloc.h>
typedef struct bytes slice_t;
struct holder {
	int n;
	struct bytes name;
};
struct outer {
	struct holder inner;
};
struct table {
	slice_t rows[3];
};
struct handle_only {
	struct bytes_buf name; /* fine */
	struct bytes *not_a_slice; /* a pointer does not hold one */
};
void f(void)
{
	struct holder *a = NEW(struct holder); /* expect: R15-shared-cap */
	struct bytes *b = NEW(struct bytes); /* expect: R15-shared-cap */
	struct outer *c = NEW(struct outer); /* expect: R15-shared-cap */
	struct table *d = NEW(struct table); /* expect: R15-shared-cap */
	slice_t *e = NEW(slice_t); /* expect: R15-shared-cap */
	struct holder *g = NEW_ARRAY(struct holder, 4); /* expect: R15-shared-cap */
	struct handle_only *ok = NEW(struct handle_only);
	FREE(a);
	FREE(b);
	FREE(c);
	FREE(d);
	FREE(e);
	FREE(g);
	FREE(ok);
}
