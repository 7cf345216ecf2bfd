/* a service header (not a test case itself) */
#ifndef SVC_H
#define SVC_H
#define SVC_NEXT(p) ((p) + 1)
#endif
#ifndef SVC_H2
#define SVC_H2
#define SVC_SLICE(p) { (p), 4096 }
#endif
