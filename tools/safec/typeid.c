/* typeid.c - canonical type identity strings (see typeid.h). */
#include "typeid.h"
#include "rules.h"
#include "types.h"
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void sb_add(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (b->n + (size_t)n + 1 > b->cap) {
		size_t cap = (b->cap ? b->cap * 2 : 128) + (size_t)n;
		char *p = xmalloc(cap);
		if (b->n)
			memcpy(p, b->p, b->n);
		free(b->p);
		b->p = p;
		b->cap = cap;
	}
	va_start(ap, fmt);
	vsnprintf(b->p + b->n, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->n += (size_t)n;
}

void sb_free(struct sbuf *b)
{
	free(b->p);
	b->p = NULL;
	b->n = b->cap = 0;
}

char *rel_path(const char *path)
{
	static char *cwd;
	if (!cwd) {
		char buf[PATH_MAX];
		cwd = xstrdup(getcwd(buf, sizeof(buf)) ? buf : "/");
	}
	char *real = realpath(path, NULL);
	if (!real)
		return xstrdup(path);
	size_t n = strlen(cwd);
	if (!strncmp(real, cwd, n) && real[n] == '/') {
		char *r = xstrdup(real + n + 1);
		free(real);
		return r;
	}
	return real;
}

char *site_of(CXSourceLocation l)
{
	CXFile f;
	unsigned line, col;
	clang_getFileLocation(l, &f, &line, &col, NULL);
	char *name = f ? cx_str(clang_getFileName(f)) : xstrdup("<built-in>");
	char *rel = f ? rel_path(name) : xstrdup(name);
	struct sbuf b = {0};
	sb_add(&b, "%s:%u:%u", rel, line, col);
	free(rel);
	free(name);
	return b.p;
}

bool at_file_scope(CXCursor decl)
{
	/* a tag nested in a struct belongs to the struct's scope (C has no
	 * member scopes: clang makes named ones file scope, anonymous ones
	 * children of the record) */
	CXCursor p = clang_getCursorSemanticParent(decl);
	while (clang_getCursorKind(p) == CXCursor_StructDecl ||
	       clang_getCursorKind(p) == CXCursor_UnionDecl)
		p = clang_getCursorSemanticParent(p);
	return clang_getCursorKind(p) == CXCursor_TranslationUnit;
}

static bool is_anonymous(CXCursor decl)
{
	if (clang_Cursor_isAnonymous(decl))
		return true;
	char *n = cx_str(clang_getCursorSpelling(decl));
	/* clang names unnamed tags "struct (unnamed at file:line:col)" */
	bool anon = !*n || strchr(n, ' ') || strchr(n, '(');
	free(n);
	return anon;
}

void tag_id(struct sbuf *b, CXCursor decl)
{
	enum CXCursorKind k = clang_getCursorKind(decl);
	const char *kw = k == CXCursor_UnionDecl ? "union" : k == CXCursor_EnumDecl ? "enum" : "struct";
	CXCursor def = clang_getCursorDefinition(decl);
	CXCursor first = clang_getCanonicalCursor(decl);
	if (is_anonymous(first) || !at_file_scope(first)) {
		/* one spelling, several types: only the place tells them apart */
		char *site = site_of(clang_getCursorLocation(clang_Cursor_isNull(def) ? first : def));
		char *n = is_anonymous(first) ? xstrdup("") : cx_str(clang_getCursorSpelling(first));
		sb_add(b, "%s %s@%s", kw, n, site);
		free(n);
		free(site);
		return;
	}
	char *n = cx_str(clang_getCursorSpelling(first));
	sb_add(b, "%s %s", kw, n);
	free(n);
}

static bool type_noreturn(CXType t)
{
	char *s = cx_str(clang_getTypeSpelling(t));
	bool nr = strstr(s, "__attribute__((noreturn))") != NULL;
	free(s);
	return nr;
}

static void attrs_id(struct sbuf *b, CXCursor decl, bool noreturn_known);

static void fn_id(struct sbuf *b, CXType t, CXCursor decl)
{
	if (t.kind == CXType_FunctionNoProto) {
		sb_add(b, "fn-noproto(");
		type_id(b, clang_getResultType(t));
		sb_add(b, ")");
	} else {
		sb_add(b, "fn(");
		type_id(b, clang_getResultType(t));
		sb_add(b, ";");
		int n = clang_getNumArgTypes(t);
		for (int i = 0; i < n; i++) {
			if (i)
				sb_add(b, ",");
			type_id(b, clang_getArgType(t, (unsigned)i));
			if (!clang_Cursor_isNull(decl)) {
				CXCursor parm = clang_Cursor_getArgument(decl, (unsigned)i);
				if (param_is_noescape(parm))
					sb_add(b, " noescape");
				attrs_id(b, parm, false);
			}
		}
		if (clang_isFunctionTypeVariadic(t))
			sb_add(b, "%s...", n ? "," : "");
		sb_add(b, ")");
	}
	enum CXCallingConv cc = clang_getFunctionTypeCallingConv(t);
	if (cc != CXCallingConv_C)
		sb_add(b, " cc%d", (int)cc);
	if (type_noreturn(t))
		sb_add(b, " noreturn");
}

void type_id(struct sbuf *b, CXType t)
{
	t = clang_getCanonicalType(t);
	if (clang_isConstQualifiedType(t))
		sb_add(b, "const ");
	if (clang_isVolatileQualifiedType(t))
		sb_add(b, "volatile ");
	if (clang_isRestrictQualifiedType(t))
		sb_add(b, "restrict ");
	if (clang_getAddressSpace(t))
		sb_add(b, "addrspace(%u) ", clang_getAddressSpace(t));
	switch (t.kind) {
	case CXType_Pointer:
		sb_add(b, "*(");
		type_id(b, clang_getPointeeType(t));
		sb_add(b, ")");
		return;
	case CXType_ConstantArray:
		sb_add(b, "[%lld](", clang_getArraySize(t));
		type_id(b, clang_getArrayElementType(t));
		sb_add(b, ")");
		return;
	case CXType_IncompleteArray:
		sb_add(b, "[](");
		type_id(b, clang_getArrayElementType(t));
		sb_add(b, ")");
		return;
	case CXType_VariableArray:
		sb_add(b, "[*](");
		type_id(b, clang_getArrayElementType(t));
		sb_add(b, ")");
		return;
	case CXType_Atomic:
		sb_add(b, "_Atomic(");
		type_id(b, clang_Type_getValueType(t));
		sb_add(b, ")");
		return;
	case CXType_Record:
	case CXType_Enum:
		tag_id(b, clang_getTypeDeclaration(t));
		return;
	case CXType_FunctionProto:
	case CXType_FunctionNoProto:
		fn_id(b, t, clang_getNullCursor());
		return;
	default: {
		/* builtins and anything exotic: clang's canonical spelling (which
		 * names no typedef) */
		char *s = cx_str(clang_getTypeSpelling(clang_getUnqualifiedType(t)));
		sb_add(b, "%s", s);
		free(s);
		return;
	}
	}
}

/* Attributes that change what a caller or the optimiser may assume about a
 * function or parameter: they are part of its identity. The others (unused,
 * cold, deprecated, ...) change no code's meaning across a call. */
static const char *const semantic_attrs[] = {
	"noreturn", "_Noreturn", "const", "pure", "nonnull", "returns_nonnull", "malloc",
	"alloc_size", "alloc_align", "assume_aligned", "counted_by",
};

struct attrscan {
	CXTranslationUnit tu;
	struct strset found;
};

static bool semantic(const char *name)
{
	for (size_t i = 0; i < sizeof(semantic_attrs) / sizeof(semantic_attrs[0]); i++)
		if (!strcmp(name, semantic_attrs[i]))
			return true;
	return false;
}

static enum CXChildVisitResult attr_cb(CXCursor c, CXCursor p, CXClientData d)
{
	(void)p;
	struct attrscan *a = d;
	if (!clang_isAttribute(clang_getCursorKind(c)))
		return CXChildVisit_Continue;
	CXToken *toks;
	unsigned n;
	clang_tokenize(a->tu, clang_getCursorExtent(c), &toks, &n);
	struct sbuf b = {0};
	for (unsigned i = 0; i < n; i++) {
		char *s = cx_str(clang_getTokenSpelling(a->tu, toks[i]));
		char *t = s;
		size_t len = strlen(t);
		if (i == 0 && len > 4 && !strncmp(t, "__", 2) && !strcmp(t + len - 2, "__")) {
			t += 2; /* __pure__ is pure */
			t[len - 4] = 0;
		}
		if (i == 0 && !strcmp(t, "_Noreturn"))
			t = "noreturn";
		sb_add(&b, "%s", t);
		free(s);
	}
	clang_disposeTokens(a->tu, toks, n);
	char name[64] = "";
	if (b.p)
		sscanf(b.p, "%63[A-Za-z_0-9]", name);
	if (b.p && semantic(name) && !strset_has(&a->found, b.p))
		strset_add(&a->found, b.p);
	sb_free(&b);
	return CXChildVisit_Continue;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Appends " name(args)" for each semantic attribute of decl, sorted;
 * `noreturn` only once however it was written. */
static void attrs_id(struct sbuf *b, CXCursor decl, bool noreturn_known)
{
	struct attrscan a = {clang_Cursor_getTranslationUnit(decl), {0}};
	clang_visitChildren(decl, attr_cb, &a);
	qsort(a.found.v, (size_t)a.found.n, sizeof(char *), cmp_str);
	for (int i = 0; i < a.found.n; i++) {
		if (!(noreturn_known && !strcmp(a.found.v[i], "noreturn")))
			sb_add(b, " %s", a.found.v[i]);
		free(a.found.v[i]);
	}
	free(a.found.v);
}

void decl_id(struct sbuf *b, CXCursor decl)
{
	CXType t = clang_getCanonicalType(clang_getCursorType(decl));
	if (clang_getCursorKind(decl) != CXCursor_FunctionDecl) {
		sb_add(b, "var ");
		type_id(b, t);
		return;
	}
	fn_id(b, t, decl);
	attrs_id(b, decl, type_noreturn(t));
}

/* ---- definition bodies ---- */

struct bodyscan {
	struct sbuf *b;
	CXType rec;
};

static enum CXVisitorResult body_field_cb(CXCursor c, CXClientData d)
{
	struct bodyscan *bs = d;
	char *n = cx_str(clang_getCursorSpelling(c));
	sb_add(bs->b, "|%s@%lld", n, clang_Cursor_getOffsetOfField(c));
	free(n);
	if (clang_Cursor_isBitField(c))
		sb_add(bs->b, ":%d", clang_getFieldDeclBitWidth(c));
	sb_add(bs->b, "=");
	type_id(bs->b, clang_getCursorType(c));
	return CXVisit_Continue;
}

static enum CXChildVisitResult body_enum_cb(CXCursor c, CXCursor p, CXClientData d)
{
	(void)p;
	if (clang_getCursorKind(c) != CXCursor_EnumConstantDecl)
		return CXChildVisit_Continue;
	char *n = cx_str(clang_getCursorSpelling(c));
	sb_add(d, "|%s=%lld", n, clang_getEnumConstantDeclValue(c));
	free(n);
	return CXChildVisit_Continue;
}

void tag_body(struct sbuf *b, CXCursor def)
{
	CXType t = clang_getCursorType(def);
	sb_add(b, "size=%lld align=%lld", clang_Type_getSizeOf(t), clang_Type_getAlignOf(t));
	if (clang_getCursorKind(def) == CXCursor_EnumDecl) {
		sb_add(b, " int=");
		type_id(b, clang_getEnumDeclIntegerType(def));
		clang_visitChildren(def, body_enum_cb, b);
	} else {
		struct bodyscan bs = {b, t};
		clang_Type_visitFields(t, body_field_cb, &bs);
	}
}
