/* typeid.h - canonical type identity strings for the one-definition check
 * (R12-odr): two declarations of one symbol, or two uses of one slab cache
 * key, denote the same type exactly when their identity strings are equal. */
#ifndef SAFEC_TYPEID_H
#define SAFEC_TYPEID_H

#include "safec.h"

/* A growing string. */
struct sbuf {
	char *p;
	size_t n, cap;
};
void sb_add(struct sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_free(struct sbuf *b);

/* "path:line:col" of a location's file position (the real file, after macro
 * expansion, not moved by #line), the path relative to the working directory
 * (the repository root) when it lies under it. Caller frees. */
char *site_of(CXSourceLocation l);
/* Repository-relative form of a path (realpath, then the cwd prefix dropped). */
char *rel_path(const char *path);

/* Is the declaration at file scope (also when nested in a file-scope struct)? */
bool at_file_scope(CXCursor decl);
/* Appends the identity of t: canonical type with typedefs resolved,
 * qualifiers, array sizes, pointers, prototypes (variadic, noreturn), records
 * and enums by tag ("struct node"), or by definition site when anonymous or
 * not declared at file scope ("struct @kernel/a.c:3:9"). */
void type_id(struct sbuf *b, CXType t);
/* Identity of a function or variable declaration: the type, and for a
 * function also which parameters are __noescape and whether it is noreturn. */
void decl_id(struct sbuf *b, CXCursor decl);
/* Identity of a tag type's name: "struct node", or "struct @site". */
void tag_id(struct sbuf *b, CXCursor decl);
/* Appends the layout of a tag's definition: size, alignment, fields with
 * their offsets and type identities; an enum's integer type and constants.
 * Kept whole (not hashed), so no crafted layout can collide with another:
 * a header whose definition depends on its includer's macros differs. */
void tag_body(struct sbuf *b, CXCursor def);

#endif
