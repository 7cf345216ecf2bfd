/* safec.h - shared state of the Trellis safe-subset checker. */
#ifndef SAFEC_H
#define SAFEC_H

#include <clang-c/Index.h>
#include <stdbool.h>
#include <stddef.h>

struct rules;

/* Where the tokens of a construct were written. */
enum origin {
	ORIGIN_TRUSTED, /* a file under a --trusted dir, or compiler-made */
	ORIGIN_SERVICE  /* the service file, a service header or a service macro */
};

/* Raw tokens of one file, sorted by offset (cached per file). */
struct ftoks {
	CXFile file;
	const char *text; /* the file's bytes (owned by the translation unit) */
	size_t size;
	unsigned n;
	unsigned *start, *end;  /* byte offsets */
	unsigned *line, *col;
	CXTokenKind *kind;
	char **spell;
};

struct safec {
	CXTranslationUnit tu;
	CXFile main_file;
	const char *main_path;
	const struct rules *rules;
	char **trusted;         /* realpaths of --trusted dirs */
	int ntrusted;
	char *service_root;     /* realpath of --service-root */
	struct ftoks **tokcache;
	int ntokcache;
	/* every file of the translation unit, by origin (filled by tu_files) */
	CXFile *svc_files, *fw_files;
	int nsvc_files, nfw_files;
};

/* utilities (util.c) */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t m);
char *xstrdup(const char *s);
bool path_under(const char *path, const char *dir);
char *cx_str(CXString s); /* copies and disposes */

#endif
