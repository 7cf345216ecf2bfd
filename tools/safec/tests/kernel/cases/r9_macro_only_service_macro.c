#include <frame/slice.h>
/* a service macro is service code: writing the name there is an error too */
#define MY_LIT(s, n) bytes_literal((s), (n)) /* expect: R9-macro-only */
struct bytes f(void) { return MY_LIT("abc", 100); }
