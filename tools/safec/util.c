/* util.c - allocation and path helpers. */
#include "safec.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p) {
		fprintf(stderr, "safec: out of memory\n");
		exit(2);
	}
	return p;
}

void *xcalloc(size_t n, size_t m)
{
	void *p = calloc(n ? n : 1, m ? m : 1);
	if (!p) {
		fprintf(stderr, "safec: out of memory\n");
		exit(2);
	}
	return p;
}

char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = xmalloc(n);
	memcpy(d, s, n);
	return d;
}

/* True if the (real) path lies inside the (real) directory dir. */
bool path_under(const char *path, const char *dir)
{
	size_t n = strlen(dir);
	if (!path || strncmp(path, dir, n) != 0)
		return false;
	return path[n] == '/' || (n > 0 && dir[n - 1] == '/');
}

char *cx_str(CXString s)
{
	const char *c = clang_getCString(s);
	char *r = xstrdup(c ? c : "");
	clang_disposeString(s);
	return r;
}
