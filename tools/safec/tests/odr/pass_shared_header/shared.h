/* one header defining a type, a symbol and a NEW, included by two files:
 * one definition */
#ifndef SHARED_H
#define SHARED_H
#include <frame/alloc.h>
struct shared {
	int refs;
	struct shared *next;
};
typedef struct {
	long a;
} shared_anon_t;
struct shared *shared_new(void);
int shared_count(const struct shared *s, shared_anon_t a);
extern int shared_total;
static inline struct shared *shared_alloc_inline(void)
{
	return NEW(struct shared);
}
#endif
