/* types.c - type and cursor helpers. */
#include "types.h"
#include "rules.h"
#include <stdlib.h>
#include <string.h>

CXType canon(CXType t)
{
	return clang_getCanonicalType(t);
}

bool ty_is_ptr(CXType t)
{
	return canon(t).kind == CXType_Pointer;
}

bool ty_is_array(CXType t)
{
	switch (canon(t).kind) {
	case CXType_ConstantArray:
	case CXType_IncompleteArray:
	case CXType_VariableArray:
	case CXType_DependentSizedArray:
		return true;
	default:
		return false;
	}
}

bool ty_is_int(CXType t)
{
	enum CXTypeKind k = canon(t).kind;
	return (k >= CXType_Bool && k <= CXType_Int128) || k == CXType_Enum;
}

bool ty_is_bool(CXType t)
{
	return canon(t).kind == CXType_Bool;
}

bool ty_is_func(CXType t)
{
	enum CXTypeKind k = canon(t).kind;
	return k == CXType_FunctionProto || k == CXType_FunctionNoProto;
}

struct fieldscan {
	bool found;
	int depth;
};

static enum CXVisitorResult field_cb(CXCursor c, CXClientData d)
{
	struct fieldscan *fs = d;
	if (ty_has_ptr(clang_getCursorType(c), fs->depth + 1)) {
		fs->found = true;
		return CXVisit_Break;
	}
	return CXVisit_Continue;
}

bool ty_has_ptr(CXType t, int depth)
{
	if (depth > 32)
		return true; /* absurdly deep: refuse rather than guess */
	t = canon(t);
	switch (t.kind) {
	case CXType_Pointer:
	case CXType_BlockPointer:
		return true;
	case CXType_ConstantArray:
	case CXType_IncompleteArray:
	case CXType_VariableArray:
		return ty_has_ptr(clang_getArrayElementType(t), depth + 1);
	case CXType_Record: {
		struct fieldscan fs = {false, depth};
		clang_Type_visitFields(t, field_cb, &fs);
		return fs.found;
	}
	default:
		return false;
	}
}

bool ty_is_record(CXType t)
{
	return canon(t).kind == CXType_Record;
}

struct privscan {
	const struct strset *prefixes;
	bool found;
	int depth;
};

static enum CXVisitorResult priv_cb(CXCursor c, CXClientData d)
{
	struct privscan *ps = d;
	char *name = cx_str(clang_getCursorSpelling(c));
	bool priv = strset_prefix(ps->prefixes, name) != NULL;
	free(name);
	if (priv || ty_has_private(clang_getCursorType(c), ps->prefixes, ps->depth + 1)) {
		ps->found = true;
		return CXVisit_Break;
	}
	return CXVisit_Continue;
}

bool ty_has_private(CXType t, const struct strset *prefixes, int depth)
{
	if (depth > 32)
		return true; /* absurdly deep: refuse rather than guess */
	t = canon(t);
	switch (t.kind) {
	case CXType_ConstantArray:
	case CXType_IncompleteArray:
	case CXType_VariableArray:
		return ty_has_private(clang_getArrayElementType(t), prefixes, depth + 1);
	case CXType_Record: {
		struct privscan ps = {prefixes, false, depth};
		clang_Type_visitFields(t, priv_cb, &ps);
		return ps.found;
	}
	default:
		return false;
	}
}

struct kids {
	CXCursor *out;
	int n, max;
};

static enum CXChildVisitResult kids_cb(CXCursor c, CXCursor p, CXClientData d)
{
	(void)p;
	struct kids *k = d;
	if (k->n < k->max)
		k->out[k->n] = c;
	k->n++;
	return CXChildVisit_Continue;
}

int cursor_children(CXCursor c, CXCursor *out, int max)
{
	struct kids k = {out, 0, max};
	clang_visitChildren(c, kids_cb, &k);
	return k.n;
}

CXCursor last_expr_child(CXCursor c)
{
	CXCursor kids[8];
	int n = cursor_children(c, kids, 8);
	if (n > 8)
		n = 8;
	for (int i = n - 1; i >= 0; i--)
		if (clang_isExpression(clang_getCursorKind(kids[i])))
			return kids[i];
	return clang_getNullCursor();
}

/* An implicit conversion shows up as an UnexposedExpr with one expression
 * child (ImplicitCastExpr is not exposed by libclang). */
