/* rules.h - the deny list and allowlists read from frame/safec.rules. */
#ifndef SAFEC_RULES_H
#define SAFEC_RULES_H

#include <stdbool.h>

struct strset {
	char **v;
	int n, cap;
};

struct rules {
	struct strset deny_symbol;     /* exact identifiers (R9-symbol) */
	struct strset deny_prefix;     /* identifier prefixes (R9-symbol) */
	struct strset private_prefix;  /* framework-private prefixes (R9-fw) */
	struct strset allow_builtin;   /* __builtin_* names a service may use */
	struct strset allow_attribute; /* attribute names a service may write */
	struct strset macro_only;      /* names only framework macros may write (R9-macro-only) */
	struct strset service_tag;     /* framework-declared tags services define (R9-fw-tag) */
	struct strset no_copy;         /* tags whose objects may not be copied (R14-no-copy) */
	struct strset allow_reserved;  /* reserved identifiers a service may write (R9-reserved) */
	struct strset local_only_type; /* tags of multi-word capabilities (R15-shared-cap) */
	struct strset service_symbol;  /* framework-declared symbols services define (R12-odr) */
};

/* Loads the rules file; prints a message and returns false on error. */
bool rules_load(struct rules *r, const char *path);
bool strset_has(const struct strset *s, const char *name);
void strset_add(struct strset *s, const char *name); /* copies name */
/* Returns the matching prefix or NULL. */
const char *strset_prefix(const struct strset *s, const char *name);

#endif
