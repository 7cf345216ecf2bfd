#include "inc/helper.c" /* expect: R10-include */
int f(void) { return helper; }
