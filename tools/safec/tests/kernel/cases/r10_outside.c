#include "../../outside/evil.h" /* expect: R10-include */
int f(void) { return evil; }
