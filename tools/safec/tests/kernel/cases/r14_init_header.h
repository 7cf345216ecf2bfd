/* a service header is checked too: its inline functions may not forge slices */
#ifndef R14_INIT_HEADER_H
#define R14_INIT_HEADER_H
#include <frame/slice.h>
static inline struct bytes wrap(u8 *p, size_t n) { return (struct bytes){ p, n }; } /* expect: R14-fw-init */
static inline struct bytes none(void) { return (struct bytes){ 0 }; }
#endif
