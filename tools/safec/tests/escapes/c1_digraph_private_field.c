#include <frame/bytes.h>
/* '%:%:' is '##': pasting a private field name */
%:define CAT(a, b) a %:%: b /* expect: R11-digraph R11-paste */
struct bytes grow(struct bytes b)
{
	b.CAT(__f, w_len) = 4096; /* expect: R9-reserved */
	return b;
}
