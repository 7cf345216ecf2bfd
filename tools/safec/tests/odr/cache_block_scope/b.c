#include <frame/alloc.h>
struct node_c {
	int v;
};
struct node_c *keep_c(void)
{
	return NEW(struct node_c);
}
