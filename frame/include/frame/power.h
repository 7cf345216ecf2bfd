/* Ending the machine: power off with an exit status (QEMU's isa-debug-exit), used by reboot(2) and panics. */
#ifndef FRAME_POWER_H
#define FRAME_POWER_H

#include <frame/types.h>

/* Power the machine off; `code` becomes QEMU's exit status through isa-debug-exit. */
__noreturn void machine_exit(int code);

#define EXIT_SUCCESS_CODE 0
#define EXIT_FAILURE_CODE 1

#endif /* FRAME_POWER_H */
