#ifndef KTEST_INTERNAL_H
#define KTEST_INTERNAL_H
/* Runs every test; returns the number that failed. */
int ktest_run_all(void);
/* Called by panic: ends the current task when it is a test expecting the panic. */
void ktest_panic_hook(void);
#endif
