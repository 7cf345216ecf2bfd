/* tokens.c - token-level rules. Everything a service writes is a token of a
 * service file, so scanning the raw tokens of every service file of the
 * translation unit (the checked file and each service header it pulls in,
 * #if-excluded regions included) sees every forbidden keyword or name,
 * whether it ends up in code, in a service macro or in an argument of a
 * framework macro. Preprocessor directives are recognised here too, so that
 * nothing can change what the compiler sees without the checker seeing it. */
#include "tokens.h"
#include "origin.h"
#include "report.h"
#include "rules.h"
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

struct kw {
	const char *name, *rule, *msg;
};

static const struct kw keywords[] = {
	{"asm", "R1-asm", "inline assembly"},
	{"__asm", "R1-asm", "inline assembly"},
	{"__asm__", "R1-asm", "inline assembly"},
	{"volatile", "R1-volatile", "'volatile'"},
	{"__volatile", "R1-volatile", "'volatile'"},
	{"__volatile__", "R1-volatile", "'volatile'"},
	{"_Atomic", "R1-atomic", "'_Atomic' (use the framework's atomics)"},
	{"register", "R1-register", "'register'"},
	{"restrict", "R1-restrict", "'restrict'"},
	{"__restrict", "R1-restrict", "'restrict'"},
	{"__restrict__", "R1-restrict", "'restrict'"},
	{"_Thread_local", "R1-tls", "thread-local storage"},
	{"thread_local", "R1-tls", "thread-local storage"},
	{"__thread", "R1-tls", "thread-local storage"},
	{"alloca", "R5-alloca", "alloca"},
	{"va_start", "R7-va", "variadic argument access"},
	{"va_arg", "R7-va", "variadic argument access"},
	{"va_end", "R7-va", "variadic argument access"},
	{"va_copy", "R7-va", "variadic argument access"},
	{"va_list", "R7-va", "variadic argument access"},
	{"_Pragma", "R11-pragma", "'_Pragma'"},
	{"__pragma", "R11-pragma", "'__pragma'"},
	{"__declspec", "R11-attr", "'__declspec' attributes"},
};

static bool is_word(const struct ftoks *t, int i)
{
	return t->kind[i] == CXToken_Identifier || t->kind[i] == CXToken_Keyword;
}

static CXSourceLocation tloc(struct safec *s, const struct ftoks *t, int i)
{
	return clang_getLocationForOffset(s->tu, t->file, t->start[i]);
}

/* "__packed__" -> "packed" */
static void attr_norm(const char *in, char *out, size_t n)
{
	size_t len = strlen(in);
	if (len > 4 && !strncmp(in, "__", 2) && !strcmp(in + len - 2, "__")) {
		in += 2;
		len -= 4;
	}
	if (len >= n)
		len = n - 1;
	memcpy(out, in, len);
	out[len] = 0;
}

static void check_attr_name(struct safec *s, const struct ftoks *t, int i, int stop)
{
	char name[128];
	attr_norm(t->spell[i], name, sizeof(name));
	if (!strcmp(name, "annotate")) {
		/* only annotate("noescape"), which is what __noescape expands to */
		if (i + 3 < stop && !strcmp(t->spell[i + 1], "(") &&
		    !strcmp(t->spell[i + 2], "\"noescape\"") && !strcmp(t->spell[i + 3], ")"))
			return;
		report(s, tloc(s, t, i), "R11-attr", "attribute 'annotate' other than \"noescape\"");
		return;
	}
	if (!strset_has(&s->rules->allow_attribute, name))
		report(s, tloc(s, t, i), "R11-attr", "attribute '%s' is not allowed in services", name);
}

/* Checks the attribute list of __attribute__((...)) starting at token i (the
 * keyword); returns the index of the last token of the construct. */
static int scan_gnu_attr(struct safec *s, const struct ftoks *t, int i)
{
	int n = (int)t->n, depth = 0, j = i + 1;
	bool expect_name = false;
	for (; j < n; j++) {
		const char *sp = t->spell[j];
		if (!strcmp(sp, "(")) {
			depth++;
			if (depth == 2)
				expect_name = true;
			continue;
		}
		if (!strcmp(sp, ")")) {
			if (--depth <= 0)
				return j;
			continue;
		}
		if (depth == 0)
			return j - 1; /* malformed; clang will have complained */
		if (depth == 2 && !strcmp(sp, ",")) {
			expect_name = true;
			continue;
		}
		if (expect_name && is_word(t, j)) {
			check_attr_name(s, t, j, n);
			expect_name = false;
		}
	}
	return j;
}

