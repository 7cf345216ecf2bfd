#include <frame/mem.h>
/* trigraphs are off in GNU modes; they are refused so that no flag can turn them on */
const char *s = "??=define"; /* expect: R11-trigraph */
int f(void) { return 0; }
