#include <frame/mem.h>
#include <frame/cpu.h>
int frame_cpu_id(void); /* expect: R9-redecl */
int frame_ncpus = 4; /* expect: R9-redecl */
