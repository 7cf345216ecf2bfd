/*
 * The kernel's one random-number source (getrandom, AT_RANDOM, /dev/urandom,
 * the stack canary): RDRAND when the CPU has it, else a TSC-seeded xorshift.
 * Not a CSPRNG on machines without RDRAND.
 */
#ifndef FRAME_RANDOM_H
#define FRAME_RANDOM_H

#include <frame/types.h>
#include <frame/bytes.h>

/* 64 random bits. */
uint64_t random_u64(void);
/* Fill b with random bytes. */
void random_fill(struct bytes b);

#endif /* FRAME_RANDOM_H */
