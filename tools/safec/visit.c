/* visit.c - AST rules: R1 (asm, computed goto), R2, R3, R4, R5, R6, R7,
 * R8, R9-redecl, R9-fw-tag and R14-fw-init. One recursive walk with an
 * explicit ancestor stack. */
#include "visit.h"
#include "copies.h"
#include "jumps.h"
#include "capability.h"
#include "origin.h"
#include "report.h"
#include "rules.h"
#include "types.h"
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 4096
#define MAX_NOESC 64

struct walk {
	struct safec *s;
	CXCursor stack[MAX_DEPTH];
	int depth;
	CXCursor noesc[MAX_NOESC]; /* __noescape params of the function being walked */
	int nnoesc;
	struct strset fw_names;    /* functions/variables declared in trusted headers */
	struct strset fw_tags;     /* struct/union/enum tags declared in trusted headers */
	struct strset fn_usr;      /* functions seen, by USR ... */
	unsigned long long *fn_mask; /* ... and which of their parameters are __noescape */
};

static bool service_loc(struct walk *w, CXSourceLocation l)
{
	return origin_of_loc(w->s, l) == ORIGIN_SERVICE;
}

static CXSourceLocation begin_of(CXCursor c)
{
	return clang_getRangeStart(clang_getCursorExtent(c));
}

static char *name_of(CXCursor c)
{
	return cx_str(clang_getCursorSpelling(c));
}

/* Is stack[i] the compound statement of a statement expression, with
 * stack[i + 1] its last child (the value of the ({ ... }))? */
static bool is_stmt_expr_value(struct walk *w, int i)
{
	if (i < 1 || clang_getCursorKind(w->stack[i]) != CXCursor_CompoundStmt ||
	    clang_getCursorKind(w->stack[i - 1]) != CXCursor_StmtExpr)
		return false;
	CXCursor kids[64];
	int n = cursor_children(w->stack[i], kids, 64);
	return n >= 1 && n <= 64 && clang_equalCursors(kids[n - 1], w->stack[i + 1]);
}

/* Origin of the construct that consumes the expression at stack[i]: the first
 * ancestor that is not a parenthesis, an implicit conversion or the statement
 * expression whose value it is (`ELEM_PTR(a, i)` is its final `&a[i]`). */
static int consumer(struct walk *w, int i)
{
	for (i--; i >= 0; i--) {
		CXCursor a = w->stack[i];
		if (clang_getCursorKind(a) == CXCursor_ParenExpr || is_implicit_cast(a, NULL))
			continue;
		if (is_stmt_expr_value(w, i)) {
			i--; /* and the StmtExpr itself */
			continue;
		}
		return i;
	}
	return -1;
}

static const char *binop_spelling(enum CXBinaryOperatorKind k)
{
	switch (k) {
	case CXBinaryOperator_Add: return "+";
	case CXBinaryOperator_Sub: return "-";
	case CXBinaryOperator_AddAssign: return "+=";
	case CXBinaryOperator_SubAssign: return "-=";
	case CXBinaryOperator_LT: return "<";
	case CXBinaryOperator_GT: return ">";
	case CXBinaryOperator_LE: return "<=";
	case CXBinaryOperator_GE: return ">=";
	case CXBinaryOperator_Assign: return "=";
	case CXBinaryOperator_EQ: return "==";
	case CXBinaryOperator_NE: return "!=";
	default: return "?";
	}
}

static enum origin origin_at(struct walk *w, CXCursor c)
{
	if (clang_getCursorKind(c) == CXCursor_BinaryOperator ||
	    clang_getCursorKind(c) == CXCursor_CompoundAssignOperator) {
		CXCursor k[2];
		if (cursor_children(c, k, 2) == 2)
			return origin_of_infix(w->s, k[0], k[1],
					       binop_spelling(clang_getCursorBinaryOperatorKind(c)), NULL);
	}
	return origin_of_loc(w->s, clang_getCursorLocation(c));
}

/* Is stack[i+1] (reached from the expression at stack[j], j > i) an argument
 * of the call at stack[i] bound to a __noescape parameter? */
static bool noescape_arg(struct walk *w, int i)
{
	CXCursor call = w->stack[i], arg = w->stack[i + 1];
	if (clang_getCursorKind(call) != CXCursor_CallExpr)
		return false;
	int n = clang_Cursor_getNumArguments(call);
	CXCursor fn = clang_getCursorReferenced(call);
	char *callee = cx_str(clang_getCursorSpelling(call));
	/* builtins keep no pointer; denied ones are reported by R5/R7/R9 */
	bool builtin = !strncmp(callee, "__builtin_", 10);
	free(callee);
	for (int k = 0; k < n; k++) {
		if (!same_expr(clang_Cursor_getArgument(call, k), arg))
			continue;
		if (builtin)
			return true;
		if (clang_getCursorKind(fn) != CXCursor_FunctionDecl)
			return false;
		if (k >= clang_Cursor_getNumArguments(fn))
			return false; /* variadic part */
		return param_is_noescape(clang_Cursor_getArgument(fn, k));
	}
	return false;
}

static bool is_noescape_param(struct walk *w, CXCursor d);
static bool has_service_part(struct walk *w, CXCursor e);

/* Is e (implicit conversions stripped) a use of a __noescape parameter? */
static bool names_noescape_param(struct walk *w, CXCursor e)
{
	e = strip_implicit(e);
	return clang_getCursorKind(e) == CXCursor_DeclRefExpr &&
	       is_noescape_param(w, clang_getCursorReferenced(e));
}

