/* facts.c - per translation unit facts for R12-odr, and its per-file rule
 * (see facts.h). */
#include "facts.h"
#include "origin.h"
#include "report.h"
#include "rules.h"
#include "typeid.h"
#include "types.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 4096

struct fwalk {
	struct safec *s;
	CXCursor stack[MAX_DEPTH];
	int depth;
};

/* The collected records, each a finished line; duplicates (a header's tag
 * seen through two paths of the AST) are kept once. */
static struct strset lines;

static void esc(struct sbuf *b, const char *v)
{
	for (; *v; v++) {
		if (*v == '\\')
			sb_add(b, "\\\\");
		else if (*v == '\t')
			sb_add(b, "\\t");
		else if (*v == '\n')
			sb_add(b, "\\n");
		else
			sb_add(b, "%c", *v);
	}
}

/* Adds a record of n fields. */
static void record(int n, const char **f)
{
	struct sbuf b = {0};
	for (int i = 0; i < n; i++) {
		if (i)
			sb_add(&b, "\t");
		esc(&b, f[i]);
	}
	if (!strset_has(&lines, b.p))
		strset_add(&lines, b.p);
	sb_free(&b);
}

/* Service code is whatever lands in a file that is not a framework header:
 * judged by the file a declaration was expanded into, so a framework macro
 * that declares something in a service file declares a service entity. */
static bool in_service(struct fwalk *w, CXCursor c)
{
	CXFile f;
	clang_getFileLocation(clang_getCursorLocation(c), &f, NULL, NULL, NULL);
	return origin_of_file(w->s, f) == ORIGIN_SERVICE;
}

/* Block (or prototype) scope: the declaration belongs to no file-scope
 * context, or sits lexically inside a function. */
static bool inside_function(struct fwalk *w, CXCursor c)
{
	if (!at_file_scope(c))
		return true;
	for (int i = w->depth - 1; i >= 0; i--) {
		enum CXCursorKind k = clang_getCursorKind(w->stack[i]);
		if (k == CXCursor_CompoundStmt || k == CXCursor_ParmDecl)
			return true;
	}
	return false;
}

static const char *kind_word(enum CXCursorKind k)
{
	return k == CXCursor_UnionDecl ? "union" : k == CXCursor_EnumDecl ? "enum" : "struct";
}

static void tag_fact(struct fwalk *w, CXCursor c)
{
	bool service = in_service(w, c);
	bool def = clang_isCursorDefinition(c);
	if (service && inside_function(w, c))
		report(w->s, clang_getCursorLocation(c), "R12-odr",
		       "%s declared at block scope: one spelling would name several types "
		       "(declare it at file scope, under a name of its own)",
		       kind_word(clang_getCursorKind(c)));
	if (service && !def)
		return; /* a service's forward declarations define nothing */
	struct sbuf id = {0}, body = {0};
	tag_id(&id, c);
	const char *name = strchr(id.p, ' ') + 1;
	if (service && *name == '@')
		name--; /* anonymous: keep the keyword, "struct @site" */
	char *site = site_of(clang_getCursorLocation(c));
	if (def)
		tag_body(&body, c);
	else
		sb_add(&body, "-");
	const char *f[] = {service ? "tag" : "fwtag", name, site, body.p};
	if (service || !strchr(name, '@'))
		record(4, f);
	free(site);
	sb_free(&id);
	sb_free(&body);
}

static void sym_fact(struct fwalk *w, CXCursor c)
{
	if (clang_getCursorLinkage(c) != CXLinkage_External)
		return;
	bool service = in_service(w, c);
	struct sbuf id = {0};
	decl_id(&id, c);
	char *name = cx_str(clang_getCursorSpelling(c));
	char *site = site_of(clang_getCursorLocation(c));
	const char *f[] = {service ? "sym" : "fwsym", name, site, id.p,
			   clang_isCursorDefinition(c) ? "def" : "decl"};
	record(service ? 5 : 4, f);
	free(site);
	free(name);
	sb_free(&id);
}

static bool calls(CXCursor c, const char *fn)
{
	if (clang_getCursorKind(c) != CXCursor_CallExpr)
		return false;
	char *n = cx_str(clang_getCursorSpelling(clang_getCursorReferenced(c)));
	bool yes = !strcmp(n, fn);
	free(n);
	return yes;
}

/* The allocated type of the NEW around a slab_cache_get call: the `(T *)`
 * cast of a slab_alloc result in the same statement expression; likewise the
 * type CONTAINER_OF checks for, from its cast of a slab_container result
 * (its key must name one type just as NEW's does). */
struct allocscan {
	bool found, ambiguous;
	CXType t;
};

static enum CXChildVisitResult alloc_cb(CXCursor c, CXCursor p, CXClientData d)
{
	(void)p;
	struct allocscan *a = d;
	if (clang_getCursorKind(c) == CXCursor_StmtExpr)
		return CXChildVisit_Continue; /* a nested NEW is its own */
	if (clang_getCursorKind(c) == CXCursor_CStyleCastExpr) {
		CXCursor k = last_expr_child(c);
		if (!clang_Cursor_isNull(k) && (calls(strip_implicit(k), "slab_alloc") ||
							  calls(strip_implicit(k), "slab_container"))) {
			if (a->found)
				a->ambiguous = true;
			a->found = true;
			a->t = clang_getPointeeType(clang_getCursorType(c));
		}
	}
	return CXChildVisit_Recurse;
}

