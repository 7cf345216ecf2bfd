#include <frame/mem.h>
#include <frame/slice.h>
/* a zero-length array decays to a pointer to whatever follows it */
struct s {
	struct bytes z[0]; /* expect: R5-flex */
	u64 x;
};
int f(void) { return 0; }
