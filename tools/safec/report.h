/* report.h - collecting, de-duplicating and printing findings. */
#ifndef SAFEC_REPORT_H
#define SAFEC_REPORT_H

#include "safec.h"

/* Records a finding at location l (any kind of location). It is printed at
 * the spelling location when that is in a service file (the checked file or
 * any service header it includes), otherwise at the expansion site when that
 * is; a finding wholly inside framework text is dropped (trusted). */
void report(struct safec *s, CXSourceLocation l, const char *rule, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Prints all findings sorted by position; returns their number. */
int report_flush(struct safec *s);

#endif
