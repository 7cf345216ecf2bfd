/*
 * Where the framework calls into in-kernel tests. The test image
 * (build/trellis-test.elf) links the ktest runner (frame/ktest/ktest.c),
 * which defines these; the production image links frame/boot/no_tests.c
 * instead, so it carries no test code and no test symbols.
 */
#ifndef BOOT_TEST_HOOKS_H
#define BOOT_TEST_HOOKS_H

/* Runs every test selected by `ktest[=prefix]`; returns the number that failed. */
int test_hook_run_all(void);
/* Called by panic: ends the current task when it is a test expecting the panic. */
void test_hook_panic(void);
/* Sees every console character, so a test can read back what a panic printed. */
void test_hook_console_putc(char c);

#endif
