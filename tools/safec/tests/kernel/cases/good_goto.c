#include <frame/mem.h>
#include <frame/cpu.h>
struct res { int id; };
int setup(void)
{
	int err = -1;
	struct res *a = NEW(struct res);
	if (a == NULL)
		goto out;
	struct res *b = NEW(struct res);
	if (b == NULL)
		goto free_a;
	FREE(b);
	err = 0;
free_a:
	FREE(a);
out:
	return err;
}
