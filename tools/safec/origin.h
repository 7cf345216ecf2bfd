/* origin.h - where did a token come from: trusted header, or service code? */
#ifndef SAFEC_ORIGIN_H
#define SAFEC_ORIGIN_H

#include "safec.h"

bool file_is_main(struct safec *s, CXFile f);
/* Trusted only for a real file under a --trusted directory; a NULL file
 * (scratch space, built-ins, command line) is service text. */
enum origin origin_of_file(struct safec *s, CXFile f);
/* Origin of one token by its real spelling location (clang 19 returns the
 * spelling inside the macro definition for macro-body tokens, and the place
 * the argument was written for macro-argument tokens). */
enum origin origin_of_loc(struct safec *s, CXSourceLocation l);

struct ftoks *file_tokens(struct safec *s, CXFile f);
int tok_at(const struct ftoks *t, unsigned off);        /* token starting at off */
int tok_ending_at(const struct ftoks *t, unsigned end); /* token ending at end */
int tok_prev(const struct ftoks *t, int i);             /* previous non-comment */

/* Origin of the operator token between two operands (binary operators,
 * '[' of a subscript). *where receives the operator's location if found. */
enum origin origin_of_infix(struct safec *s, CXCursor lhs, CXCursor rhs,
			    const char *op, CXSourceLocation *where);
/* Origin of a postfix ++/-- operator. */
enum origin origin_of_postfix(struct safec *s, CXCursor e, const char *op,
			      CXSourceLocation *where);

#endif