bool is_implicit_cast(CXCursor c, CXCursor *sub)
{
	if (clang_getCursorKind(c) != CXCursor_UnexposedExpr)
		return false;
	CXCursor kids[2];
	int n = cursor_children(c, kids, 2);
	if (n != 1 || !clang_isExpression(clang_getCursorKind(kids[0])))
		return false;
	/* an implicit conversion covers exactly its operand (a va_arg does not) */
	if (!clang_equalRanges(clang_getCursorExtent(c), clang_getCursorExtent(kids[0])))
		return false;
	if (sub)
		*sub = kids[0];
	return true;
}

CXCursor strip_parens(CXCursor c)
{
	while (clang_getCursorKind(c) == CXCursor_ParenExpr) {
		CXCursor k = last_expr_child(c);
		if (clang_Cursor_isNull(k))
			break;
		c = k;
	}
	return c;
}

CXCursor strip_implicit(CXCursor c)
{
	for (;;) {
		CXCursor sub;
		if (clang_getCursorKind(c) == CXCursor_ParenExpr) {
			sub = last_expr_child(c);
			if (clang_Cursor_isNull(sub))
				return c;
			c = sub;
		} else if (is_implicit_cast(c, &sub)) {
			c = sub;
		} else {
			return c;
		}
	}
}

bool is_null_constant(CXCursor c)
{
	for (;;) {
		c = strip_implicit(c);
		enum CXCursorKind k = clang_getCursorKind(c);
		if (k == CXCursor_CXXNullPtrLiteralExpr)
			return true;
		if (k != CXCursor_CStyleCastExpr)
			break;
		CXType t = canon(clang_getCursorType(c));
		if (!(t.kind == CXType_Pointer && canon(clang_getPointeeType(t)).kind == CXType_Void))
			return false;
		c = last_expr_child(c);
		if (clang_Cursor_isNull(c))
			return false;
	}
	if (clang_getCursorKind(c) != CXCursor_IntegerLiteral)
		return false;
	CXEvalResult r = clang_Cursor_Evaluate(c);
	if (!r)
		return false;
	bool zero = clang_EvalResult_getKind(r) == CXEval_Int &&
		    clang_EvalResult_getAsLongLong(r) == 0;
	clang_EvalResult_dispose(r);
	return zero;
}

bool same_expr(CXCursor a, CXCursor b)
{
	if (clang_equalCursors(a, b))
		return true;
	return clang_getCursorKind(a) == clang_getCursorKind(b) &&
	       clang_equalRanges(clang_getCursorExtent(a), clang_getCursorExtent(b));
}

static enum CXChildVisitResult noesc_cb(CXCursor c, CXCursor p, CXClientData d)
{
	(void)p;
	if (clang_getCursorKind(c) == CXCursor_AnnotateAttr) {
		CXString s = clang_getCursorSpelling(c);
		if (!strcmp(clang_getCString(s), "noescape"))
			*(bool *)d = true;
		clang_disposeString(s);
	}
	return CXChildVisit_Continue;
}

bool param_is_noescape(CXCursor parm)
{
	bool yes = false;
	if (clang_getCursorKind(parm) == CXCursor_ParmDecl)
		clang_visitChildren(parm, noesc_cb, &yes);
	return yes;
}

struct tagscan {
	const struct strset *tags;
	bool found;
	int depth;
};

static enum CXVisitorResult tag_field_cb(CXCursor c, CXClientData d)
{
	struct tagscan *ts = d;
	if (ty_holds_tag(clang_getCursorType(c), ts->tags, ts->depth + 1)) {
		ts->found = true;
		return CXVisit_Break;
	}
	return CXVisit_Continue;
}

bool ty_holds_tag(CXType t, const struct strset *tags, int depth)
{
	if (depth > 32)
		return true; /* absurdly deep: refuse rather than guess */
	t = canon(t);
	if (ty_is_array(t))
		return ty_holds_tag(clang_getArrayElementType(t), tags, depth + 1);
	if (t.kind != CXType_Record || !tags->n)
		return false;
	char *tag = cx_str(clang_getCursorSpelling(clang_getTypeDeclaration(t)));
	bool listed = strset_has(tags, tag);
	free(tag);
	if (listed)
		return true;
	struct tagscan ts = {tags, false, depth};
	clang_Type_visitFields(t, tag_field_cb, &ts);
	return ts.found;
}
