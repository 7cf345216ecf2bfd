#include <frame/bytes.h>
#include <frame/alloc.h>
/* a slice in shared memory tears when one task copies it while another writes it */
struct shared { struct bytes b; };
struct bytes global_slice; /* expect: R15-shared-cap */
struct shared *make(void) { return NEW(struct shared); } /* expect: R15-shared-cap */
