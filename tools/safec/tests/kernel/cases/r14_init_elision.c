#include <frame/slice.h>
/* brace elision makes positions uncertain: after it, a type with private
 * fields needs designators or nested braces */
struct pt { int x, y; };
struct holder {
	struct pt p;
	struct bytes b;
	int z;
};
struct outer {
	struct {
		int a;
		struct bytes b;
	};
	int tail;
};
u8 heap[16];
void f(void)
{
	struct holder h1 = { 1, { 2 }, heap }; /* expect: R14-fw-init */
	struct holder h2 = { 1, 2, bytes_empty() }; /* expect: R14-fw-init */
	struct holder h3 = { { 1, 2 }, bytes_empty(), 3 };
	struct outer o1 = { .a = 1, heap }; /* expect: R14-fw-init */
	struct outer o2 = { { 1, bytes_empty() }, 2 };
	struct outer o3 = { .b = bytes_empty(), .tail = 1 };
	(void)h1; (void)h2; (void)h3; (void)o1; (void)o2; (void)o3;
}
