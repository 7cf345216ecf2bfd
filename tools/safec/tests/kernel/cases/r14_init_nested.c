#include <frame/slice.h>
#include <frame/sync.h>
u8 heap[16];
struct chan c1 = { 1, { heap, 4096 }, 0 }; /* expect: R14-fw-init R15-shared-cap */
struct chan c2 = { 1, heap, 4096, 0 }; /* expect: R14-fw-init R15-shared-cap */
struct chan c3 = { .buf = { heap, 4096 } }; /* expect: R14-fw-init R15-shared-cap */
struct bytes arr1[2] = { heap, 1, heap, 2 }; /* expect: R14-fw-init R15-shared-cap */
struct bytes arr2[2] = { { 0 }, { heap, 2 } }; /* expect: R14-fw-init R15-shared-cap */
struct chan carr[2] = { [1] = { 2, { heap, 64 }, 0 } }; /* expect: R14-fw-init R15-shared-cap */
struct dev {
	int n;
	struct mutex lock;
};
struct dev d1 = { 1, { 1, NULL, WAIT_QUEUE_INIT } }; /* expect: R14-fw-init */
struct dev d2 = { 1, 1 }; /* expect: R14-fw-init */
