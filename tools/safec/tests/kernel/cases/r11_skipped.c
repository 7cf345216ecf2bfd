#include <frame/mem.h>
#include <frame/cpu.h>
/* #if-excluded text is checked too: whether a region is compiled can depend on
 * the including context (__INCLUDE_LEVEL__, macros a header does not control),
 * so the checker does not guess. */
#if 0
void *memcpy(void *, const void *, size_t); /* expect: R9-symbol */
volatile int x; /* expect: R1-volatile */
#pragma pack(1) /* expect: R11-pragma */
#endif
/* comments may say volatile, memcpy, asm and #pragma freely */
static const char *s = "volatile memcpy __fw_addr";
int f(void) { return s != 0; }
