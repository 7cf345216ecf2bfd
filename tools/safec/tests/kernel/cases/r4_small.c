#include <frame/mem.h>
#include <frame/cpu.h>
struct s { int one[1]; int y; };
int f(struct s *s) { return s->one[0]; } /* expect: R4-subscript */
