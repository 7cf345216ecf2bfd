#include <frame/alloc.h>
/* pose as another file: NEW's cache key would be another file's */
#line 1 "kernel/fs/pipe.c" /* expect: R11-directive */
struct pipe_fake { long a, b, c, d; };
void *make(void) { return NEW(struct pipe_fake); }
