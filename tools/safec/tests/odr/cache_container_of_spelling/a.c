/* CONTAINER_OF's key is NEW's: OBJ spells struct victim where the object is
 * allocated and struct forged where it is looked up, both of one size, so
 * both ask for the cache "a.c:OBJ" and the lookup would hand back a victim
 * as a forged. The key names two types: refused at both sites. */
#include <frame/alloc.h>
struct link {
	struct link *next;
};
struct victim {
	unsigned char *buf;
	struct link link;
};
struct forged {
	unsigned long addr;
	struct link link;
};
#define OBJ struct victim
struct victim *make_victim(void)
{
	return NEW(OBJ); /* expect: R12-odr */
}
#undef OBJ
#define OBJ struct forged
struct forged *forge(struct link *l)
{
	return CONTAINER_OF(l, OBJ, link); /* expect: R12-odr */
}
