/* rules.c - loader of the line-based rules file (format: see frame/safec.rules). */
#include "rules.h"
#include "safec.h"
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void strset_add(struct strset *s, const char *name)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 32;
		char **nv = xmalloc(sizeof(char *) * (size_t)s->cap);
		if (s->n)
			memcpy(nv, s->v, sizeof(char *) * (size_t)s->n);
		free(s->v);
		s->v = nv;
	}
	s->v[s->n++] = xstrdup(name);
}

bool strset_has(const struct strset *s, const char *name)
{
	for (int i = 0; i < s->n; i++)
		if (strcmp(s->v[i], name) == 0)
			return true;
	return false;
}

const char *strset_prefix(const struct strset *s, const char *name)
{
	for (int i = 0; i < s->n; i++)
		if (strncmp(s->v[i], name, strlen(s->v[i])) == 0)
			return s->v[i];
	return NULL;
}

bool rules_load(struct rules *r, const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "safec: cannot open rules file %s\n", path);
		return false;
	}
	memset(r, 0, sizeof(*r));
	char buf[1024];
	int lineno = 0;
	bool ok = true;
	while (fgets(buf, sizeof(buf), f)) {
		lineno++;
		char *hash = strchr(buf, '#');
		if (hash)
			*hash = 0;
		char *words[3];
		int nw = 0;
		for (char *t = strtok(buf, " \t\r\n"); t; t = strtok(NULL, " \t\r\n")) {
			if (nw == 3)
				break;
			words[nw++] = t;
		}
		if (nw == 0)
			continue;
		if (nw != 2) {
			fprintf(stderr, "%s:%d: expected '<directive> <name>'\n", path, lineno);
			ok = false;
			continue;
		}
		struct strset *set = NULL;
		if (!strcmp(words[0], "deny-symbol"))
			set = &r->deny_symbol;
		else if (!strcmp(words[0], "deny-prefix"))
			set = &r->deny_prefix;
		else if (!strcmp(words[0], "private-prefix"))
			set = &r->private_prefix;
		else if (!strcmp(words[0], "allow-builtin"))
			set = &r->allow_builtin;
		else if (!strcmp(words[0], "allow-attribute"))
			set = &r->allow_attribute;
		else if (!strcmp(words[0], "macro-only"))
			set = &r->macro_only;
		else if (!strcmp(words[0], "service-defined-tag"))
			set = &r->service_tag;
		else if (!strcmp(words[0], "no-copy-type"))
			set = &r->no_copy;
		else if (!strcmp(words[0], "allow-reserved"))
			set = &r->allow_reserved;
		else if (!strcmp(words[0], "local-only-type"))
			set = &r->local_only_type;
		else if (!strcmp(words[0], "service-defined-symbol"))
			set = &r->service_symbol;
		if (!set) {
			fprintf(stderr, "%s:%d: unknown directive '%s'\n", path, lineno, words[0]);
			ok = false;
			continue;
		}
		strset_add(set, words[1]);
	}
	fclose(f);
	return ok;
}
