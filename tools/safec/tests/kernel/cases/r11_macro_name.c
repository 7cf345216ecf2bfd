/* a service macro may not change what framework header text means */
#define __builtin_expect(c, v) 0 /* expect: R11-macro-name */
#define sizeof(x) 64 /* expect: R11-macro-name */
#define FW_ID(x) 0 /* expect: R11-macro-name */
#define FW_BASE 0 /* expect: R11-macro-name */
#include <frame/mem.h>
#include <frame/slice.h>
#undef FRAME_SLICE_H /* expect: R11-macro-name */
#define u8 int /* expect: R11-macro-name */
#define MY_OWN 1
#define if while /* expect: R11-macro-name */
int f(void) { return MY_OWN; }
