/* a service header that hides code from its own check: the includer's check sees it */
#ifndef HIDE_H
#define HIDE_H
#if __INCLUDE_LEVEL__ > 0
static inline void hide(void) { __asm__("cli"); }
#endif
#endif
