/* R15-shared-cap: slices in static storage, where another task can copy one while it is written */
#include <frame/bytes.h>
#include <frame/slice.h>
typedef struct bytes slice_t;
struct holder {
	int n;
	struct bytes name;
};
struct outer {
	struct holder inner[2];
};
struct bytes g; /* expect: R15-shared-cap */
static struct bytes arr[4]; /* expect: R15-shared-cap */
extern struct bytes elsewhere; /* expect: R15-shared-cap */
static slice_t typedefd; /* expect: R15-shared-cap */
static struct holder h; /* expect: R15-shared-cap */
static struct outer nested; /* expect: R15-shared-cap */
static struct chan framework_type_holding_one; /* expect: R15-shared-cap */
static __typeof__(bytes_empty()) typeof_d; /* expect: R15-shared-cap R9-reserved */
static const struct bytes constant = { 0 }; /* expect: R15-shared-cap */
#define SHARED(name) static struct bytes name
SHARED(from_macro); /* expect: R15-shared-cap */
u8 first(void)
{
	return bytes_get(g, 0);
}
