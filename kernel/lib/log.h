/*
 * The kernel log for services: leveled, timestamped lines on the console.
 *
 * A line is built with the text builder (lib/fmt.h) between log_begin and
 * log_end; log_begin says false when the level is filtered out (then skip
 * the line and do not call log_end):
 *
 *	struct fmt f;
 *	if (log_begin(&f, LOG_ERR)) {
 *		fmt_lit(&f, "vfs: cannot mount devfs on /dev (");
 *		fmt_i64(&f, err);
 *		fmt_lit(&f, ")");
 *		log_end(&f);
 *	}
 *
 * Between the two a lock is held (lines never interleave): do not sleep.
 * The framework's own boot and panic messages are not filtered.
 */
#ifndef KERNEL_LIB_LOG_H
#define KERNEL_LIB_LOG_H

#include <frame/types.h>
#include "lib/fmt.h"

enum log_level { LOG_ERR, LOG_WARN, LOG_INFO, LOG_DEBUG };

/* Start a line: the timestamp and level are written; false when `level` is above the maximum. */
bool log_begin(struct fmt *f __noescape, enum log_level level);
/* Write the line (cut short with "..." when it did not fit) and release the log. */
void log_end(struct fmt *f __noescape);
/* A whole line of fixed text. */
void log_text(enum log_level level, struct bytes text);
/* An error line "<what> (<code>)". */
void log_err_code(struct bytes what, int64_t code);
/* Lines above `level` are dropped; anything but LOG_ERR..LOG_DEBUG is ignored. */
void log_set_max_level(unsigned level);
/* `loglevel=N` on the command line sets the maximum level (N in 0..3). */
void log_init(void);

#endif /* KERNEL_LIB_LOG_H */
