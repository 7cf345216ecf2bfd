#include <frame/bytes.h>
/* kernel/process/process.c defines thread_main with another type (G12) */
struct bytes thread_main(void); /* expect-build: odr */
uint8_t peek(void) { return bytes_get(thread_main(), 0); }
