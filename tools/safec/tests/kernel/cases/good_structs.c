#include <frame/mem.h>
#include <frame/cpu.h>
struct point { int x, y; };
struct point mk(int x, int y) { struct point p = { .x = x, .y = y }; return p; }
void copy(struct point *dst, const struct point *src) { *dst = *src; }
struct point add(struct point a, struct point b) { struct point c = a; c.x += b.x; c.y += b.y; return c; }
