/*
 * The test hooks of the production image: no tests are linked in, so
 * `ktest` on the command line only says so (make ktest boots
 * build/trellis-test.elf, which links frame/ktest/ktest.c instead).
 */
#include "console/kprint.h"
#include "test_hooks.h"

int test_hook_run_all(void)
{
	log_err("this image has no in-kernel tests: boot build/trellis-test.elf");
	return 1;
}

void test_hook_panic(void)
{
}

void test_hook_console_putc(char c)
{
	(void)c;
}
