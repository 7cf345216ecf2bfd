#include <frame/mem.h>
#include <frame/cpu.h>
union u1 { int *p; long x; }; /* expect: R6-union-ptr */
union u2 {
	struct { int a; char *s; } in; /* expect: R6-union-ptr */
	long x;
};
union u3 { void *arr[2]; long l; }; /* expect: R6-union-ptr */
