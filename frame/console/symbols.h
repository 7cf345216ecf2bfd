/* The kernel's own symbol table (generated into .ksyms by tools/gen-ksyms.sh). */
#ifndef CONSOLE_SYMBOLS_H
#define CONSOLE_SYMBOLS_H

#include <frame/types.h>

/* Name of the function containing `addr` and the offset into it; NULL when unknown. */
const char *symbol_lookup(uint64_t addr, uint64_t *offset);
/* "file:line" of a sanitizer trap site, or NULL. */
const char *trap_site_lookup(uint64_t addr);
/*
 * The sized data or bss object containing `addr` (from the second link's
 * table): its start and size. False when none does, or before the table exists.
 */
bool static_object_lookup(uint64_t addr, uint64_t *start, uint64_t *size);
/* Print a backtrace walking frame pointers from `rbp`, starting with `rip`. */
void backtrace_print(uint64_t rip, uint64_t rbp);

#endif
