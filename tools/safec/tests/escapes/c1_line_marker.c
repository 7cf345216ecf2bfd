#include <frame/types.h>
# 1 "kernel/process/process.c" 1 /* expect: R11-directive */
int f(void) { return 0; }
