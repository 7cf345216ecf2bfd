/* a service header (not a test case itself) */
#ifndef SVC_H
#define SVC_H
#define SVC_NEXT(p) ((p) + 1)
#endif
