/* report.c - findings: one per (line, column, rule), printed sorted. */
#include "report.h"
#include "origin.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct finding {
	char *path;
	unsigned line, col;
	char rule[32];
	char *msg;
};
static struct finding *fs;
static int nfs, capfs;

static bool service_file(struct safec *s, CXFile f)
{
	return f && origin_of_file(s, f) == ORIGIN_SERVICE;
}

void report(struct safec *s, CXSourceLocation l, const char *rule, const char *fmt, ...)
{
	CXFile sf, ff;
	unsigned sl, sc, fl, fc;
	clang_getSpellingLocation(l, &sf, &sl, &sc, NULL);
	clang_getFileLocation(l, &ff, &fl, &fc, NULL);
	CXFile at;
	unsigned line, col;
	char where[512] = "";
	if (service_file(s, sf)) {
		at = sf;
		line = sl;
		col = sc;
	} else if (service_file(s, ff)) {
		at = ff;
		line = fl;
		col = fc;
		if (sf) {
			char *n = cx_str(clang_getFileName(sf));
			snprintf(where, sizeof(where), " (in expansion of a macro from %s:%u)", n, sl);
			free(n);
		}
	} else {
		return; /* framework text: trusted */
	}
	char *path = cx_str(clang_getFileName(at));
	for (int i = 0; i < nfs; i++)
		if (fs[i].line == line && fs[i].col == col && !strcmp(fs[i].rule, rule) &&
		    !strcmp(fs[i].path, path)) {
			free(path);
			return;
		}
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (nfs == capfs) {
		capfs = capfs ? capfs * 2 : 64;
		struct finding *n = xmalloc(sizeof(*n) * (size_t)capfs);
		if (nfs)
			memcpy(n, fs, sizeof(*n) * (size_t)nfs);
		free(fs);
		fs = n;
	}
	struct finding *f = &fs[nfs++];
	f->path = path;
	f->line = line;
	f->col = col;
	snprintf(f->rule, sizeof(f->rule), "%s", rule);
	size_t len = strlen(msg) + strlen(where) + 1;
	f->msg = xmalloc(len);
	snprintf(f->msg, len, "%s%s", msg, where);
}

static int cmp(const void *a, const void *b)
{
	const struct finding *x = a, *y = b;
	int c = strcmp(x->path, y->path);
	if (c)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return strcmp(x->rule, y->rule);
}

int report_flush(struct safec *s)
{
	(void)s;
	qsort(fs, (size_t)nfs, sizeof(*fs), cmp);
	for (int i = 0; i < nfs; i++)
		printf("%s:%u:%u: [%s] %s\n", fs[i].path, fs[i].line, fs[i].col, fs[i].rule,
		       fs[i].msg);
	return nfs;
}