/* [[ ... ]] attributes, starting at the first '['. */
static int scan_std_attr(struct safec *s, const struct ftoks *t, int i)
{
	int n = (int)t->n, depth = 0, j = i;
	bool expect_name = false;
	for (; j < n; j++) {
		const char *sp = t->spell[j];
		bool open_sq = !strcmp(sp, "[") || !strcmp(sp, "<:"); /* digraphs too */
		if (open_sq || !strcmp(sp, "(")) {
			depth++;
			if (depth == 2 && open_sq)
				expect_name = true;
			continue;
		}
		if (!strcmp(sp, "]") || !strcmp(sp, ":>") || !strcmp(sp, ")")) {
			if (--depth <= 0)
				return j;
			continue;
		}
		if (depth == 2 && !strcmp(sp, ",")) {
			expect_name = true;
			continue;
		}
		if (expect_name && is_word(t, j)) {
			int k = j;
			if (j + 2 < n && !strcmp(t->spell[j + 1], "::") && is_word(t, j + 2))
				k = j + 2; /* gnu::packed -> packed */
			check_attr_name(s, t, k, n);
			j = k;
			expect_name = false;
		}
	}
	return j;
}

/* Returns whether it reported anything. */
static bool check_ident(struct safec *s, const struct ftoks *t, int i)
{
	const char *sp = t->spell[i];
	const struct rules *r = s->rules;
	for (size_t k = 0; k < sizeof(keywords) / sizeof(keywords[0]); k++) {
		if (!strcmp(sp, keywords[k].name)) {
			report(s, tloc(s, t, i), keywords[k].rule, "%s is not allowed in services",
			       keywords[k].msg);
			return true;
		}
	}
	if (!strncmp(sp, "__builtin_alloca", 16)) {
		report(s, tloc(s, t, i), "R5-alloca", "'%s' is not allowed in services", sp);
		return true;
	}
	if (!strncmp(sp, "__builtin_va_", 13) || !strncmp(sp, "__builtin_c23_va_", 17)) {
		report(s, tloc(s, t, i), "R7-va", "'%s': variadic argument access", sp);
		return true;
	}
	if (strset_prefix(&r->private_prefix, sp)) {
		int p = tok_prev(t, i);
		if (p >= 0 && (!strcmp(t->spell[p], ".") || !strcmp(t->spell[p], "->")))
			report(s, tloc(s, t, i), "R14-fw-field",
			       "'%s' is a private framework field; use the framework accessors", sp);
		else
			report(s, tloc(s, t, i), "R9-fw", "'%s' is a private framework name", sp);
		return true;
	}
	if (strset_has(&r->macro_only, sp)) {
		report(s, tloc(s, t, i), "R9-macro-only",
		       "'%s' may only be reached through the framework's macros", sp);
		return true;
	}
	if (strset_has(&r->deny_symbol, sp) || strset_prefix(&r->deny_prefix, sp)) {
		report(s, tloc(s, t, i), "R9-symbol", "'%s' is on the deny list", sp);
		return true;
	}
	if (!strncmp(sp, "__builtin_", 10) && !strset_has(&r->allow_builtin, sp)) {
		report(s, tloc(s, t, i), "R9-builtin", "builtin '%s' is not on the allowlist", sp);
		return true;
	}
	return false;
}

/* ---- words the framework's headers use or define ---- */

struct wordset {
	char **v;
	int n, cap;
	bool sorted;
};

static void ws_add(struct wordset *w, const char *name)
{
	if (w->n == w->cap) {
		w->cap = w->cap ? 2 * w->cap : 256;
		w->v = realloc(w->v, sizeof(char *) * (size_t)w->cap);
	}
	w->v[w->n++] = xstrdup(name);
	w->sorted = false;
}

static int ws_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool ws_has(struct wordset *w, const char *name)
{
	if (!w->sorted) {
		qsort(w->v, (size_t)w->n, sizeof(char *), ws_cmp);
		w->sorted = true;
	}
	return w->n && bsearch(&name, w->v, (size_t)w->n, sizeof(char *), ws_cmp) != NULL;
}

