#include <frame/mem.h>
#include <frame/cpu.h>
union reg { u32 word; u8 bytes[4]; struct { u32 lo : 16, hi : 16; } half; };
u32 lo(union reg r) { return r.half.lo + r.bytes[1]; }
