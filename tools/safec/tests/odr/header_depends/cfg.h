/* one header, one definition site, but its layout depends on the includer's
 * macros: two translation units see two different `struct cfg`s */
#ifndef CFG_H
#define CFG_H
struct cfg { /* expect: R12-odr */
#ifdef CFG_BIG
	long words[4];
#else
	int word;
#endif
};
typedef struct { /* expect: R12-odr */
#ifdef CFG_BIG
	long *p;
#endif
	long v;
} cfg_anon_t;
void cfg_use(struct cfg *c, cfg_anon_t *a);
#endif
