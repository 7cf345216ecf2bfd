/*
 * What the boot loader told us: the memory map, the command line and the
 * initramfs. The initramfs is offered to services as a read-only slice.
 */
#ifndef FRAME_BOOT_H
#define FRAME_BOOT_H

#include <frame/types.h>
#include <frame/bytes.h>

/* The kernel command line, NUL-terminated. */
const char *boot_cmdline(void);
/* True when `word` appears as a whole word on the command line. */
bool boot_cmdline_has(const char *word);
/* The value of `key=value` on the command line as a read-only slice; false when key= is absent. */
bool boot_cmdline_value(const char *key, struct bytes *out __noescape);
/* The initramfs image, read-only; an empty slice when there is none. */
struct bytes boot_initrd(void);

/* The services' entry point, called once by the first task after boot.
 * Services define it (frame/safec.rules: service-defined-symbol), and the
 * build checks every service declaration of it against this one (R12-odr):
 * a definition taking a `struct bytes` would read a forged slice from
 * whatever the registers held. */
void service_main(void);

#endif /* FRAME_BOOT_H */
