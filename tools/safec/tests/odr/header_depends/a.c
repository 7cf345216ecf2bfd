#define CFG_BIG
#include "cfg.h"
void cfg_use(struct cfg *c, cfg_anon_t *a)
{
	c->words[3] = 1;
	a->v = 2;
}
