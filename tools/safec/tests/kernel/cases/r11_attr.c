#include <frame/mem.h>
#include <frame/cpu.h>
struct __attribute__((packed)) p { char c; int i; }; /* expect: R11-attr */
__attribute__((section(".text.evil"))) void f(void) {} /* expect: R11-attr */
__attribute__((no_sanitize("bounds"))) int g(int i) { return i; } /* expect: R11-attr */
__attribute__((weak)) void h(void) {} /* expect: R11-attr */
__attribute__((unused, naked)) void k(void) {} /* expect: R11-attr */