/* Does the expression designate (part of) an automatic object? What a
 * __noescape parameter points to counts as one (`*p`, `p->f`): it may be
 * the caller's local. */
static bool is_local_object(struct walk *w, CXCursor e)
{
	for (int guard = 0; guard < 256; guard++) {
		e = strip_parens(e);
		switch (clang_getCursorKind(e)) {
		case CXCursor_UnaryOperator: {
			if (clang_getCursorUnaryOperatorKind(e) != CXUnaryOperator_Deref)
				return false;
			CXCursor sub = last_expr_child(e);
			return !clang_Cursor_isNull(sub) && names_noescape_param(w, sub);
		}
		case CXCursor_DeclRefExpr: {
			CXCursor d = clang_getCursorReferenced(e);
			if (clang_getCursorKind(d) == CXCursor_ParmDecl)
				return true;
			if (clang_getCursorKind(d) == CXCursor_VarDecl)
				return clang_Cursor_hasVarDeclGlobalStorage(d) == 0;
			return false;
		}
		case CXCursor_CompoundLiteralExpr:
			return true;
		case CXCursor_MemberRefExpr: {
			CXCursor base = last_expr_child(e);
			if (clang_Cursor_isNull(base))
				return false;
			if (ty_is_ptr(clang_getCursorType(base)))
				return names_noescape_param(w, base); /* p->f */
			e = base;
			continue;
		}
		case CXCursor_ArraySubscriptExpr: {
			CXCursor k[2];
			if (cursor_children(e, k, 2) != 2)
				return false;
			CXCursor b = ty_is_ptr(clang_getCursorType(k[0])) ? k[0] : k[1];
			CXCursor sub;
			if (!is_implicit_cast(b, &sub) || !ty_is_array(clang_getCursorType(sub)))
				return false;
			e = sub;
			continue;
		}
		default:
			return false;
		}
	}
	return false;
}

/* Is stack[top] inside sizeof, _Alignof or a _Static_assert, where nothing
 * is evaluated (ELEM_PTR's IS_ARRAY check takes `&(a)[0]` there)? */
static bool unevaluated(struct walk *w, int top)
{
	for (int i = top - 1; i >= 0; i--) {
		enum CXCursorKind k = clang_getCursorKind(w->stack[i]);
		if (k == CXCursor_StaticAssert || k == CXCursor_UnaryExpr)
			return true;
		if (k == CXCursor_FunctionDecl)
			return false;
	}
	return false;
}

/* The address of a local at stack[top]: allowed only as a direct argument
 * bound to a __noescape parameter. */
static bool addr_use_allowed(struct walk *w, int top, bool decay)
{
	if (unevaluated(w, top))
		return true;
	int i = consumer(w, top);
	if (i < 0)
		return false;
	CXCursor a = w->stack[i];
	enum CXCursorKind k = clang_getCursorKind(a);
	if (decay) {
		/* arr[i], *arr and arr->f use the array in place */
		if (k == CXCursor_ArraySubscriptExpr || k == CXCursor_MemberRefExpr)
			return true;
		if (k == CXCursor_UnaryOperator &&
		    clang_getCursorUnaryOperatorKind(a) == CXUnaryOperator_Deref)
			return true;
	}
	return noescape_arg(w, i);
}

static bool is_noescape_param(struct walk *w, CXCursor d)
{
	for (int i = 0; i < w->nnoesc; i++)
		if (clang_equalCursors(w->noesc[i], d))
			return true;
	return false;
}

/* A use of a __noescape parameter at stack[top]. */
static bool noescape_use_allowed(struct walk *w, int top)
{
	int i = consumer(w, top);
	if (i < 0)
		return false;
	CXCursor a = w->stack[i];
	switch (clang_getCursorKind(a)) {
	case CXCursor_UnaryOperator: {
		enum CXUnaryOperatorKind u = clang_getCursorUnaryOperatorKind(a);
		return u == CXUnaryOperator_Deref || u == CXUnaryOperator_LNot;
	}
	case CXCursor_CStyleCastExpr: /* (void)p: the value goes nowhere */
		return canon(clang_getCursorType(a)).kind == CXType_Void;
	case CXCursor_MemberRefExpr:
	case CXCursor_ArraySubscriptExpr: /* reported by R4 */
	case CXCursor_UnaryExpr:          /* sizeof, alignof */
	case CXCursor_IfStmt:
	case CXCursor_WhileStmt:
	case CXCursor_DoStmt:
	case CXCursor_ForStmt:
	case CXCursor_CompoundStmt:
		return true;
	case CXCursor_BinaryOperator: {
		enum CXBinaryOperatorKind b = clang_getCursorBinaryOperatorKind(a);
		return b == CXBinaryOperator_EQ || b == CXBinaryOperator_NE ||
		       b == CXBinaryOperator_LAnd || b == CXBinaryOperator_LOr;
	}
	case CXCursor_ConditionalOperator: {
		CXCursor k[1];
		cursor_children(a, k, 1);
		return same_expr(k[0], w->stack[i + 1]);
	}
	case CXCursor_CallExpr: {
		int n = clang_Cursor_getNumArguments(a);
		bool is_arg = false;
		for (int k = 0; k < n; k++)
			if (same_expr(clang_Cursor_getArgument(a, k), w->stack[i + 1]))
				is_arg = true;
		return !is_arg || noescape_arg(w, i);
	}
	default:
		return false;
	}
}

