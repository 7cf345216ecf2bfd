/* includes.h - R10: what the checked file may #include. */
#ifndef SAFEC_INCLUDES_H
#define SAFEC_INCLUDES_H

#include "safec.h"

/* Every #include written in a service file of the translation unit must
 * name a header under a --trusted dir or a .h file under the service root. */
void check_includes(struct safec *s);
/* Fills s->svc_files (the checked file and every service header it pulls
 * in, directly or not) and s->fw_files (framework headers). */
void tu_files(struct safec *s);

#endif