struct scan {
	struct safec *s;
	struct wordset fw_words;   /* every identifier a framework header of the TU spells */
	struct wordset fw_defined; /* names framework headers define: macros, functions, types... */
};

static enum CXChildVisitResult defined_cb(CXCursor c, CXCursor p, CXClientData d)
{
	(void)p;
	struct scan *sc = d;
	enum CXCursorKind k = clang_getCursorKind(c);
	bool named = k == CXCursor_MacroDefinition || k == CXCursor_FunctionDecl ||
		     k == CXCursor_VarDecl || k == CXCursor_TypedefDecl || k == CXCursor_StructDecl ||
		     k == CXCursor_UnionDecl || k == CXCursor_EnumDecl ||
		     k == CXCursor_EnumConstantDecl;
	if (!named || origin_of_loc(sc->s, clang_getCursorLocation(c)) != ORIGIN_TRUSTED)
		return CXChildVisit_Continue;
	char *n = cx_str(clang_getCursorSpelling(c));
	if (*n)
		ws_add(&sc->fw_defined, n);
	free(n);
	return k == CXCursor_EnumDecl ? CXChildVisit_Recurse : CXChildVisit_Continue;
}

static void collect_fw_words(struct scan *sc)
{
	struct safec *s = sc->s;
	for (int f = 0; f < s->nfw_files; f++) {
		struct ftoks *t = file_tokens(s, s->fw_files[f]);
		for (int i = 0; t && i < (int)t->n; i++)
			if (is_word(t, i))
				ws_add(&sc->fw_words, t->spell[i]);
	}
	clang_visitChildren(clang_getTranslationUnitCursor(s->tu), defined_cb, sc);
}

/* C's reserved identifiers: two underscores, or one and a capital. Compiler
 * magic lives there (`__INCLUDE_LEVEL__`, `__seg_gs`, `__COUNTER__`...). */
static bool is_reserved(const char *n)
{
	return n[0] == '_' && (n[1] == '_' || isupper((unsigned char)n[1]));
}

/* ---- logical lines ---- */

/* Does token i start a logical line? True when a newline that is not part of
 * a backslash splice lies between it and the previous token. Newlines inside
 * comments count too: that can only make more '#' look like directives
 * (and be checked), never fewer. */
static bool starts_line(const struct ftoks *t, int i)
{
	if (i == 0)
		return true;
	unsigned from = t->end[i - 1], to = t->start[i];
	for (unsigned o = from; o < to && o < t->size; o++) {
		if (t->text[o] != '\n')
			continue;
		unsigned b = o;
		while (b > from && strchr(" \t\r\f\v", t->text[b - 1]))
			b--;
		if (b > from && t->text[b - 1] == '\\')
			continue; /* a splice joins the lines */
		return true;
	}
	return false;
}

static int line_end(const struct ftoks *t, int i)
{
	while (i + 1 < (int)t->n && !starts_line(t, i + 1))
		i++;
	return i;
}

static bool is_digraph(const char *sp)
{
	return !strcmp(sp, "<:") || !strcmp(sp, ":>") || !strcmp(sp, "<%") || !strcmp(sp, "%>") ||
	       !strcmp(sp, "%:") || !strcmp(sp, "%:%:");
}

/* #define and #undef: a service macro may not change what a framework
 * header's text means (`#define __builtin_expect(c, v) 0`, `#define sizeof(x) 64`,
 * `#undef FRAME_BYTES_H`), nor what the compiler's own words mean. */
static void check_macro_name(struct scan *sc, const struct ftoks *t, int i)
{
	const char *n = t->spell[i];
	const char *why = NULL;
	if (t->kind[i] == CXToken_Keyword)
		why = "is a C keyword";
	else if (is_reserved(n))
		why = "is a reserved identifier";
	else if (ws_has(&sc->fw_words, n))
		why = "is a name the framework's headers use";
	if (why)
		report(sc->s, tloc(sc->s, t, i), "R11-macro-name",
		       "a service may not #define or #undef '%s': it %s", n, why);
}

/* Returns the index of the last token the directive at i covers that the
 * caller should skip (header names, messages); i itself otherwise. */
