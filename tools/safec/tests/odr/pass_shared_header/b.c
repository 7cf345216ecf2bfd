#include "shared.h"
int shared_count(const struct shared *s, shared_anon_t a)
{
	(void)a;
	return s ? s->refs + shared_total : 0;
}
struct shared *two(void)
{
	(void)shared_new();
	return shared_alloc_inline();
}
