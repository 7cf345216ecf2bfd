#include <frame/mem.h>
#include <frame/cpu.h>
u8 low(u32 v) { return (u8)v; }
long widen(int x) { (void)low(1); return (long)x + (long)(unsigned char)x; }
unsigned long addr_of(uptr_t u) { return uptr_value(u); }
