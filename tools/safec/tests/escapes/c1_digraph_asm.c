#include <frame/types.h>
#define CAT(a, b) a%:%:b /* expect: R11-digraph R11-paste */
void off(void) { CAT(__as, m__)("cli"); } /* expect: R1-asm R9-reserved */
