#include <frame/mem.h>
#include <frame/cpu.h>
u8 f(struct bytes *b) { return *b->__fw_ptr; } /* expect: R14-fw-field */
