#include <frame/types.h>
struct item { uint64_t a, b; };
static struct item items[4];
struct item *at(size_t i) { return &items[i]; } /* expect: R4-elem-addr */
void smash(void) { at(4)->a = 0; }
