/* tokens.c - token-level rules. Everything a service writes is a token of a
 * service file, so scanning the raw tokens of the checked file sees every
 * forbidden keyword or name, whether it ends up in code, in a service macro
 * or in an argument of a framework macro. */
#include "tokens.h"
#include "origin.h"
#include "report.h"
#include "rules.h"
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
		if (t->kind[j] == CXToken_Comment)
			continue;
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
		if (!strcmp(sp, "[") || !strcmp(sp, "(")) {
			depth++;
			if (depth == 2 && !strcmp(sp, "["))
				expect_name = true;
			continue;
		}
		if (!strcmp(sp, "]") || !strcmp(sp, ")")) {
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

static void check_ident(struct safec *s, const struct ftoks *t, int i)
{
	const char *sp = t->spell[i];
	const struct rules *r = s->rules;
	for (size_t k = 0; k < sizeof(keywords) / sizeof(keywords[0]); k++) {
		if (!strcmp(sp, keywords[k].name)) {
			report(s, tloc(s, t, i), keywords[k].rule, "%s is not allowed in services",
			       keywords[k].msg);
			return;
		}
	}
	if (!strncmp(sp, "__builtin_alloca", 16)) {
		report(s, tloc(s, t, i), "R5-alloca", "'%s' is not allowed in services", sp);
		return;
	}
	if (!strncmp(sp, "__builtin_va_", 13) || !strncmp(sp, "__builtin_c23_va_", 17)) {
		report(s, tloc(s, t, i), "R7-va", "'%s': variadic argument access", sp);
		return;
	}
	if (strset_prefix(&r->private_prefix, sp)) {
		int p = tok_prev(t, i);
		if (p >= 0 && (!strcmp(t->spell[p], ".") || !strcmp(t->spell[p], "->")))
			report(s, tloc(s, t, i), "R14-fw-field",
			       "'%s' is a private framework field; use the framework accessors", sp);
		else
			report(s, tloc(s, t, i), "R9-fw", "'%s' is a private framework name", sp);
		return;
	}
	if (strset_has(&r->macro_only, sp)) {
		report(s, tloc(s, t, i), "R9-macro-only",
		       "'%s' may only be reached through the framework's macros", sp);
		return;
	}
	if (strset_has(&r->deny_symbol, sp) || strset_prefix(&r->deny_prefix, sp)) {
		report(s, tloc(s, t, i), "R9-symbol", "'%s' is on the deny list", sp);
		return;
	}
	if (!strncmp(sp, "__builtin_", 10) && !strset_has(&r->allow_builtin, sp)) {
		report(s, tloc(s, t, i), "R9-builtin", "builtin '%s' is not on the allowlist", sp);
		return;
	}
}

void check_tokens(struct safec *s)
{
	struct ftoks *t = file_tokens(s, s->main_file);
	if (!t)
		return;
	CXSourceRangeList *sk = clang_getSkippedRanges(s->tu, s->main_file);
	unsigned nsk = sk ? sk->count : 0;
	unsigned *sb = xcalloc(nsk, sizeof(unsigned)), *se = xcalloc(nsk, sizeof(unsigned));
	for (unsigned k = 0; k < nsk; k++) {
		clang_getSpellingLocation(clang_getRangeStart(sk->ranges[k]), NULL, NULL, NULL, &sb[k]);
		clang_getSpellingLocation(clang_getRangeEnd(sk->ranges[k]), NULL, NULL, NULL, &se[k]);
	}
	if (sk)
		clang_disposeSourceRangeList(sk);
	unsigned skip_line = 0;
	for (int i = 0; i < (int)t->n; i++) {
		if (t->kind[i] == CXToken_Comment)
			continue;
		bool skipped = false;
		for (unsigned k = 0; k < nsk; k++)
			if (t->start[i] >= sb[k] && t->start[i] < se[k])
				skipped = true;
		if (skipped || t->line[i] == skip_line)
			continue;
		const char *sp = t->spell[i];
		int p = tok_prev(t, i);
		bool line_start = p < 0 || t->line[p] != t->line[i];
		if (line_start && !strcmp(sp, "#") && i + 1 < (int)t->n) {
			const char *d = t->spell[i + 1];
			if (!strcmp(d, "pragma")) {
				report(s, tloc(s, t, i), "R11-pragma", "'#pragma' is not allowed in services");
			} else if (!strcmp(d, "include_next") || !strcmp(d, "import")) {
				report(s, tloc(s, t, i), "R10-include", "'#%s' is not allowed", d);
				skip_line = t->line[i];
			} else if (!strcmp(d, "include") || !strcmp(d, "error") || !strcmp(d, "warning")) {
				skip_line = t->line[i]; /* header names and messages are not code */
			}
			continue;
		}
		if (t->kind[i] == CXToken_Punctuation) {
			if (!strcmp(sp, "##"))
				report(s, tloc(s, t, i), "R11-paste",
				       "token pasting can forge names the checker cannot see");
			else if (!strcmp(sp, "[") && i + 1 < (int)t->n && !strcmp(t->spell[i + 1], "["))
				i = scan_std_attr(s, t, i);
			continue;
		}
		if (!is_word(t, i))
			continue;
		if (!strcmp(sp, "__attribute__") || !strcmp(sp, "__attribute")) {
			i = scan_gnu_attr(s, t, i);
			continue;
		}
		check_ident(s, t, i);
	}
	free(sb);
	free(se);
}
