/* types.h - small type and cursor helpers for the AST rules. */
#ifndef SAFEC_TYPES_H
#define SAFEC_TYPES_H

#include "safec.h"

CXType canon(CXType t);
bool ty_is_ptr(CXType t);   /* canonical pointer (object or function) */
bool ty_is_array(CXType t);
bool ty_is_int(CXType t);   /* integer, enum (bool included) */
bool ty_is_bool(CXType t);
bool ty_is_func(CXType t);
/* Does a value of this type (recursively through structs, unions and
 * arrays) hold a pointer? */
bool ty_has_ptr(CXType t, int depth);
struct strset;
/* Does a value of this type (recursively through structs, unions and
 * arrays) have a field whose name starts with one of the private prefixes? */
bool ty_has_private(CXType t, const struct strset *prefixes, int depth);
/* Does a value of this type contain (recursively through members and array
 * elements; pointers are not followed) a struct or union whose tag is in
 * tags? */
bool ty_holds_tag(CXType t, const struct strset *tags, int depth);
/* Is this type a struct or union (canonically)? */
bool ty_is_record(CXType t);

/* Up to max direct children; returns their number. */
int cursor_children(CXCursor c, CXCursor *out, int max);
/* The last direct child that is an expression, or a null cursor. */
CXCursor last_expr_child(CXCursor c);
/* Strips parentheses and implicit conversions (UnexposedExpr). */
CXCursor strip_implicit(CXCursor c);
CXCursor strip_parens(CXCursor c);
bool is_implicit_cast(CXCursor c, CXCursor *sub);
/* A null pointer constant: 0, (void *)0, nullptr, possibly parenthesised. */
bool is_null_constant(CXCursor c);
bool same_expr(CXCursor a, CXCursor b);
bool param_is_noescape(CXCursor parm);

#endif
