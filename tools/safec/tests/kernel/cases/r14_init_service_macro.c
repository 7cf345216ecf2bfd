#include <frame/slice.h>
#include <frame/sync.h>
#include "inc/svc.h"
#define MK_SLICE(p, n) { (p), (n) } /* expect: R14-fw-init */
#define IRQS_ON ((irqflags_t){ 0x200 }) /* expect: R14-fw-init */
u8 heap[16];
struct bytes s = MK_SLICE(heap, 4096); /* expect: R15-shared-cap */
void on(void) { irq_restore(IRQS_ON); }
struct bytes t = SVC_SLICE(heap); /* expect: R15-shared-cap */
/* expect-in: inc/svc.h:8 R14-fw-init */
