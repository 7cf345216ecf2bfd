/* main.c - driver of safec, the Trellis safe-subset checker.
 *
 * usage: safec --rules FILE --trusted DIR [--trusted DIR...]
 *              [--service-root DIR] [--facts OUT [--deps OUT.d]]
 *              -- <clang flags...> <file.c|file.h>
 *        safec --merge [--rules FILE] FACTS...   (facts.h)
 * Exit: 0 clean, 1 findings (printed on stdout), 2 usage/parse error. */
#include "facts.h"
#include "includes.h"
#include "report.h"
#include "rules.h"
#include "safec.h"
#include "tokens.h"
#include "visit.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void usage(void)
{
	fprintf(stderr, "usage: safec --rules FILE --trusted DIR [--trusted DIR...] "
			"[--service-root DIR] [--facts OUT [--deps OUT.d]] "
			"-- <clang flags...> <file.c|file.h>\n"
			"       safec --merge [--rules FILE] FACTS...\n");
	exit(2);
}

static char *real_dir(const char *p)
{
	char *r = realpath(p, NULL);
	return r ? r : xstrdup(p); /* a missing dir matches nothing real */
}

int main(int argc, char **argv)
{
	struct safec s;
	struct rules rules;
	const char *rules_path = NULL, *root = "kernel", *facts = NULL, *deps = NULL;
	if (argc > 1 && !strcmp(argv[1], "--merge"))
		return facts_merge(argc - 2, argv + 2);
	memset(&s, 0, sizeof(s));
	s.trusted = xcalloc((size_t)argc, sizeof(char *));
	int i = 1;
	for (; i < argc; i++) {
		if (!strcmp(argv[i], "--")) {
			i++;
			break;
		}
		if (i + 1 >= argc)
			usage();
		if (!strcmp(argv[i], "--rules"))
			rules_path = argv[++i];
		else if (!strcmp(argv[i], "--trusted"))
			s.trusted[s.ntrusted++] = real_dir(argv[++i]);
		else if (!strcmp(argv[i], "--service-root"))
			root = argv[++i];
		else if (!strcmp(argv[i], "--facts"))
			facts = argv[++i];
		else if (!strcmp(argv[i], "--deps"))
			deps = argv[++i];
		else
			usage();
	}
	if (!rules_path || i >= argc)
		usage();
	if (!rules_load(&rules, rules_path))
		return 2;
	s.rules = &rules;
	s.service_root = real_dir(root);

	/* the last argument is the file; everything between -- and it are flags */
	s.main_path = argv[argc - 1];
	int nflags = argc - 1 - i;
	const char **flags = xcalloc((size_t)nflags + 2, sizeof(char *));
	int nf = 0;
	size_t plen = strlen(s.main_path);
	bool has_x = false;
	for (int k = 0; k < nflags; k++)
		if (!strncmp(argv[i + k], "-x", 2))
			has_x = true;
	if (!has_x && plen > 2 && !strcmp(s.main_path + plen - 2, ".h")) {
		flags[nf++] = "-x";
		flags[nf++] = "c";
	}
	for (int k = 0; k < nflags; k++)
		flags[nf++] = argv[i + k];

	CXIndex idx = clang_createIndex(0, 0);
	CXTranslationUnit tu = NULL;
	enum CXErrorCode err = clang_parseTranslationUnit2(
		idx, s.main_path, flags, nf, NULL, 0, CXTranslationUnit_DetailedPreprocessingRecord, &tu);
	if (err != CXError_Success || !tu) {
		fprintf(stderr, "safec: cannot parse %s (libclang error %d)\n", s.main_path, (int)err);
		return 2;
	}
	int errors = 0;
	unsigned nd = clang_getNumDiagnostics(tu);
	for (unsigned k = 0; k < nd; k++) {
		CXDiagnostic d = clang_getDiagnostic(tu, k);
		if (clang_getDiagnosticSeverity(d) >= CXDiagnostic_Error) {
			CXString m = clang_formatDiagnostic(d, clang_defaultDiagnosticDisplayOptions());
			fprintf(stderr, "%s\n", clang_getCString(m));
			clang_disposeString(m);
			errors++;
		}
		clang_disposeDiagnostic(d);
	}
	if (errors) {
		fprintf(stderr, "safec: %s does not compile; not checked\n", s.main_path);
		return 2;
	}
	s.tu = tu;
	s.main_file = clang_getFile(tu, s.main_path);
	if (!s.main_file) {
		fprintf(stderr, "safec: %s not found in its translation unit\n", s.main_path);
		return 2;
	}
	/* R7-format: a conversion that does not match its argument (an integer
	 * for %s reads any address); the service build makes these errors with
	 * -Werror, the checker does not rely on that */
	for (unsigned k = 0; k < nd; k++) {
		CXDiagnostic d = clang_getDiagnostic(tu, k);
		CXString opt = clang_getDiagnosticOption(d, NULL);
		const char *o = clang_getCString(opt);
		if (o && !strncmp(o, "-Wformat", 8)) {
			CXString m = clang_getDiagnosticSpelling(d);
			report(&s, clang_getDiagnosticLocation(d), "R7-format", "%s",
			       clang_getCString(m));
			clang_disposeString(m);
		}
		clang_disposeString(opt);
		clang_disposeDiagnostic(d);
	}
	tu_files(&s);
	check_includes(&s);
	check_tokens(&s);
	check_ast(&s);
	check_odr(&s);
	if (facts && !facts_write(&s, facts))
		return 2;
	if (deps && facts && !deps_write(&s, deps, facts))
		return 2;
	int n = report_flush(&s);
	fflush(stdout);
	/* the process ends here: let the OS reclaim the translation unit */
	return n ? 1 : 0;
}
