/* R15-shared-cap: any framework allocator macro that converts void * into a slice holder */
#include <frame/mem.h>
struct holder {
	struct bytes name;
};
#define MY_NEW(T) NEW(T)
void f(void)
{
	struct holder *a = NEW(struct holder); /* expect: R15-shared-cap */
	struct holder *b = MY_NEW(struct holder); /* expect: R15-shared-cap */
	FREE(a);
	FREE(b);
}
