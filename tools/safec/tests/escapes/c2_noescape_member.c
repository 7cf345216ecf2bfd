#include <frame/types.h>
struct frame_data { uint64_t words[4]; uint64_t v; };
static uint64_t *kept;
void look(struct frame_data *d __noescape)
{
	kept = &d->v; /* expect: R8-noescape */
	kept = d->words; /* expect: R8-noescape */
	kept = &*&d->v; /* expect: R8-noescape R8-noescape */
}
