#include <frame/mem.h>
#include "inc/hide.h" /* expect-in: inc/hide.h:4 R9-reserved */
/* expect-in: inc/hide.h:5 R1-asm */
void f(void) { hide(); }
