#define __builtin_expect(c, v) 0 /* expect: R11-macro-name */
#include <frame/bytes.h>
uint8_t far(struct bytes b) { return bytes_get(b, 100000); }
