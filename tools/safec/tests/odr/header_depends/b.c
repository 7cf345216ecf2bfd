#include "cfg.h"
void cfg_touch(struct cfg *c, cfg_anon_t *a)
{
	cfg_use(c, a);
}
