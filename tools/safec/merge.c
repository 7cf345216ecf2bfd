/* merge.c - safec --merge: the whole-kernel half of R12-odr. Reads the facts
 * of every service file (facts.c) and reports, at every site involved:
 *  - a tag name defined at two places, or one place (a header) that gives it
 *    two layouts in different translation units;
 *  - a service tag or external symbol that the framework also declares;
 *  - an external symbol with two type identities (noescape and noreturn
 *    are part of a function's identity);
 *  - a slab cache key used for two type identities, a key whose file part
 *    is not the file the NEW is written in, or a NEW the checker cannot read.
 * Findings go to stdout as "file:line:col: [R12-odr] message". */
#include "facts.h"
#include "rules.h"
#include "typeid.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NF 5

struct rec {
	char *f[NF]; /* kind, name, site, identity or layout, def/decl */
	const char *tu;
};

static struct rec *recs;
static int nrecs, caprecs;
static struct strset out;

static void unesc(char *s)
{
	char *d = s;
	for (; *s; s++) {
		if (*s == '\\' && s[1]) {
			s++;
			*d++ = *s == 't' ? '\t' : *s == 'n' ? '\n' : *s;
		} else {
			*d++ = *s;
		}
	}
	*d = 0;
}

static bool load(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		perror(path);
		return false;
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	const char *tu = NULL;
	while ((len = getline(&line, &cap, f)) > 0) {
		if (line[len - 1] == '\n')
			line[--len] = 0;
		if (!tu) {
			size_t m = strlen(FACTS_MAGIC);
			if (strncmp(line, FACTS_MAGIC, m) || line[m] != '\t') {
				fprintf(stderr, "%s: not a safec facts file\n", path);
				fclose(f);
				free(line);
				return false;
			}
			tu = xstrdup(line + m + 1);
			continue;
		}
		if (nrecs == caprecs) {
			caprecs = caprecs ? caprecs * 2 : 1024;
			struct rec *n = xcalloc((size_t)caprecs, sizeof(*n));
			if (nrecs)
				memcpy(n, recs, sizeof(*n) * (size_t)nrecs);
			free(recs);
			recs = n;
		}
		struct rec *r = &recs[nrecs];
		memset(r, 0, sizeof(*r));
		r->tu = tu;
		char *save = NULL, *dup = xstrdup(line);
		int i = 0;
		for (char *t = strtok_r(dup, "\t", &save); t && i < NF; t = strtok_r(NULL, "\t", &save)) {
			unesc(t);
			r->f[i++] = t;
		}
		if (i < 4) {
			fprintf(stderr, "%s: malformed record '%s'\n", path, line);
			fclose(f);
			free(line);
			return false;
		}
		nrecs++;
	}
	free(line);
	fclose(f);
	if (!tu) {
		fprintf(stderr, "%s: empty facts file\n", path);
		return false;
	}
	return true;
}

