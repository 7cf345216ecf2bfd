/* a forged name of a framework file: no service NEW shares that key, the
 * framework's caches would (only the file check sees it) */
#include <frame/alloc.h>
struct page_meta {
	unsigned char *owner;
};
struct page_meta *forge_fw(void)
{
# 40 "frame/mm/slab.c" /* expect: R11-directive */
	return NEW(struct page_meta); /* expect: R12-odr */
}
