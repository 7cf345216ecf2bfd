/* origin.c - classification of source locations and token look-ups. */
#include "origin.h"
#include <limits.h>
#include <stdlib.h>
#include <string.h>

struct fclass {
	CXFile f;
	enum origin o;
};
static struct fclass *fcache;
static int nfcache, capfcache;

bool file_is_main(struct safec *s, CXFile f)
{
	return f && clang_File_isEqual(f, s->main_file);
}

enum origin origin_of_file(struct safec *s, CXFile f)
{
	/* No file: clang's scratch buffer (tokens made by pasting), built-in
	 * macros (`__seg_gs`), the command line. None of it is framework text,
	 * so none of it is trusted. */
	if (!f)
		return ORIGIN_SERVICE;
	for (int i = 0; i < nfcache; i++)
		if (fcache[i].f == f)
			return fcache[i].o;
	enum origin o = ORIGIN_SERVICE;
	char *name = cx_str(clang_getFileName(f));
	char *real = realpath(name, NULL);
	for (int i = 0; real && i < s->ntrusted; i++)
		if (path_under(real, s->trusted[i]))
			o = ORIGIN_TRUSTED;
	free(real);
	free(name);
	if (nfcache == capfcache) {
		capfcache = capfcache ? capfcache * 2 : 16;
		struct fclass *n = xmalloc(sizeof(*n) * (size_t)capfcache);
		if (nfcache)
			memcpy(n, fcache, sizeof(*n) * (size_t)nfcache);
		free(fcache);
		fcache = n;
	}
	fcache[nfcache].f = f;
	fcache[nfcache].o = o;
	nfcache++;
	return o;
}

enum origin origin_of_loc(struct safec *s, CXSourceLocation l)
{
	CXFile f;
	clang_getSpellingLocation(l, &f, NULL, NULL, NULL);
	return origin_of_file(s, f);
}

struct ftoks *file_tokens(struct safec *s, CXFile f)
{
	if (!f)
		return NULL;
	for (int i = 0; i < s->ntokcache; i++)
		if (s->tokcache[i]->file == f)
			return s->tokcache[i];
	size_t size = 0;
	const char *text = clang_getFileContents(s->tu, f, &size);
	struct ftoks *t = xcalloc(1, sizeof(*t));
	t->file = f;
	t->text = text;
	t->size = text ? size : 0;
	CXSourceRange r = clang_getRange(clang_getLocationForOffset(s->tu, f, 0),
					 clang_getLocationForOffset(s->tu, f, (unsigned)size));
	CXToken *toks = NULL;
	unsigned n = 0;
	clang_tokenize(s->tu, r, &toks, &n);
	/* comments are dropped: every rule looks at code tokens, and a comment
	 * between two tokens (`#/ * * /pragma`) must not hide their adjacency */
	t->start = xcalloc(n, sizeof(unsigned));
	t->end = xcalloc(n, sizeof(unsigned));
	t->line = xcalloc(n, sizeof(unsigned));
	t->col = xcalloc(n, sizeof(unsigned));
	t->kind = xcalloc(n, sizeof(CXTokenKind));
	t->spell = xcalloc(n, sizeof(char *));
	unsigned k = 0;
	for (unsigned i = 0; i < n; i++) {
		if (clang_getTokenKind(toks[i]) == CXToken_Comment)
			continue;
		CXSourceRange e = clang_getTokenExtent(s->tu, toks[i]);
		clang_getSpellingLocation(clang_getRangeStart(e), NULL, &t->line[k], &t->col[k],
					  &t->start[k]);
		clang_getSpellingLocation(clang_getRangeEnd(e), NULL, NULL, NULL, &t->end[k]);
		t->kind[k] = clang_getTokenKind(toks[i]);
		t->spell[k] = cx_str(clang_getTokenSpelling(s->tu, toks[i]));
		k++;
	}
	t->n = k;
	if (toks)
		clang_disposeTokens(s->tu, toks, n);
	s->tokcache = realloc(s->tokcache, sizeof(*s->tokcache) * (size_t)(s->ntokcache + 1));
	s->tokcache[s->ntokcache++] = t;
	return t;
}