static void check_binop(struct walk *w, CXCursor c)
{
	enum CXBinaryOperatorKind op = clang_getCursorBinaryOperatorKind(c);
	bool arith = op == CXBinaryOperator_Add || op == CXBinaryOperator_Sub ||
		     op == CXBinaryOperator_AddAssign || op == CXBinaryOperator_SubAssign;
	bool rel = op == CXBinaryOperator_LT || op == CXBinaryOperator_GT ||
		   op == CXBinaryOperator_LE || op == CXBinaryOperator_GE;
	if (!arith && !rel)
		return;
	CXCursor k[2];
	if (cursor_children(c, k, 2) != 2)
		return;
	CXType lt = clang_getCursorType(k[0]), rt = clang_getCursorType(k[1]);
	bool lp = ty_is_ptr(lt) || ty_is_array(lt), rp = ty_is_ptr(rt) || ty_is_array(rt);
	if (!lp && !rp)
		return;
	CXSourceLocation where;
	if (origin_of_infix(w->s, k[0], k[1], binop_spelling(op), &where) != ORIGIN_SERVICE)
		return;
	if (rel)
		report(w->s, where, "R2-ptr-cmp", "relational comparison '%s' of pointers",
		       binop_spelling(op));
	else if (lp && rp)
		report(w->s, where, "R2-ptr-arith", "pointer difference");
	else
		report(w->s, where, "R2-ptr-arith", "pointer arithmetic '%s'", binop_spelling(op));
}

static void check_unop(struct walk *w, CXCursor c)
{
	enum CXUnaryOperatorKind op = clang_getCursorUnaryOperatorKind(c);
	CXCursor sub = last_expr_child(c);
	if (clang_Cursor_isNull(sub))
		return;
	switch (op) {
	case CXUnaryOperator_PreInc:
	case CXUnaryOperator_PreDec:
		if (ty_is_ptr(clang_getCursorType(sub)) && service_loc(w, begin_of(c)))
			report(w->s, begin_of(c), "R2-ptr-arith", "pointer arithmetic '%s'",
			       op == CXUnaryOperator_PreInc ? "++" : "--");
		break;
	case CXUnaryOperator_PostInc:
	case CXUnaryOperator_PostDec: {
		if (!ty_is_ptr(clang_getCursorType(sub)))
			break;
		const char *sp = op == CXUnaryOperator_PostInc ? "++" : "--";
		CXSourceLocation where;
		if (origin_of_postfix(w->s, c, sp, &where) == ORIGIN_SERVICE)
			report(w->s, where, "R2-ptr-arith", "pointer arithmetic '%s'", sp);
		break;
	}
	case CXUnaryOperator_AddrOf:
		if (clang_getCursorKind(strip_parens(sub)) == CXCursor_ArraySubscriptExpr &&
		    service_loc(w, begin_of(c)))
			report(w->s, begin_of(c), "R4-elem-addr",
			       "'&a[i]' may be one past the end (the bounds check allows it, and '->' "
			       "through it reaches the next object): use ELEM_PTR(a, i)");
		/* a framework macro's '&' over a local the service names counts
		 * too (ELEM_PTR(local, i)): the address is the service's */
		if (is_local_object(w, sub) &&
		    (service_loc(w, begin_of(c)) || has_service_part(w, sub)) &&
		    !addr_use_allowed(w, w->depth - 1, false))
			report(w->s, begin_of(c), "R8-noescape",
			       "address of a local may only be passed straight to a __noescape parameter");
		break;
	default:
		break;
	}
}

static void check_cast(struct walk *w, CXCursor c)
{
	CXType t = canon(clang_getCursorType(c));
	if (t.kind == CXType_Void)
		return;
	CXCursor sub = last_expr_child(c);
	if (clang_Cursor_isNull(sub))
		return;
	CXType u = clang_getCursorType(sub);
	if (!(ty_is_ptr(t) || ty_is_ptr(u) || ty_is_array(u) || ty_is_func(u)))
		return;
	if (service_loc(w, begin_of(c)))
		report(w->s, begin_of(c), "R3-ptr-cast", "cast involving a pointer type");
}

/* Is arg an argument of call in the variadic part of its prototype? */
static bool is_variadic_arg(CXCursor call, CXCursor arg)
{
	CXCursor callee[1];
	if (cursor_children(call, callee, 1) < 1)
		return false;
	CXType ft = canon(clang_getCursorType(callee[0]));
	if (ft.kind == CXType_Pointer)
		ft = canon(clang_getPointeeType(ft));
	if (ft.kind != CXType_FunctionProto || !clang_isFunctionTypeVariadic(ft))
		return false;
	int np = clang_getNumArgTypes(ft), n = clang_Cursor_getNumArguments(call);
	for (int k = np; k < n; k++)
		if (same_expr(clang_Cursor_getArgument(call, k), arg))
			return true;
	return false;
}

