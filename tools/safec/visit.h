/* visit.h - the AST rules (one pass over the main file's declarations). */
#ifndef SAFEC_VISIT_H
#define SAFEC_VISIT_H

#include "safec.h"

void check_ast(struct safec *s);

#endif
