#include <frame/types.h>
__attribute__((returns_nonnull)) uint64_t *find(int k); /* expect: R11-attr */
void set(uint64_t *p) __attribute__((nonnull)); /* expect: R11-attr */