static void check_implicit(struct walk *w, CXCursor c, CXCursor sub)
{
	CXType t = canon(clang_getCursorType(c)), u = canon(clang_getCursorType(sub));
	const char *rule = NULL, *msg = NULL;
	if (ty_is_ptr(t) && ty_is_ptr(u)) {
		CXType pt = clang_getUnqualifiedType(canon(clang_getPointeeType(t)));
		CXType pu = clang_getUnqualifiedType(canon(clang_getPointeeType(u)));
		CXType qt = canon(clang_getPointeeType(t)), qu = canon(clang_getPointeeType(u));
		if (clang_isConstQualifiedType(qu) && !clang_isConstQualifiedType(qt)) {
			rule = "R3-const";
			msg = "implicit conversion drops 'const' (string literals and read-only data "
			      "would be written)";
		} else if (clang_equalTypes(pt, pu) || pt.kind == CXType_Void) {
			return;
		}
		if (rule) {
			/* reported below */
		} else if (is_null_constant(sub)) {
			return;
		} else if (pu.kind == CXType_Void) {
			rule = "R3-void-cast";
			msg = "implicit conversion from 'void *' to a typed pointer";
		} else {
			rule = "R3-ptr-cast";
			msg = "implicit conversion between incompatible pointer types";
		}
	} else if (ty_is_ptr(t) && ty_is_int(u)) {
		if (is_null_constant(sub))
			return;
		rule = "R3-int-ptr";
		msg = "implicit conversion from integer to pointer";
	} else if (ty_is_int(t) && !ty_is_bool(t) && ty_is_ptr(u)) {
		rule = "R3-int-ptr";
		msg = "implicit conversion from pointer to integer";
	} else if (ty_is_ptr(t) && ty_is_array(u)) {
		/* a string literal is read-only whatever C says its type is: the
		 * pointer it finally becomes (after every implicit conversion) must
		 * point to const, unless it goes to a variadic framework function */
		if (clang_getCursorKind(strip_parens(sub)) == CXCursor_StringLiteral) {
			int i = consumer(w, w->depth - 1);
			while (i >= 0 && clang_getCursorKind(w->stack[i]) == CXCursor_ConditionalOperator)
				i = consumer(w, i); /* c ? "a" : "b" becomes what the ?: becomes */
			CXType final = i >= 0 ? clang_getCursorType(w->stack[i + 1]) : t;
			bool ro = ty_is_ptr(final) &&
				  clang_isConstQualifiedType(canon(clang_getPointeeType(final)));
			bool vararg = i >= 0 && clang_getCursorKind(w->stack[i]) == CXCursor_CallExpr &&
				      is_variadic_arg(w->stack[i], w->stack[i + 1]);
			if (!ro && !vararg && (i >= 0 ? origin_at(w, w->stack[i]) : origin_of_loc(
				     w->s, clang_getCursorLocation(sub))) == ORIGIN_SERVICE)
				report(w->s, clang_getCursorLocation(sub), "R3-const",
				       "a string literal used as a pointer to writable 'char': "
				       "use 'const char *'");
			return;
		}
		/* array decay: the address of a local array must not escape */
		if (is_local_object(w, sub) && !addr_use_allowed(w, w->depth - 1, true)) {
			int i = consumer(w, w->depth - 1);
			if (i >= 0 && origin_at(w, w->stack[i]) == ORIGIN_SERVICE)
				report(w->s, clang_getCursorLocation(sub), "R8-noescape",
				       "local array used as a pointer outside a __noescape argument");
		}
		return;
	} else {
		return;
	}
	int i = consumer(w, w->depth - 1);
	enum origin o = i >= 0 ? origin_at(w, w->stack[i])
			       : origin_of_loc(w->s, clang_getCursorLocation(sub));
	if (o == ORIGIN_SERVICE)
		report(w->s, clang_getCursorLocation(sub), rule, "%s", msg);
}

static void check_subscript(struct walk *w, CXCursor c)
{
	CXCursor k[2];
	if (cursor_children(c, k, 2) != 2)
		return;
	if (origin_of_infix(w->s, k[0], k[1], "[", NULL) != ORIGIN_SERVICE)
		return;
	CXCursor base = ty_is_ptr(clang_getCursorType(k[0])) ? k[0] : k[1];
	CXCursor arr;
	CXSourceLocation where = clang_getCursorLocation(c);
	if (!is_implicit_cast(base, &arr) || !ty_is_array(clang_getCursorType(arr))) {
		report(w->s, where, "R4-subscript",
		       "subscript on a pointer (use a constant-size array or a framework slice)");
		return;
	}
	CXType at = canon(clang_getCursorType(arr));
	if (at.kind != CXType_ConstantArray || clang_getArraySize(at) < 2) {
		report(w->s, where, "R4-subscript", "subscript on an array of unknown or <2 size");
		return;
	}
	CXCursor obj = strip_parens(arr);
	enum CXCursorKind ok = clang_getCursorKind(obj);
	if (ok == CXCursor_MemberRefExpr || ok == CXCursor_ArraySubscriptExpr)
		return;
	if (ok == CXCursor_DeclRefExpr &&
	    clang_getCursorKind(clang_getCursorReferenced(obj)) == CXCursor_VarDecl)
		return;
	report(w->s, where, "R4-subscript",
	       "subscript only on arrays that are variables or struct members");
}

