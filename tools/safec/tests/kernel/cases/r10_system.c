#include <string.h> /* expect: R10-include */
int f(void) { return sys_thing; }
