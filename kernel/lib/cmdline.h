/*
 * The kernel command line, parsed by the services over the raw bytes the
 * framework keeps (boot_cmdline_raw in frame/boot.h). Words are separated
 * by spaces; a word is either a flag (`strace`) or `key=value`.
 */
#ifndef KERNEL_LIB_CMDLINE_H
#define KERNEL_LIB_CMDLINE_H

#include <frame/types.h>
#include <frame/bytes.h>

/* True when `word` appears on the command line as a whole word (not as `word=...`). */
bool cmdline_has(struct bytes word);
/* The value of `key=value` as a read-only slice of the command line; false when key= is absent. */
bool cmdline_value(struct bytes key, struct bytes *out __noescape);

/* The same over any line (the tests' own lines). */
bool cmdline_has_in(struct bytes line, struct bytes word);
bool cmdline_value_in(struct bytes line, struct bytes key, struct bytes *out __noescape);

#endif /* KERNEL_LIB_CMDLINE_H */
