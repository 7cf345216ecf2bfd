#include <frame/mem.h>
#include <frame/cpu.h>
#if 0
void *memcpy(void *, const void *, size_t);
volatile int x;
#pragma pack(1)
#endif
/* comments may say volatile, memcpy, asm and #pragma freely */
static const char *s = "volatile memcpy __fw_addr";
int f(void) { return s != 0; }
