#include <frame/mem.h>
#include <frame/cpu.h>
struct a { int n; int data[]; }; /* expect: R5-flex */
struct b { int n; int data[0]; }; /* expect: R5-flex */
struct c { int n; int data[1]; }; /* expect: R5-flex */
