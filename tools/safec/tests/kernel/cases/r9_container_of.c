#include <frame/mem.h>
struct node { int key; struct node *next; };
struct item { int a; struct node link; };
/* container_of trusts that n really sits inside an item: framework-only. */
struct item *from_link(struct node *n) { return container_of(n, struct item, link); } /* expect: R9-symbol */
