#include <frame/mem.h>
#include <frame/cpu.h>
unsigned long f(uptr_t u) { return u.__fw_addr; } /* expect: R14-fw-field */
uptr_t g(void) { uptr_t u = { .__fw_addr = 0x1000 }; return u; } /* expect: R14-fw-field */
unsigned long h(uptr_t u) { return FW_ID(u.__fw_addr); } /* expect: R14-fw-field */