static int check_directive(struct scan *sc, const struct ftoks *t, int i)
{
	struct safec *s = sc->s;
	int j = i + 1;
	if (j >= (int)t->n || starts_line(t, j))
		return i; /* the null directive */
	const char *d = t->spell[j];
	static const char *const plain[] = {"if",       "ifdef", "ifndef", "elif", "elifdef",
					    "elifndef", "else",  "endif"};
	for (size_t k = 0; k < sizeof(plain) / sizeof(plain[0]); k++)
		if (!strcmp(d, plain[k]))
			return j; /* the condition's words are checked as code */
	if (!strcmp(d, "define") || !strcmp(d, "undef")) {
		if (j + 1 < (int)t->n && !starts_line(t, j + 1) && is_word(t, j + 1))
			check_macro_name(sc, t, j + 1);
		return j;
	}
	if (!strcmp(d, "include") || !strcmp(d, "error") || !strcmp(d, "warning"))
		return line_end(t, i); /* header names and messages are not code */
	if (!strcmp(d, "pragma"))
		report(s, tloc(s, t, i), "R11-pragma", "'#pragma' is not allowed in services");
	else if (!strcmp(d, "include_next") || !strcmp(d, "import"))
		report(s, tloc(s, t, i), "R10-include", "'#%s' is not allowed", d);
	else
		report(s, tloc(s, t, i), "R11-directive",
		       "'#%s' is not allowed in services (line markers, #line, #ident, #embed... "
		       "change what the compiler or the checker sees)",
		       d);
	return line_end(t, i);
}

/* Trigraphs (`??=` is `#`): off in the GNU modes the build uses, refused
 * anyway so that no flag can ever turn them into hidden directives. */
static void check_trigraphs(struct safec *s, const struct ftoks *t)
{
	for (size_t o = 0; o + 2 < t->size; o++)
		if (t->text[o] == '?' && t->text[o + 1] == '?' && strchr("=/'()!<>-", t->text[o + 2]) &&
		    t->text[o + 2])
			report(s, clang_getLocationForOffset(s->tu, t->file, (unsigned)o), "R11-trigraph",
			       "trigraph '??%c' in a service file", t->text[o + 2]);
}

static void scan_file(struct scan *sc, CXFile f)
{
	struct safec *s = sc->s;
	struct ftoks *t = file_tokens(s, f);
	if (!t)
		return;
	check_trigraphs(s, t);
	for (int i = 0; i < (int)t->n; i++) {
		const char *sp = t->spell[i];
		if (t->kind[i] == CXToken_Punctuation) {
			if (is_digraph(sp))
				report(s, tloc(s, t, i), "R11-digraph",
				       "digraph '%s': write the plain token", sp);
			if ((!strcmp(sp, "#") || !strcmp(sp, "%:")) && starts_line(t, i))
				i = check_directive(sc, t, i);
			else if (!strcmp(sp, "##") || !strcmp(sp, "%:%:"))
				report(s, tloc(s, t, i), "R11-paste",
				       "token pasting can forge names the checker cannot see");
			else if ((!strcmp(sp, "[") || !strcmp(sp, "<:")) && i + 1 < (int)t->n &&
				 (!strcmp(t->spell[i + 1], "[") || !strcmp(t->spell[i + 1], "<:")))
				i = scan_std_attr(s, t, i);
			continue;
		}
		if (!is_word(t, i))
			continue;
		if (!strcmp(sp, "__attribute__") || !strcmp(sp, "__attribute")) {
			i = scan_gnu_attr(s, t, i);
			continue;
		}
		if (!check_ident(s, t, i) && is_reserved(sp) && strncmp(sp, "__builtin_", 10) != 0 &&
		    !strset_prefix(&s->rules->private_prefix, sp) &&
		    !strset_has(&s->rules->allow_reserved, sp) && !ws_has(&sc->fw_defined, sp))
			report(s, tloc(s, t, i), "R9-reserved",
			       "'%s' is a reserved identifier the framework does not define", sp);
	}
}

void check_tokens(struct safec *s)
{
	struct scan sc = {.s = s};
	collect_fw_words(&sc);
	for (int f = 0; f < s->nsvc_files; f++)
		scan_file(&sc, s->svc_files[f]);
}
