#include <frame/slice.h>
/* a framework type with public and private fields: only the public ones may be named */
u8 heap[16];
struct ctx c1 = { 1, 2, { heap, 99 } }; /* expect: R14-fw-init R15-shared-cap */
struct ctx c2 = { .rsp = 2, .__fw_scratch = { 0 } }; /* expect: R14-fw-field R15-shared-cap */
struct ctx c3(struct bytes b) { return (struct ctx){ 1, 2, b }; } /* expect: R14-fw-init */
struct ctx c4 = { .rsp = 2, 0 }; /* expect: R14-fw-init R15-shared-cap */
