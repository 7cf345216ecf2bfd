#include <frame/mem.h>
#include <frame/cpu.h>
[[gnu::weak]] void f(void) {} /* expect: R11-attr */
[[gnu::unused]] static void g(void) {}
