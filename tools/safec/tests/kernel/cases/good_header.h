#ifndef GOOD_HEADER_H
#define GOOD_HEADER_H
#include <frame/mem.h>
#include "inc/svc.h"
struct widget { int id; u32 regs[4]; };
int widget_init(struct widget *w __noescape);
static inline u32 widget_reg(const struct widget *w, int i) { return w->regs[i]; }
#define WIDGET_ID(w) ((w)->id)
#endif
