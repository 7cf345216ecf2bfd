#include <frame/mem.h>
#include <frame/cpu.h>
void f(void) { __fw_cache_free(0); } /* expect: R9-fw */