static void check_record(struct walk *w, CXCursor c, bool is_union)
{
	if (!clang_isCursorDefinition(c))
		return;
	CXCursor kids[512];
	int n = cursor_children(c, kids, 512);
	if (n > 512)
		n = 512;
	int last = -1;
	for (int i = 0; i < n; i++)
		if (clang_getCursorKind(kids[i]) == CXCursor_FieldDecl)
			last = i;
	for (int i = 0; i < n; i++) {
		if (clang_getCursorKind(kids[i]) != CXCursor_FieldDecl)
			continue;
		CXSourceLocation l = clang_getCursorLocation(kids[i]);
		CXType ft = canon(clang_getCursorType(kids[i]));
		if (!service_loc(w, l))
			continue;
		if (ft.kind == CXType_IncompleteArray)
			report(w->s, l, "R5-flex", "flexible array member");
		else if (ft.kind == CXType_ConstantArray && clang_getArraySize(ft) == 0 && i != last)
			report(w->s, l, "R5-flex",
			       "zero-length array (it decays to a pointer to the next member)");
		if (is_union && ty_has_ptr(ft, 0))
			report(w->s, l, "R6-union-ptr", "union member holds a pointer");
		else if (is_union && ty_has_private(ft, &w->s->rules->private_prefix, 0))
			report(w->s, l, "R14-fw-union",
			       "union member holds framework-private fields (it could be forged "
			       "through another member)");
	}
	if (!is_union && last >= 0) {
		CXType ft = canon(clang_getCursorType(kids[last]));
		CXSourceLocation l = clang_getCursorLocation(kids[last]);
		if (ft.kind == CXType_ConstantArray && clang_getArraySize(ft) <= 1 && service_loc(w, l))
			report(w->s, l, "R5-flex", "zero/one-length trailing array");
	}
}

static void check_redecl(struct walk *w, CXCursor c)
{
	CXCursor parent = clang_getCursorSemanticParent(c);
	if (clang_getCursorKind(parent) != CXCursor_TranslationUnit &&
	    clang_Cursor_getStorageClass(c) != CX_SC_Extern)
		return;
	char *name = name_of(c);
	/* service-defined symbols: their type is checked by R12-odr (facts.c) */
	if (strset_has(&w->fw_names, name) && !strset_has(&w->s->rules->service_symbol, name) &&
	    service_loc(w, clang_getCursorLocation(c)))
		report(w->s, clang_getCursorLocation(c), "R9-redecl",
		       "'%s' is a framework symbol; services may not declare it", name);
	free(name);
}


/* ---- R9-fw-tag: services may not complete a framework tag ---- */

