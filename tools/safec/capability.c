/*
 * capability.c - R15-shared-cap.
 *
 * A multi-word capability (a `struct bytes` slice: pointer, length, flag) is
 * torn by a data race: a copy taken while another task writes it can pair
 * one slice's pointer with another's length. Such types are listed
 * `local-only-type` in the rules, and a value of a type that holds one
 * (directly, in a member or array element, recursively) may only live in
 * automatic storage: locals, parameters, return values, compound literals
 * inside functions. A local's address only reaches __noescape parameters
 * (R8), so no other task can see it. Shared storage for a slice is the
 * one-word `struct bytes_buf` handle, which the framework validates on use.
 *
 * Refused, whoever wrote the construct (a framework macro expanding into a
 * service file is judged like the service's own code):
 *   - a variable with static storage (file scope, `static`, `extern`);
 *   - a compound literal outside a function body or inside the initialiser
 *     of a static variable;
 *   - a conversion into `T *` from another pointer type, with T holding a
 *     local-only type: NEW/NEW_ARRAY's cast of the slab allocator's `void *`
 *     (services cannot write such conversions themselves, R3);
 *   - the definition of a `service-defined-tag` (struct service_task): the
 *     framework hands those objects from one task to another.
 */
#include "capability.h"
#include "report.h"
#include "rules.h"
#include "types.h"
#include <stdlib.h>

/* Does a value of type t contain a local-only type (recursively through
 * members and array elements; pointers are not followed)? */
static bool holds_local_only(struct safec *s, CXType t, int depth)
{
	return ty_holds_tag(t, &s->rules->local_only_type, depth);
}

static bool is_service_tag(struct safec *s, CXCursor c)
{
	char *tag = cx_str(clang_getCursorSpelling(c));
	bool yes = strset_has(&s->rules->service_tag, tag);
	free(tag);
	return yes;
}

/* A compound literal has static storage outside function bodies; one in a
 * static variable's initialiser is refused too (GNU C folds some of those). */
static bool literal_is_static(const CXCursor *stack, int depth)
{
	for (int i = depth - 2; i >= 0; i--) {
		enum CXCursorKind k = clang_getCursorKind(stack[i]);
		if (k == CXCursor_VarDecl && clang_Cursor_hasVarDeclGlobalStorage(stack[i]) == 1)
			return true;
		if (k == CXCursor_FunctionDecl)
			return false;
	}
	return true;
}

/* An explicit or implicit conversion from U * to T *, U != T, T holding a
 * local-only type. */
static bool converts_into_shared(struct safec *s, CXCursor c)
{
	CXCursor sub;
	enum CXCursorKind k = clang_getCursorKind(c);
	if (k == CXCursor_CStyleCastExpr)
		sub = last_expr_child(c);
	else if (!is_implicit_cast(c, &sub))
		return false;
	if (clang_Cursor_isNull(sub))
		return false;
	CXType t = canon(clang_getCursorType(c)), u = canon(clang_getCursorType(sub));
	if (t.kind != CXType_Pointer)
		return false;
	CXType pt = clang_getUnqualifiedType(canon(clang_getPointeeType(t)));
	if (!holds_local_only(s, pt, 0) || is_null_constant(sub))
		return false;
	if (u.kind != CXType_Pointer)
		return !ty_is_array(u); /* integer -> pointer; an array decays to its own type */
	CXType pu = clang_getUnqualifiedType(canon(clang_getPointeeType(u)));
	return !clang_equalTypes(pt, pu);
}

void check_capability(struct safec *s, CXCursor c, const CXCursor *stack, int depth)
{
	if (!s->rules->local_only_type.n)
		return;
	CXSourceLocation l = clang_getCursorLocation(c);
	switch (clang_getCursorKind(c)) {
	case CXCursor_VarDecl:
		if (clang_Cursor_hasVarDeclGlobalStorage(c) == 1 &&
		    holds_local_only(s, clang_getCursorType(c), 0))
			report(s, l, "R15-shared-cap",
			       "a static variable may not hold a slice (another task could copy it "
			       "while it is written); keep slices in locals, store a struct bytes_buf");
		break;
	case CXCursor_CompoundLiteralExpr:
		if (literal_is_static(stack, depth) && holds_local_only(s, clang_getCursorType(c), 0))
			report(s, l, "R15-shared-cap", "a static compound literal may not hold a slice");
		break;
	case CXCursor_CStyleCastExpr:
	case CXCursor_UnexposedExpr:
		if (converts_into_shared(s, c))
			report(s, l, "R15-shared-cap",
			       "heap objects may not hold a slice (NEW of a type holding one); "
			       "store a struct bytes_buf handle instead");
		break;
	case CXCursor_StructDecl:
	case CXCursor_UnionDecl:
		if (clang_isCursorDefinition(c) && is_service_tag(s, c) &&
		    holds_local_only(s, clang_getCursorType(c), 0))
			report(s, l, "R15-shared-cap",
			       "a type the framework hands to another task may not hold a slice");
		break;
	default:
		break;
	}
}
