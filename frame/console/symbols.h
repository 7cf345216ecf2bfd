/* The static-object table (generated into .ksyms by tools/gen-ksyms.sh) and backtraces. */
#ifndef CONSOLE_SYMBOLS_H
#define CONSOLE_SYMBOLS_H

#include <frame/types.h>

/*
 * The sized data or bss object containing `addr` (from the second link's
 * table): its start and size. False when none does, or before the table exists.
 */
bool static_object_lookup(uint64_t addr, uint64_t *start, uint64_t *size);
/* Print a backtrace (addresses) walking frame pointers from `rbp`, starting with `rip`. */
void backtrace_print(uint64_t rip, uint64_t rbp);

#endif
