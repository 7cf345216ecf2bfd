/* capability.h - R15-shared-cap: multi-word capabilities stay in automatic storage. */
#ifndef SAFEC_CAPABILITY_H
#define SAFEC_CAPABILITY_H

#include "safec.h"

/* Checks the cursor c, whose ancestors are stack[0 .. depth - 1] (c itself
 * is stack[depth - 1]). Called once per cursor by the AST walk. */
void check_capability(struct safec *s, CXCursor c, const CXCursor *stack, int depth);

#endif
