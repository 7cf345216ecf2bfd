/* includes.c - R10 via clang_getInclusions. */
#include "includes.h"
#include "origin.h"
#include "report.h"
#include <stdlib.h>
#include <string.h>

static void incl_cb(CXFile inc, CXSourceLocation *stack, unsigned len, CXClientData d)
{
	struct safec *s = d;
	if (len == 0)
		return; /* the main file itself */
	CXFile from;
	clang_getFileLocation(stack[0], &from, NULL, NULL, NULL);
	if (!file_is_main(s, from))
		return; /* nested includes are checked with their includer */
	char *name = cx_str(clang_getFileName(inc));
	char *real = realpath(name, NULL);
	bool ok = false;
	for (int i = 0; real && i < s->ntrusted; i++)
		if (path_under(real, s->trusted[i]))
			ok = true;
	if (!ok && real && s->service_root && path_under(real, s->service_root)) {
		size_t n = strlen(real);
		ok = n > 2 && !strcmp(real + n - 2, ".h");
	}
	if (!ok)
		report(s, stack[0], "R10-include",
		       "'%s' is neither a framework header nor a service header", name);
	free(real);
	free(name);
}

void check_includes(struct safec *s)
{
	clang_getInclusions(s->tu, incl_cb, s);
}
