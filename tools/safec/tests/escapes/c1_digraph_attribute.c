#include <frame/types.h>
static int table<:4:>; /* expect: R11-digraph */
<:<:clang::no_sanitize("bounds"):>:> int peek(int i) { return table<:i:>; } /* expect: R11-digraph R11-attr */
