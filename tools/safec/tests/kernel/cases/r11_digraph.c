#include <frame/mem.h>
#include <frame/slice.h>
/* digraphs spell '#', '##', '[' and ']' without those characters */
%:define CAT(a, b) a %:%: b /* expect: R11-digraph R11-paste */
int x<:2:>; /* expect: R11-digraph */
void g(struct ctx *c) { c->CAT(__fw_, scratch) = bytes_empty(); } /* expect: R9-fw */
<:<:clang::no_sanitize("bounds"):>:> int h(int i) { return x[i]; } /* expect: R11-digraph R11-attr */
%:pragma clang diagnostic ignored "-Wall" /* expect: R11-digraph R11-pragma */
int f(void) <% return 0; %> /* expect: R11-digraph */
