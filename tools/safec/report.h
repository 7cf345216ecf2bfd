/* report.h - collecting, de-duplicating and printing findings. */
#ifndef SAFEC_REPORT_H
#define SAFEC_REPORT_H

#include "safec.h"

/* Records a finding at location l (any kind of location). It is kept only if
 * the offending token was spelled in the main file, or reached the main file
 * through a macro expansion; it is then printed at the spelling location if
 * that is in the main file, otherwise at the expansion site in the main file. */
void report(struct safec *s, CXSourceLocation l, const char *rule, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Prints all findings sorted by position; returns their number. */
int report_flush(struct safec *s);

#endif
