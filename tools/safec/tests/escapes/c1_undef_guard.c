#include <frame/bytes.h>
#undef BYTES_LIT /* expect: R11-macro-name */
#define BYTES_LIT(s) bytes_empty() /* expect: R11-macro-name */
#undef FRAME_BYTES_H /* expect: R11-macro-name */
int f(void) { return 0; }
