/* includes.h - R10: what the checked file may #include. */
#ifndef SAFEC_INCLUDES_H
#define SAFEC_INCLUDES_H

#include "safec.h"

/* Every #include written in the main file must name a header under a
 * --trusted dir or a .h file under the service root. */
void check_includes(struct safec *s);

#endif