/* The value of a constant integer argument, or -1. */
static long long int_arg(CXCursor call, unsigned i)
{
	long long v = -1;
	CXEvalResult r = clang_Cursor_Evaluate(clang_Cursor_getArgument(call, i));
	if (r && clang_EvalResult_getKind(r) == CXEval_Int)
		v = clang_EvalResult_getAsLongLong(r);
	if (r)
		clang_EvalResult_dispose(r);
	return v;
}

static void cache_fact(struct fwalk *w, CXCursor call)
{
	if (!in_service(w, call))
		return; /* a framework inline function's own cache */
	char *key = NULL;
	if (clang_Cursor_getNumArguments(call) >= 1) {
		CXEvalResult r = clang_Cursor_Evaluate(clang_Cursor_getArgument(call, 0));
		if (r && clang_EvalResult_getKind(r) == CXEval_StrLiteral)
			key = xstrdup(clang_EvalResult_getAsStr(r));
		if (r)
			clang_EvalResult_dispose(r);
	}
	struct allocscan a = {false, false, {0}};
	for (int i = w->depth - 1; i >= 0; i--)
		if (clang_getCursorKind(w->stack[i]) == CXCursor_StmtExpr) {
			clang_visitChildren(w->stack[i], alloc_cb, &a);
			break;
		}
	struct sbuf id = {0};
	/* the cache's size and alignment must be the cast type's: a type that
	 * expands differently twice (__COUNTER__) could make them differ */
	if (a.found && !a.ambiguous && clang_Cursor_getNumArguments(call) == 3 &&
	    int_arg(call, 1) == clang_Type_getSizeOf(a.t) &&
	    int_arg(call, 2) == clang_Type_getAlignOf(a.t))
		type_id(&id, a.t);
	else
		sb_add(&id, "?");
	char *site = site_of(clang_getCursorLocation(call));
	const char *f[] = {"cache", key ? key : "?", site, id.p};
	record(4, f);
	free(site);
	free(key);
	sb_free(&id);
}

static void fwalk(struct fwalk *w, CXCursor c);

static enum CXChildVisitResult fwalk_cb(CXCursor c, CXCursor p, CXClientData d)
{
	(void)p;
	fwalk(d, c);
	return CXChildVisit_Continue;
}

static void fwalk(struct fwalk *w, CXCursor c)
{
	if (w->depth >= MAX_DEPTH)
		return;
	switch (clang_getCursorKind(c)) {
	case CXCursor_StructDecl:
	case CXCursor_UnionDecl:
	case CXCursor_EnumDecl:
		tag_fact(w, c);
		break;
	case CXCursor_TypedefDecl:
		if (in_service(w, c) && inside_function(w, c))
			report(w->s, clang_getCursorLocation(c), "R12-odr",
			       "typedef at block scope: one spelling would name several types "
			       "(declare it at file scope)");
		break;
	case CXCursor_FunctionDecl:
	case CXCursor_VarDecl:
		sym_fact(w, c);
		break;
	case CXCursor_CallExpr:
		if (calls(c, "slab_cache_get"))
			cache_fact(w, c);
		break;
	default:
		break;
	}
	w->stack[w->depth++] = c;
	clang_visitChildren(c, fwalk_cb, w);
	w->depth--;
}

void check_odr(struct safec *s)
{
	struct fwalk *w = xcalloc(1, sizeof(*w));
	w->s = s;
	clang_visitChildren(clang_getTranslationUnitCursor(s->tu), fwalk_cb, w);
	free(w);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

bool facts_write(struct safec *s, const char *path)
{
	FILE *f = fopen(path, "w");
	if (!f) {
		perror(path);
		return false;
	}
	char *tu = rel_path(s->main_path);
	fprintf(f, "%s\t%s\n", FACTS_MAGIC, tu);
	free(tu);
	qsort(lines.v, (size_t)lines.n, sizeof(char *), cmp_str);
	for (int i = 0; i < lines.n; i++)
		fprintf(f, "%s\n", lines.v[i]);
	if (fclose(f) != 0) {
		perror(path);
		return false;
	}
	return true;
}

struct depscan {
	FILE *f;
	struct strset seen;
};

static void dep_cb(CXFile inc, CXSourceLocation *stack, unsigned len, CXClientData d)
{
	(void)stack;
	(void)len;
	struct depscan *ds = d;
	char *n = cx_str(clang_getFileName(inc));
	if (!strset_has(&ds->seen, n))
		strset_add(&ds->seen, n);
	free(n);
}

bool deps_write(struct safec *s, const char *path, const char *target)
{
	struct depscan ds = {fopen(path, "w"), {0}};
	if (!ds.f) {
		perror(path);
		return false;
	}
	clang_getInclusions(s->tu, dep_cb, &ds);
	fprintf(ds.f, "%s:", target);
	for (int i = 0; i < ds.seen.n; i++)
		fprintf(ds.f, " \\\n %s", ds.seen.v[i]);
	fprintf(ds.f, "\n");
	for (int i = 1; i < ds.seen.n; i++)
		fprintf(ds.f, "%s:\n", ds.seen.v[i]);
	if (fclose(ds.f) != 0) {
		perror(path);
		return false;
	}
	return true;
}