int tok_at(const struct ftoks *t, unsigned off)
{
	int lo = 0, hi = (int)t->n - 1;
	while (lo <= hi) {
		int mid = (lo + hi) / 2;
		if (t->start[mid] == off)
			return mid;
		if (t->start[mid] < off)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

int tok_ending_at(const struct ftoks *t, unsigned end)
{
	int lo = 0, hi = (int)t->n - 1;
	while (lo <= hi) {
		int mid = (lo + hi) / 2;
		if (t->end[mid] == end)
			return mid;
		if (t->end[mid] < end)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

int tok_prev(const struct ftoks *t, int i)
{
	(void)t; /* comments are not kept, so the previous token is the previous one */
	return i > 0 ? i - 1 : -1;
}

/* Is the token just before location (file f, offset off) spelled op? */
static bool op_before(struct safec *s, CXFile f, unsigned off, const char *op,
		      CXSourceLocation *where)
{
	struct ftoks *t = file_tokens(s, f);
	if (!t)
		return false;
	int i = tok_at(t, off);
	if (i < 0)
		return false;
	int p = tok_prev(t, i);
	if (p < 0 || strcmp(t->spell[p], op) != 0)
		return false;
	if (where)
		*where = clang_getLocationForOffset(s->tu, f, t->start[p]);
	return true;
}

enum origin origin_of_infix(struct safec *s, CXCursor lhs, CXCursor rhs, const char *op,
			    CXSourceLocation *where)
{
	CXSourceLocation rb = clang_getRangeStart(clang_getCursorExtent(rhs));
	CXSourceLocation lb = clang_getRangeStart(clang_getCursorExtent(lhs));
	CXFile f;
	unsigned off;
	/* 1. operator written right before the first token of the right operand */
	clang_getSpellingLocation(rb, &f, NULL, NULL, &off);
	if (f && op_before(s, f, off, op, where)) {
		if (where && !file_is_main(s, f))
			*where = rb; /* report at the expansion site */
		return origin_of_file(s, f);
	}
	/* 2. right operand starts with a macro: operator before the invocation */
	CXFile ff;
	unsigned foff;
	clang_getFileLocation(rb, &ff, NULL, NULL, &foff);
	if (ff && (ff != f || foff != off) && op_before(s, ff, foff, op, where)) {
		if (where && !file_is_main(s, ff))
			*where = rb;
		return origin_of_file(s, ff);
	}
	clang_getExpansionLocation(rb, &ff, NULL, NULL, &foff);
	if (ff && (ff != f || foff != off) && op_before(s, ff, foff, op, where)) {
		if (where && !file_is_main(s, ff))
			*where = rb;
		return origin_of_file(s, ff);
	}
	/* 3. not found: service if either operand starts in service code */
	if (where)
		*where = clang_getCursorLocation(rhs);
	if (origin_of_loc(s, lb) == ORIGIN_SERVICE || origin_of_loc(s, rb) == ORIGIN_SERVICE)
		return ORIGIN_SERVICE;
	return ORIGIN_TRUSTED;
}

enum origin origin_of_postfix(struct safec *s, CXCursor e, const char *op, CXSourceLocation *where)
{
	CXSourceRange r = clang_getCursorExtent(e);
	CXFile f;
	unsigned off;
	clang_getSpellingLocation(clang_getRangeEnd(r), &f, NULL, NULL, &off);
	struct ftoks *t = file_tokens(s, f);
	if (t) {
		int i = tok_ending_at(t, off);
		if (i >= 0 && strcmp(t->spell[i], op) == 0) {
			if (where)
				*where = file_is_main(s, f)
						 ? clang_getLocationForOffset(s->tu, f, t->start[i])
						 : clang_getRangeStart(r);
			return origin_of_file(s, f);
		}
	}
	if (where)
		*where = clang_getCursorLocation(e);
	return origin_of_loc(s, clang_getRangeStart(r));
}
