#include <frame/types.h>
/* built-in macros expand to text from no file */
__seg_gs uint64_t *cpu_word; /* expect: R9-reserved */
uint64_t read_cpu(void) { return *cpu_word; }
