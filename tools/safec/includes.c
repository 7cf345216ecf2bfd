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
	if (origin_of_file(s, from) != ORIGIN_SERVICE)
		return; /* the framework's own includes are trusted */
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

static bool has_file(CXFile *v, int n, CXFile f)
{
	for (int i = 0; i < n; i++)
		if (clang_File_isEqual(v[i], f))
			return true;
	return false;
}

static void files_cb(CXFile inc, CXSourceLocation *stack, unsigned len, CXClientData d)
{
	(void)stack;
	(void)len;
	struct safec *s = d;
	bool svc = origin_of_file(s, inc) == ORIGIN_SERVICE;
	CXFile **v = svc ? &s->svc_files : &s->fw_files;
	int *n = svc ? &s->nsvc_files : &s->nfw_files;
	if (has_file(*v, *n, inc))
		return;
	*v = realloc(*v, sizeof(CXFile) * (size_t)(*n + 1));
	(*v)[(*n)++] = inc;
}

void tu_files(struct safec *s)
{
	clang_getInclusions(s->tu, files_cb, s);
	if (!has_file(s->svc_files, s->nsvc_files, s->main_file)) {
		s->svc_files = realloc(s->svc_files, sizeof(CXFile) * (size_t)(s->nsvc_files + 1));
		s->svc_files[s->nsvc_files++] = s->main_file;
	}
}
