#include <frame/types.h>
%:pragma clang diagnostic ignored "-Wincompatible-pointer-types" /* expect: R11-digraph R11-pragma */
int f(void) { return 0; }
