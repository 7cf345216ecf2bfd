/*
 * Facts about the machine that services report (uname, sysinfo,
 * /proc/meminfo) and randomness (getrandom, AT_RANDOM, /dev/urandom).
 */
#ifndef FRAME_SYSINFO_H
#define FRAME_SYSINFO_H

#include <frame/types.h>
#include <frame/bytes.h>

uint64_t mem_total_bytes(void);
uint64_t mem_free_bytes(void);
/* Seconds since the Unix epoch when the kernel started (from the CMOS clock). */
uint64_t rtc_boot_epoch_seconds(void);
/* Fill b with random bytes (RDRAND when the CPU has it, else a TSC-seeded generator). */
void random_fill(struct bytes b);
/* 64 random bits, the same way. */
uint64_t random_u64(void);

#endif /* FRAME_SYSINFO_H */
