#define sizeof(x) 64 /* expect: R11-macro-name */
#include <frame/bytes.h>
int f(void) { return 0; }
