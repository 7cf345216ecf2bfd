/* a header that hides code from its own check */
#ifndef C1_INCLUDE_LEVEL_H
#define C1_INCLUDE_LEVEL_H
#if __INCLUDE_LEVEL__ > 0 /* expect: R9-reserved */
static inline void off(void) { __asm__("cli"); } /* expect: R1-asm */
#endif
#endif
