#include <frame/mem.h>
#include <frame/cpu.h>
#include "inc/svc.h"
#define MAX(a, b) ((a) > (b) ? (a) : (b))
#define SQUARE(x) ((x) * (x))
int f(int a, int b) { return MAX(SQUARE(a), b); }
