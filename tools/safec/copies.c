/* copies.c - R14-no-copy. A copy of a `struct wait_queue` taken while a task
 * sleeps keeps a pointer to that task's on-stack waiter, and a wake-up
 * through the copy later writes into whatever frame reuses the stack; the same
 * holds for mutexes with waiters, armed timers, attached IRQ actions, and
 * `struct user_ctx` (a copy shares the FPU area, so releasing one frees the
 * other's live state). Assigning over one drops live links the same way. So a
 * service may not read such an object as a value (C's lvalue-to-rvalue
 * conversion, which every copy goes through), assign to one, or declare a
 * parameter or result of such a type. Initialising a new one from a
 * framework initialiser or `{0}` stays legal: it copies nothing. */
#include "copies.h"
#include "report.h"
#include "rules.h"
#include "types.h"
#include <stdlib.h>
#include <string.h>

bool ty_is_no_copy(struct safec *s, CXType t)
{
	return ty_holds_tag(t, &s->rules->no_copy, 0);
}

void check_copy(struct safec *s, CXCursor c, CXCursor parent, bool service)
{
	if (!service || !s->rules->no_copy.n)
		return;
	CXSourceLocation l = clang_getCursorLocation(c);
	switch (clang_getCursorKind(c)) {
	case CXCursor_UnexposedExpr: {
		/* an implicit conversion of a record is a copy of it */
		CXCursor sub;
		bool to_void = clang_getCursorKind(parent) == CXCursor_CStyleCastExpr &&
			       canon(clang_getCursorType(parent)).kind == CXType_Void;
		if (!to_void && is_implicit_cast(c, &sub) && ty_is_record(clang_getCursorType(c)) &&
		    ty_is_no_copy(s, clang_getCursorType(c)))
			report(s, l, "R14-no-copy",
			       "this copies a framework object that holds live links or state");
		break;
	}
	case CXCursor_BinaryOperator:
		if (clang_getCursorBinaryOperatorKind(c) == CXBinaryOperator_Assign &&
		    ty_is_no_copy(s, clang_getCursorType(c)))
			report(s, l, "R14-no-copy",
			       "assigning over a framework object that holds live links or state");
		break;
	case CXCursor_ParmDecl:
		if (ty_is_no_copy(s, clang_getCursorType(c)))
			report(s, l, "R14-no-copy",
			       "a framework object that holds live links or state passed by value");
		break;
	case CXCursor_FunctionDecl:
		if (ty_is_no_copy(s, clang_getResultType(clang_getCursorType(c))))
			report(s, l, "R14-no-copy",
			       "a framework object that holds live links or state returned by value");
		break;
	default:
		break;
	}
}
