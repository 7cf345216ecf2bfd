/* copies.h - R14-no-copy: framework objects that hold intrusive links or
 * own state (`no-copy-type` in the rules) are never copied, assigned or passed
 * by value by services. */
#ifndef SAFEC_COPIES_H
#define SAFEC_COPIES_H

#include "safec.h"

/* Does a value of type t hold a no-copy framework object? */
bool ty_is_no_copy(struct safec *s, CXType t);
/* A cursor the AST walk visits (and its parent): reports copies,
 * assignments and by-value parameters or results of such types written by
 * the service. `(void)x` copies nothing. */
void check_copy(struct safec *s, CXCursor c, CXCursor parent, bool service);

#endif
