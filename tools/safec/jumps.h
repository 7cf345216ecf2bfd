/* jumps.h - R8-jump-init: no jump into the scope of a local past its
 * declaration, which would skip the zero-initialisation the hardened build
 * gives every local (-ftrivial-auto-var-init=zero). */
#ifndef SAFEC_JUMPS_H
#define SAFEC_JUMPS_H

#include "safec.h"

/* Checks the body of one function definition. */
void check_jumps(struct safec *s, CXCursor fn);

#endif