static void finding(const char *site, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void finding(const char *site, const char *fmt, ...)
{
	char msg[4096];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	struct sbuf b = {0};
	sb_add(&b, "%s: [R12-odr] %s", site, msg);
	if (!strset_has(&out, b.p))
		strset_add(&out, b.p);
	sb_free(&b);
}

static bool is(const struct rec *r, const char *kind)
{
	return !strcmp(r->f[0], kind);
}

static int cmp_rec(const void *a, const void *b)
{
	const struct rec *x = a, *y = b;
	for (int i = 0; i < 4; i++) {
		int c = strcmp(x->f[i], y->f[i]);
		if (c)
			return c;
	}
	return 0;
}

/* Sorts by kind, name, site, identity and keeps one of each: a header's
 * records repeat in every translation unit that includes it. */
static void sort_unique(void)
{
	qsort(recs, (size_t)nrecs, sizeof(*recs), cmp_rec);
	int n = 0;
	for (int i = 0; i < nrecs; i++)
		if (!n || cmp_rec(&recs[n - 1], &recs[i]))
			recs[n++] = recs[i];
	nrecs = n;
}

/* The range [*lo, *hi) of records of this kind and name. */
static void group(const char *kind, const char *name, int *lo, int *hi)
{
	int a = 0, b = nrecs;
	while (a < b) {
		int m = a + (b - a) / 2;
		int c = strcmp(recs[m].f[0], kind);
		if (!c)
			c = strcmp(recs[m].f[1], name);
		if (c < 0)
			a = m + 1;
		else
			b = m;
	}
	*lo = a;
	while (a < nrecs && !strcmp(recs[a].f[0], kind) && !strcmp(recs[a].f[1], name))
		a++;
	*hi = a;
}

/* The first record of kind with this name, or NULL. */
static const struct rec *find(const char *kind, const char *name)
{
	int lo, hi;
	group(kind, name, &lo, &hi);
	return lo < hi ? &recs[lo] : NULL;
}

/* A record of this kind with r's name that differs from r in field fld. */
static const struct rec *other(const struct rec *r, const char *kind, int fld)
{
	int lo, hi;
	group(kind, r->f[1], &lo, &hi);
	for (int i = lo; i < hi; i++)
		if (strcmp(recs[i].f[fld], r->f[fld]))
			return &recs[i];
	return NULL;
}

static void check_tags(const struct rules *rules)
{
	for (int i = 0; i < nrecs; i++) {
		const struct rec *r = &recs[i];
		if (is(r, "tag")) {
			const char *n = r->f[1];
			const struct rec *o = other(r, "tag", 2);
			if (o)
				finding(r->f[2],
					"'%s' is defined here and at %s: a type name has one "
					"definition across all services (rename one)",
					n, o->f[2]);
			o = NULL;
			int lo, hi;
			group("tag", n, &lo, &hi);
			for (int j = lo; j < hi && !o; j++)
				if (!strcmp(recs[j].f[2], r->f[2]) && strcmp(recs[j].f[3], r->f[3]))
					o = &recs[j];
			if (o) {
				bool lt = strcmp(r->tu, o->tu) < 0;
				finding(r->f[2],
					"'%s' has one layout in %s and another in %s: its "
					"definition depends on the includer",
					n, lt ? r->tu : o->tu, lt ? o->tu : r->tu);
			}
			if (find("fwtag", n) && !(rules && strset_has(&rules->service_tag, n)))
				finding(r->f[2],
					"'%s' is a framework type (%s); services may not define it",
					n, find("fwtag", n)->f[2]);
		} else if (is(r, "fwtag") && strcmp(r->f[3], "-")) {
			int lo, hi;
			group("fwtag", r->f[1], &lo, &hi);
			for (int j = lo; j < hi; j++) {
				const struct rec *o = &recs[j];
				if (strcmp(o->f[3], "-") && strcmp(o->f[3], r->f[3]))
					finding(r->f[2],
						"framework type '%s' has a different layout in %s "
						"than in %s: its header depends on the includer",
						r->f[1], r->tu, o->tu);
			}
		}
	}
}

static void check_syms(const struct rules *rules)
{
	for (int i = 0; i < nrecs; i++) {
		const struct rec *r = &recs[i];
		if (is(r, "sym")) {
			const struct rec *o = other(r, "sym", 3);
			if (o)
				finding(r->f[2],
					"'%s' is declared here (%s) with type %s and at %s with "
					"type %s: one symbol, one type",
					r->f[1], r->tu, r->f[3], o->f[2], o->f[3]);
			const struct rec *fw = find("fwsym", r->f[1]);
			if (!fw)
				continue;
			if (!(rules && strset_has(&rules->service_symbol, r->f[1])))
				finding(r->f[2],
					"'%s' is a framework symbol (%s); services may not "
					"declare it (include the framework header)",
					r->f[1], fw->f[2]);
			else if (strcmp(fw->f[3], r->f[3]))
				finding(r->f[2],
					"'%s' must have the type the framework declares at %s, "
					"%s, not %s",
					r->f[1], fw->f[2], fw->f[3], r->f[3]);
		} else if (is(r, "fwsym")) {
			const struct rec *o = other(r, "fwsym", 3);
			if (o)
				finding(r->f[2],
					"framework symbol '%s' has type %s in %s and %s in %s: "
					"its header depends on the includer",
					r->f[1], r->f[3], r->tu, o->f[3], o->tu);
		}
	}
}

/* "path:line:col" -> "path" (the caller frees). */
static char *site_path(const char *site)
{
	char *p = xstrdup(site);
	for (int k = 0; k < 2; k++) {
		char *c = strrchr(p, ':');
		if (c)
			*c = 0;
	}
	return p;
}

static void check_caches(void)
{
	for (int i = 0; i < nrecs; i++) {
		const struct rec *r = &recs[i];
		if (!is(r, "cache"))
			continue;
		if (!strcmp(r->f[1], "?")) {
			finding(r->f[2], "a typed allocation whose cache key is not a "
					 "string literal the checker can read");
			continue;
		}
		if (!strcmp(r->f[3], "?"))
			finding(r->f[2], "a typed allocation whose type the checker cannot "
					 "tell (cache key \"%s\")",
				r->f[1]);
		const struct rec *o = other(r, "cache", 3);
		if (o)
			finding(r->f[2],
				"cache key \"%s\" allocates %s here and %s at %s: a cache "
				"holds one type",
				r->f[1], r->f[3], o->f[3], o->f[2]);
		/* the key's file part must be the file the NEW is written in: no
		 * forged __FILE__ (#line, a redefinition) can reach another file's,
		 * or the framework's, caches */
		char *kf = xstrdup(r->f[1]);
		char *colon = strchr(kf, ':');
		char *sp = site_path(r->f[2]);
		if (colon)
			*colon = 0;
		char *kr = rel_path(kf);
		if (!colon || strcmp(kr, sp))
			finding(r->f[2],
				"cache key \"%s\" does not name this file (%s): __FILE__ "
				"was changed",
				r->f[1], sp);
		free(kr);
		free(sp);
		free(kf);
	}
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int facts_merge(int argc, char **argv)
{
	struct rules rules;
	bool have_rules = false;
	int i = 0;
	if (i + 1 < argc && !strcmp(argv[i], "--rules")) {
		if (!rules_load(&rules, argv[i + 1]))
			return 2;
		have_rules = true;
		i += 2;
	}
	if (i >= argc) {
		fprintf(stderr, "usage: safec --merge [--rules FILE] FACTS...\n");
		return 2;
	}
	int nfiles = argc - i;
	for (; i < argc; i++)
		if (!load(argv[i]))
			return 2;
	sort_unique();
	const struct rules *r = have_rules ? &rules : NULL;
	check_tags(r);
	check_syms(r);
	check_caches();
	qsort(out.v, (size_t)out.n, sizeof(char *), cmp_str);
	for (int k = 0; k < out.n; k++)
		printf("%s\n", out.v[k]);
	fprintf(stderr, "safec --merge: %d facts files, %d one-definition findings\n", nfiles,
		out.n);
	return out.n ? 1 : 0;
}
