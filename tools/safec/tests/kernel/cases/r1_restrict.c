#include <frame/mem.h>
#include <frame/cpu.h>
void g(int *restrict p); /* expect: R1-restrict */
void h(int *__restrict p); /* expect: R1-restrict */