static bool is_identifier(const char *n)
{
	if (!*n)
		return false;
	for (const char *p = n; *p; p++)
		if (!(*p == '_' || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9')))
			return false;
	return true;
}

static void check_tag(struct walk *w, CXCursor c)
{
	if (!clang_isCursorDefinition(c))
		return;
	CXSourceLocation l = clang_getCursorLocation(c);
	if (!service_loc(w, l))
		return;
	char *name = name_of(c);
	if (is_identifier(name) && strset_has(&w->fw_tags, name) &&
	    !strset_has(&w->s->rules->service_tag, name))
		report(w->s, l, "R9-fw-tag",
		       "'%s' is a framework type; services may not define (complete) it", name);
	free(name);
}

/* ---- R14-fw-init: no initialiser lists that set framework-private fields ---- */

#define MAX_FIELDS 512

struct fields {
	CXCursor v[MAX_FIELDS];
	int n;
	bool overflow;
};

static enum CXVisitorResult fields_cb(CXCursor c, CXClientData d)
{
	struct fields *f = d;
	char *name = name_of(c);
	/* unnamed bit-fields take no initialiser */
	bool skip = clang_Cursor_isBitField(c) && !is_identifier(name);
	free(name);
	if (skip)
		return CXVisit_Continue;
	if (f->n == MAX_FIELDS) {
		f->overflow = true;
		return CXVisit_Break;
	}
	f->v[f->n++] = c;
	return CXVisit_Continue;
}

static bool is_private_name(struct walk *w, CXCursor c)
{
	char *name = name_of(c);
	bool priv = strset_prefix(&w->s->rules->private_prefix, name) != NULL;
	free(name);
	return priv;
}

/* A designated initialiser: libclang shows it as an UnexposedExpr whose
 * children are the designators (field references, index expressions)
 * followed by the value. */
static bool is_designated(CXCursor e)
{
	if (clang_getCursorKind(e) != CXCursor_UnexposedExpr)
		return false;
	CXCursor k[2];
	if (cursor_children(e, k, 2) < 2)
		return false;
	return clang_getCursorKind(k[0]) == CXCursor_MemberRef ||
	       clang_getCursorType(e).kind == CXType_Void;
}

enum initv {
	INIT_OK,     /* initialises the whole subobject (or a scalar) */
	INIT_BAD,    /* reaches framework-private fields */
	INIT_ELIDED  /* brace elision into an aggregate without private fields */
};

/* How the element v initialises a subobject of type tt. */
static enum initv init_value(struct walk *w, CXType tt, CXCursor v)
{
	CXCursor e = strip_implicit(v);
	enum CXCursorKind k = clang_getCursorKind(e);
	if (k == CXCursor_InitListExpr)
		return INIT_OK; /* a nested list is checked on its own */
	tt = canon(tt);
	if (!ty_is_record(tt) && !ty_is_array(tt))
		return INIT_OK; /* a scalar */
	CXType et = clang_getUnqualifiedType(canon(clang_getCursorType(e)));
	if (clang_equalTypes(et, clang_getUnqualifiedType(tt)))
		return INIT_OK; /* a copy of a whole value */
	if (ty_is_array(tt) && k == CXCursor_StringLiteral)
		return INIT_OK;
	/* brace elision: v starts filling the subobject's first scalar */
	return ty_has_private(tt, &w->s->rules->private_prefix, 0) ? INIT_BAD : INIT_ELIDED;
}

static void check_init_list(struct walk *w, CXCursor c)
{
	/* Braces from a framework macro (SPINLOCK_INIT, CTX_INIT(ip)) are the
	 * framework's, but a service-written value they place in a private
	 * field is still the service's (G13): only those are checked there. */
	bool fw_braces = !service_loc(w, clang_getCursorLocation(c));
	CXType t = canon(clang_getCursorType(c));
	const struct strset *pp = &w->s->rules->private_prefix;
	if (!ty_has_private(t, pp, 0))
		return;
	CXCursor el[MAX_FIELDS];
	int n = cursor_children(c, el, MAX_FIELDS);
	if (n == 0)
		return; /* {} */
	if (n == 1 && is_null_constant(el[0]))
		return; /* {0}: zero-initialisation is always safe */
	if (n > MAX_FIELDS) {
		report(w->s, clang_getCursorLocation(c), "R14-fw-init",
		       "initialiser list too long to check");
		return;
	}
	bool record = ty_is_record(t);
	struct fields *f = NULL;
	if (record) {
		f = xcalloc(1, sizeof(*f));
		clang_Type_visitFields(t, fields_cb, f);
		if (f->overflow) {
			report(w->s, clang_getCursorLocation(c), "R14-fw-init",
			       "initialiser of a type with too many fields to check");
			free(f);
			return;
		}
	}
	CXType elem = record ? t : clang_getArrayElementType(t);
	int pos = 0;
	bool lost = false; /* cannot tell which subobject comes next */
	for (int i = 0; i < n; i++) {
		CXCursor e = el[i];
		CXSourceLocation l = clang_getCursorLocation(e);
		CXType tt = elem;
		CXCursor value = e;
		bool priv = false;
		if (is_designated(e)) {
			CXCursor d[16];
			int nd = cursor_children(e, d, 16);
			if (nd > 16) {
				report(w->s, l, "R14-fw-init", "designator too long to check");
				break;
			}
			value = d[nd - 1];
			tt = t;
			int idx = -1;
			bool nested = false;
			for (int j = 0; j < nd - 1; j++) {
				if (clang_getCursorKind(d[j]) == CXCursor_MemberRef) {
					CXCursor fd = clang_getCursorReferenced(d[j]);
					if (is_private_name(w, fd) &&
					    !service_loc(w, clang_getCursorLocation(d[j])))
						priv = true; /* service-written ones: R14-fw-field */
					tt = clang_getCursorType(fd);
					if (j == 0 && record)
						for (int k = 0; k < f->n; k++)
							if (clang_equalCursors(f->v[k], fd))
								idx = k;
					if (j > 0)
						nested = true;
				} else {
					/* an index (two for a GNU range) */
					if (ty_is_array(tt))
						tt = clang_getArrayElementType(canon(tt));
					if (j > 0)
						nested = true;
				}
			}
			if (record) {
				lost = nested || idx < 0;
				pos = idx + 1;
			} else {
				lost = nested;
			}
		} else if (lost && fw_braces) {
			if (has_service_part(w, e))
				report(w->s, l, "R14-fw-init",
				       "a framework macro puts this service-written value where the "
				       "checker cannot tell it from a private field");
			continue;
		} else if (lost) {
			report(w->s, l, "R14-fw-init",
			       "cannot tell which field this initialises in a type with "
			       "framework-private fields; use designators and nested braces");
			break;
		} else if (record) {
			if (pos >= f->n)
				break; /* excess elements: the compiler's business */
			CXCursor fd = f->v[pos++];
			priv = is_private_name(w, fd);
			tt = clang_getCursorType(fd);
		}
		enum initv r = priv ? INIT_BAD : init_value(w, tt, value);
		if (fw_braces) {
			if (r == INIT_BAD && has_service_part(w, value))
				report(w->s, clang_getCursorLocation(value), "R14-fw-init",
				       "a framework macro puts this service-written value in a "
				       "framework-private field");
			if (r == INIT_BAD)
				continue;
		}
		if (r == INIT_BAD) {
			report(w->s, l, "R14-fw-init",
			       "initialiser sets framework-private fields; use the framework's "
			       "constructors or initialiser macros, or {0}");
			break;
		}
		if (r == INIT_ELIDED)
			lost = true;
	}
	free(f);
}

/* ---- R7-format, R7-vararg-ptr, R9-cstr: strings read up to their NUL ---- */

/* A string literal (or __func__), possibly chosen by ?: between such. */
static bool is_literal_string(CXCursor e)
{
	e = strip_implicit(e);
	switch (clang_getCursorKind(e)) {
	case CXCursor_StringLiteral:
		return true;
	case CXCursor_ConditionalOperator: {
		CXCursor k[3];
		if (cursor_children(e, k, 3) != 3)
			return false;
		return is_literal_string(k[1]) && is_literal_string(k[2]);
	}
	default:
		return is_null_constant(e);
	}
}

static enum CXChildVisitResult svc_cb(CXCursor c, CXCursor p, CXClientData d)
{
	(void)p;
	struct walk *w = ((struct walk **)d)[0];
	if (service_loc(w, clang_getCursorLocation(c))) {
		((struct walk **)d)[1] = w;
		return CXChildVisit_Break;
	}
	return CXChildVisit_Recurse;
}

/* Was any part of the expression written by the service? */
static bool has_service_part(struct walk *w, CXCursor e)
{
	if (service_loc(w, clang_getCursorLocation(e)))
		return true;
	struct walk *d[2] = {w, NULL};
	clang_visitChildren(e, svc_cb, d);
	return d[1] != NULL;
}

static bool is_char_ptr(CXType t)
{
	t = canon(t);
	if (t.kind != CXType_Pointer)
		return false;
	enum CXTypeKind k = canon(clang_getPointeeType(t)).kind;
	return k == CXType_Char_S || k == CXType_Char_U || k == CXType_SChar ||
	       k == CXType_UChar;
}

/* Does R8-noescape already report this argument (the address of a local)? */
static bool r8_reports(struct walk *w, CXCursor call, CXCursor arg)
{
	CXCursor sub;
	if (is_implicit_cast(arg, &sub) && ty_is_array(clang_getCursorType(sub)))
		return is_local_object(w, sub) && origin_at(w, call) == ORIGIN_SERVICE;
	CXCursor u = strip_implicit(arg);
	if (clang_getCursorKind(u) == CXCursor_UnaryOperator &&
	    clang_getCursorUnaryOperatorKind(u) == CXUnaryOperator_AddrOf) {
		sub = last_expr_child(u);
		return !clang_Cursor_isNull(sub) && is_local_object(w, sub) &&
		       service_loc(w, begin_of(u));
	}
	return false;
}

/* R7-format, R7-vararg-ptr, R9-cstr: a call's string and pointer arguments. */
static void check_call_strings(struct walk *w, CXCursor call)
{
	CXCursor callee[1];
	if (cursor_children(call, callee, 1) < 1)
		return;
	CXType ft = canon(clang_getCursorType(callee[0]));
	if (ft.kind == CXType_Pointer)
		ft = canon(clang_getPointeeType(ft));
	if (ft.kind != CXType_FunctionProto)
		return;
	char *name = name_of(call);
	bool builtin = !strncmp(name, "__builtin_", 10); /* R9-builtin decides */
	free(name);
	if (builtin)
		return;
	bool variadic = clang_isFunctionTypeVariadic(ft);
	/* a service's own functions cannot read past a string's end: they may
	 * only dereference a pointer, never index it (R2, R4) */
	CXCursor fn = clang_getCursorReferenced(call);
	bool own = clang_getCursorKind(fn) == CXCursor_FunctionDecl &&
		   service_loc(w, clang_getCursorLocation(fn));
	if (own && !variadic)
		return;
	int np = clang_getNumArgTypes(ft), n = clang_Cursor_getNumArguments(call);
	for (int k = 0; k < n; k++) {
		CXCursor arg = clang_Cursor_getArgument(call, k);
		CXType at = clang_getCursorType(arg);
		if (k < np ? !is_char_ptr(at) : !ty_is_ptr(at))
			continue;
		if (is_literal_string(arg) || !has_service_part(w, arg))
			continue;
		if (k >= np && r8_reports(w, call, arg))
			continue;
		if (k >= np)
			report(w->s, clang_getCursorLocation(arg), "R7-vararg-ptr",
			       "pointer passed as a variadic argument (only string literals; "
			       "print slices through the framework's slice API)");
		else if (variadic)
			report(w->s, clang_getCursorLocation(arg), "R7-format",
			       "string argument of a variadic function must be a string literal");
		else
			report(w->s, clang_getCursorLocation(arg), "R9-cstr",
			       "a bare char pointer lets a framework function run past the "
			       "array (up to a NUL, or a length it trusts): pass a string literal");
	}
}

static void walk(struct walk *w, CXCursor c);

static enum CXChildVisitResult walk_cb(CXCursor c, CXCursor p, CXClientData d)
{
	(void)p;
	walk(d, c);
	return CXChildVisit_Continue;
}

/* Every declaration of a function must agree on which parameters are
 * __noescape: otherwise a body checked without the promise (storing the
 * pointer) is called as if it had it (with a local's address). */
static void check_noescape_decls(struct walk *w, CXCursor c)
{
	unsigned long long mask = 0;
	int n = clang_Cursor_getNumArguments(c);
	for (int i = 0; i < n && i < 64; i++)
		if (param_is_noescape(clang_Cursor_getArgument(c, i)))
			mask |= 1ull << i;
	char *usr = cx_str(clang_getCursorUSR(c));
	for (int i = 0; i < w->fn_usr.n; i++) {
		if (strcmp(w->fn_usr.v[i], usr) != 0)
			continue;
		if (w->fn_mask[i] != mask)
			report(w->s, clang_getCursorLocation(c), "R8-noescape-decl",
			       "this declaration and an earlier one disagree on which parameters are "
			       "__noescape");
		free(usr);
		return;
	}
	strset_add(&w->fn_usr, usr);
	w->fn_mask = realloc(w->fn_mask, sizeof(*w->fn_mask) * (size_t)w->fn_usr.n);
	w->fn_mask[w->fn_usr.n - 1] = mask;
	free(usr);
}

static void walk_function(struct walk *w, CXCursor c)
{
	CXSourceLocation l = clang_getCursorLocation(c);
	bool svc = service_loc(w, l);
	check_noescape_decls(w, c);
	check_copy(w->s, c, clang_getNullCursor(), svc);
	if (svc && clang_isFunctionTypeVariadic(clang_getCursorType(c)))
		report(w->s, l, "R7-variadic", "services may not declare variadic functions");
	check_redecl(w, c);
	int saved = w->nnoesc;
	CXCursor saved_p[MAX_NOESC];
	memcpy(saved_p, w->noesc, sizeof(CXCursor) * (size_t)saved);
	w->nnoesc = 0;
	if (clang_isCursorDefinition(c)) {
		if (svc)
			check_jumps(w->s, c);
		int n = clang_Cursor_getNumArguments(c);
		for (int i = 0; i < n && w->nnoesc < MAX_NOESC; i++) {
			CXCursor p = clang_Cursor_getArgument(c, i);
			if (param_is_noescape(p))
				w->noesc[w->nnoesc++] = p;
		}
	}
	clang_visitChildren(c, walk_cb, w);
	w->nnoesc = saved;
	memcpy(w->noesc, saved_p, sizeof(CXCursor) * (size_t)saved);
}

static void walk(struct walk *w, CXCursor c)
{
	if (w->depth >= MAX_DEPTH)
		return;
	w->stack[w->depth++] = c;
	CXSourceLocation loc = clang_getCursorLocation(c);
	CXCursor sub;
	check_copy(w->s, c, w->depth >= 2 ? w->stack[w->depth - 2] : clang_getNullCursor(),
		   service_loc(w, loc));
	check_capability(w->s, c, w->stack, w->depth);
	switch (clang_getCursorKind(c)) {
	case CXCursor_FunctionDecl:
		walk_function(w, c);
		w->depth--;
		return;
	case CXCursor_BinaryOperator:
	case CXCursor_CompoundAssignOperator:
		check_binop(w, c);
		break;
	case CXCursor_UnaryOperator:
		check_unop(w, c);
		break;
	case CXCursor_CStyleCastExpr:
		check_cast(w, c);
		break;
	case CXCursor_UnexposedExpr:
		if (is_implicit_cast(c, &sub))
			check_implicit(w, c, sub);
		break;
	case CXCursor_ArraySubscriptExpr:
		check_subscript(w, c);
		break;
	case CXCursor_DeclRefExpr:
		if (w->nnoesc && is_noescape_param(w, clang_getCursorReferenced(c)) &&
		    service_loc(w, loc) && !noescape_use_allowed(w, w->depth - 1))
			report(w->s, loc, "R8-noescape",
			       "a __noescape parameter may only be dereferenced, compared or "
			       "passed to a __noescape parameter");
		break;
	case CXCursor_VarDecl:
	case CXCursor_TypedefDecl: {
		CXType t = clang_getCursorType(c);
		if (clang_getCursorKind(c) == CXCursor_TypedefDecl)
			t = clang_getTypedefDeclUnderlyingType(c);
		if (canon(t).kind == CXType_VariableArray && service_loc(w, loc))
			report(w->s, loc, "R5-vla", "variable-length array");
		if (canon(t).kind == CXType_ConstantArray && clang_getArraySize(canon(t)) == 0 &&
		    service_loc(w, loc))
			report(w->s, loc, "R5-flex", "zero-length array");
		if (clang_getCursorKind(c) == CXCursor_VarDecl)
			check_redecl(w, c);
		break;
	}
	case CXCursor_StructDecl:
		check_record(w, c, false);
		check_tag(w, c);
		break;
	case CXCursor_UnionDecl:
		check_record(w, c, true);
		check_tag(w, c);
		break;
	case CXCursor_EnumDecl:
		check_tag(w, c);
		break;
	case CXCursor_InitListExpr:
		check_init_list(w, c);
		break;
	case CXCursor_CallExpr:
		check_call_strings(w, c);
		break;
	case CXCursor_GCCAsmStmt:
	case CXCursor_MSAsmStmt:
		if (service_loc(w, begin_of(c)))
			report(w->s, begin_of(c), "R1-asm", "inline assembly");
		break;
	case CXCursor_IndirectGotoStmt:
	case CXCursor_AddrLabelExpr:
		if (service_loc(w, begin_of(c)))
			report(w->s, begin_of(c), "R1-goto", "computed goto / label address");
		break;
	default:
		break;
	}
	clang_visitChildren(c, walk_cb, w);
	w->depth--;
}

static enum CXChildVisitResult names_cb(CXCursor c, CXCursor p, CXClientData d)
{
	(void)p;
	struct walk *w = d;
	enum CXCursorKind k = clang_getCursorKind(c);
	bool decl = k == CXCursor_FunctionDecl || k == CXCursor_VarDecl;
	bool tag = k == CXCursor_StructDecl || k == CXCursor_UnionDecl || k == CXCursor_EnumDecl;
	if (!decl && !tag)
		return CXChildVisit_Continue;
	if (origin_of_loc(w->s, clang_getCursorLocation(c)) != ORIGIN_TRUSTED)
		return CXChildVisit_Continue;
	char *n = name_of(c);
	struct strset *ss = decl ? &w->fw_names : &w->fw_tags;
	if ((decl || is_identifier(n)) && !strset_has(ss, n))
		strset_add(ss, n);
	free(n);
	/* tags first named inside a struct (`struct inner *p;`) have file scope */
	return tag ? CXChildVisit_Recurse : CXChildVisit_Continue;
}

static enum CXChildVisitResult top_cb(CXCursor c, CXCursor p, CXClientData d)
{
	(void)p;
	struct walk *w = d;
	if (clang_getCursorKind(c) >= CXCursor_FirstPreprocessing &&
	    clang_getCursorKind(c) <= CXCursor_LastPreprocessing)
		return CXChildVisit_Continue;
	CXFile f;
	clang_getFileLocation(clang_getCursorLocation(c), &f, NULL, NULL, NULL);
	if (file_is_main(w->s, f))
		walk(w, c);
	return CXChildVisit_Continue;
}

void check_ast(struct safec *s)
{
	struct walk *w = xcalloc(1, sizeof(*w));
	w->s = s;
	CXCursor tu = clang_getTranslationUnitCursor(s->tu);
	clang_visitChildren(tu, names_cb, w);
	clang_visitChildren(tu, top_cb, w);
	free(w);
}
