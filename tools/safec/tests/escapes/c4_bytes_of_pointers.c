#include <frame/bytes.h>
#include <frame/alloc.h>
/* a byte view of an array of slices: write 8 bytes and a slice points anywhere */
struct holder { struct bytes parts[2]; };
struct bytes raw(struct holder *h) { return BYTES_OF_FIELD(h, parts); } /* expect-build: compile "BYTES_OF_FIELD needs an array of bytes" */
