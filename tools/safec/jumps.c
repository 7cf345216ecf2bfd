/* jumps.c - R8-jump-init. A local's initialiser (the explicit one, or the
 * zeroing -ftrivial-auto-var-init=zero adds) runs where it is declared. A
 * `goto` or a `case`/`default` label that lands after the declaration, in
 * its scope, from a point outside that part of the scope skips it: the local
 * then holds whatever the stack held (an old pointer, say). clang's
 * -Wsometimes-uninitialized misses this in loops, so the checker refuses
 * such a jump unless it can see that nothing reached from the landing point
 * reads the local: the usual `goto out;` to cleanup code that never names
 * it. From a label T, execution in the local's scope reaches only offsets
 * after T when T is in no loop that starts inside the scope and no goto after
 * T leads back before it; then a local not named after T is never read
 * uninitialised. Positions are byte offsets in the file of the function's
 * expansion, which orders statements as written. */
#include "jumps.h"
#include "origin.h"
#include "report.h"
#include "types.h"
#include <stdlib.h>
#include <string.h>

struct local {
	unsigned decl, scope_end; /* in scope over (decl, scope_end] */
	unsigned scope_begin;
};

struct jump {
	unsigned from, to;
	CXSourceLocation where;
};

struct span {
	unsigned begin, end;
};

struct jumps {
	struct local *locals;
	int nlocals;
	struct jump *jumps;
	int njumps;
	unsigned *refs; /* offsets of uses of locals ... */
	unsigned *ref_decl; /* ... and of the declaration each names */
	int nrefs;
	struct span *loops;
	int nloops;
	CXCursor stack[1024];
	int depth;
};

static unsigned offset_of(CXSourceLocation l)
{
	unsigned off = 0;
	clang_getExpansionLocation(l, NULL, NULL, NULL, &off);
	return off;
}

static void add_jump(struct jumps *j, CXCursor from, CXCursor to, CXSourceLocation where)
{
	j->jumps = realloc(j->jumps, sizeof(*j->jumps) * (size_t)(j->njumps + 1));
	j->jumps[j->njumps].from = offset_of(clang_getCursorLocation(from));
	j->jumps[j->njumps].to = offset_of(clang_getCursorLocation(to));
	j->jumps[j->njumps].where = where;
	j->njumps++;
}

static void visit(struct jumps *j, CXCursor c);

static enum CXChildVisitResult visit_cb(CXCursor c, CXCursor p, CXClientData d)
{
	(void)p;
	visit(d, c);
	return CXChildVisit_Continue;
}

static void visit(struct jumps *j, CXCursor c)
{
	if (j->depth >= 1024)
		return;
	j->stack[j->depth++] = c;
	switch (clang_getCursorKind(c)) {
	case CXCursor_VarDecl:
		/* the scope is what holds the DeclStmt: a block, a for, ... */
		if (!clang_Cursor_hasVarDeclGlobalStorage(c) && j->depth >= 3) {
			CXSourceRange r = clang_getCursorExtent(j->stack[j->depth - 3]);
			j->locals = realloc(j->locals, sizeof(*j->locals) * (size_t)(j->nlocals + 1));
			struct local *l = &j->locals[j->nlocals++];
			l->decl = offset_of(clang_getCursorLocation(c));
			l->scope_begin = offset_of(clang_getRangeStart(r));
			l->scope_end = offset_of(clang_getRangeEnd(r));
		}
		break;
	case CXCursor_DeclRefExpr: {
		CXCursor d = clang_getCursorReferenced(c);
		if (clang_getCursorKind(d) == CXCursor_VarDecl) {
			j->refs = realloc(j->refs, sizeof(*j->refs) * (size_t)(j->nrefs + 1));
			j->ref_decl = realloc(j->ref_decl, sizeof(*j->ref_decl) * (size_t)(j->nrefs + 1));
			j->refs[j->nrefs] = offset_of(clang_getCursorLocation(c));
			j->ref_decl[j->nrefs] = offset_of(clang_getCursorLocation(d));
			j->nrefs++;
		}
		break;
	}
	case CXCursor_ForStmt:
	case CXCursor_WhileStmt:
	case CXCursor_DoStmt: {
		CXSourceRange r = clang_getCursorExtent(c);
		j->loops = realloc(j->loops, sizeof(*j->loops) * (size_t)(j->nloops + 1));
		j->loops[j->nloops].begin = offset_of(clang_getRangeStart(r));
		j->loops[j->nloops].end = offset_of(clang_getRangeEnd(r));
		j->nloops++;
		break;
	}
	case CXCursor_GotoStmt: {
		CXCursor label = clang_getCursorReferenced(c);
		if (!clang_Cursor_isNull(label))
			add_jump(j, c, label, clang_getCursorLocation(c));
		break;
	}
	case CXCursor_CaseStmt:
	case CXCursor_DefaultStmt:
		/* the jump starts at the switch that owns the label */
		for (int i = j->depth - 2; i >= 0; i--)
			if (clang_getCursorKind(j->stack[i]) == CXCursor_SwitchStmt) {
				add_jump(j, j->stack[i], c, clang_getCursorLocation(c));
				break;
			}
		break;
	default:
		break;
	}
	clang_visitChildren(c, visit_cb, j);
	j->depth--;
}

static bool in_scope(const struct local *l, unsigned at)
{
	return at > l->decl && at <= l->scope_end && at >= l->scope_begin;
}

/* Can code run after landing at `to` read the local l before its
 * declaration runs again? (See the top of the file.) */
static bool may_read_skipped(const struct jumps *j, const struct local *l, unsigned to)
{
	for (int i = 0; i < j->nloops; i++)
		if (j->loops[i].begin > l->decl && j->loops[i].begin <= to && to <= j->loops[i].end)
			return true; /* a loop inside the scope: its back edge reaches earlier code */
	for (int i = 0; i < j->njumps; i++)
		if (j->jumps[i].from > to && j->jumps[i].from <= l->scope_end && j->jumps[i].to <= to)
			return true; /* a jump back from after the landing point */
	for (int i = 0; i < j->nrefs; i++)
		if (j->ref_decl[i] == l->decl && j->refs[i] >= to && j->refs[i] <= l->scope_end)
			return true;
	return false;
}

void check_jumps(struct safec *s, CXCursor fn)
{
	struct jumps *j = xcalloc(1, sizeof(*j));
	visit(j, fn);
	for (int k = 0; k < j->njumps; k++) {
		const struct jump *jp = &j->jumps[k];
		for (int i = 0; i < j->nlocals; i++) {
			const struct local *l = &j->locals[i];
			if (in_scope(l, jp->to) && !in_scope(l, jp->from) &&
			    may_read_skipped(j, l, jp->to)) {
				report(s, jp->where, "R8-jump-init",
				       "this jump lands in the scope of a local past its declaration, "
				       "skipping its initialisation: declare it before the jump or in "
				       "a block of its own");
				break;
			}
		}
	}
	free(j->locals);
	free(j->jumps);
	free(j->refs);
	free(j->ref_decl);
	free(j->loops);
	free(j);
}
