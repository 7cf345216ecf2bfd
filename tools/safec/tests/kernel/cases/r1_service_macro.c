#include <frame/mem.h>
#include <frame/cpu.h>
#define SPIN() __asm__("pause") /* expect: R1-asm */
void f(void) { SPIN(); }
