/* tokens.h - rules checked on the raw tokens of the main file. */
#ifndef SAFEC_TOKENS_H
#define SAFEC_TOKENS_H

#include "safec.h"

/* Keyword, identifier, attribute and preprocessor rules (R1 keywords,
 * R5-alloca, R7-va, R9, R11, R14) on every token written in the main file,
 * macro definitions included, except in #if-skipped regions. */
void check_tokens(struct safec *s);

#endif
