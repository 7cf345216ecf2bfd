/*
 * What the boot loader told us: the memory map, the command line and the
 * initramfs. The command line and the initramfs are offered to services as
 * read-only slices.
 */
#ifndef FRAME_BOOT_H
#define FRAME_BOOT_H

#include <frame/types.h>
#include <frame/bytes.h>

/* The kernel command line as the boot loader gave it (at most 511 bytes), read-only; parsed by kernel/lib/cmdline.c. */
struct bytes boot_cmdline_raw(void);
/* The initramfs image, read-only; an empty slice when there is none. */
struct bytes boot_initrd(void);

/* The services' entry point, called once by the first task after boot.
 * Services define it (frame/safec.rules: service-defined-symbol), and the
 * build checks every service declaration of it against this one (R12-odr):
 * a definition taking a `struct bytes` would read a forged slice from
 * whatever the registers held. */
void service_main(void);

#endif /* FRAME_BOOT_H */
