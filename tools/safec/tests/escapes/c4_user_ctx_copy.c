#include <frame/user.h>
void twin(struct user_ctx *a, struct user_ctx *b)
{
	*b = *a; /* expect: R14-no-copy R14-no-copy */
	user_ctx_release(a);
}
