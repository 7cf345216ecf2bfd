/* per file: no tag and no typedef at block or prototype scope */
struct outer {
	struct inner { /* nested tags have file scope in C: fine */
		int x;
	} in;
};
int f(void)
{
	struct local { /* expect: R12-odr */
		int a;
	} l = {1};
	typedef int local_int; /* expect: R12-odr */
	struct later *p = 0; /* expect: R12-odr */
	enum { LOCAL_ONE = 1 } e = LOCAL_ONE; /* expect: R12-odr */
	local_int n = l.a + (int)e;
	(void)p;
	return n + (int)sizeof(union lu { int a; }); /* expect: R12-odr */
}
struct wrap {
	struct { /* anonymous members of a file-scope struct: fine */
		int lo, hi;
	} half;
	union {
		int i;
		unsigned u;
	};
};
int h(struct pp { int a; } *p); /* expect: R12-odr */
int k(void)
{
	struct { /* expect: R12-odr */
		int a;
	} anon = {2};
	return anon.a;
}
