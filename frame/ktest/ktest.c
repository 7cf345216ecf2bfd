/*
 * The ktest runner. Each test runs in a task of its own so a test that is
 * meant to panic (a trap, a refused double free) can be ended alone: panic
 * calls test_hook_panic(), which checks the captured report for the text
 * the test expects and ends the task instead of the machine.
 *
 * Output: one line per test ("ok name" / "FAIL name: why"), then
 * "ktest: N passed, M failed".
 */
#include <frame/ktest.h>
#include "console/kprint.h"
#include <frame/boot.h>
#include <frame/time.h>
#include "../boot/test_hooks.h"
#include "../console/kprint.h"
#include "../boot/boot_info.h"
#include "../task/task_internal.h"
#include "../cpu/percpu.h"

extern const struct ktest __ktests_start[], __ktests_end[];

static const struct ktest *running;
static bool failed;
static char fail_msg[160];
static char capture[4096];
static size_t capture_len;
static bool capturing;

void test_hook_console_putc(char c)
{
	if (capturing && capture_len + 1 < sizeof(capture))
		capture[capture_len++] = c;
}

void ktest_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	size_t n = format_buf(fail_msg, sizeof(fail_msg), "%s:%d: ", file, line);
	va_start(ap, fmt);
	if (n < sizeof(fail_msg))
		format_buf_v(fail_msg + n, sizeof(fail_msg) - n, fmt, ap);
	va_end(ap);
	failed = true;
}

static bool contains(const char *hay, size_t n, const char *needle)
{
	for (size_t i = 0; i < n; i++) {
		size_t j = 0;
		while (needle[j] && i + j < n && hay[i + j] == needle[j])
			j++;
		if (!needle[j])
			return true;
	}
	return false;
}

void test_hook_panic(void)
{
	struct task *t = task_current();
	if (!t || !t->panic_ends_task)
		return;
	capturing = false;
	t->panicked = true;
	console_printf("(expected panic: ending test task %s)\n", t->name);
	task_exit_from_panic();
}

static void run_one(void *arg)
{
	const struct ktest *k = arg;
	k->fn();
}

static bool name_matches(const char *name, const char *prefix)
{
	while (*prefix && *prefix == *name)
		prefix++, name++;
	return *prefix == '\0';
}

int test_hook_run_all(void)
{
	char filter[64] = "";
	boot_cmdline_get("ktest", filter, sizeof(filter));
	unsigned passed = 0, nfailed = 0;
	uint64_t start = clock_ns();
	for (const struct ktest *k = __ktests_start; k < __ktests_end; k++) {
		if (!name_matches(k->name, filter))
			continue;
		running = k;
		failed = false;
		fail_msg[0] = '\0';
		capture_len = 0;
		capturing = k->expect_panic != NULL;
		/* SAFETY: k points into the .ktests table, which lives as long as the kernel; run_one casts it back. */
		struct task *t = task_create(k->name, run_one, (void *)k);
		if (!t) {
			console_printf("FAIL %s: cannot create its task\n", k->name);
			nfailed++;
			continue;
		}
		t->panic_ends_task = k->expect_panic != NULL;
		task_wake(t);
		task_join_noreap(t);
		capturing = false;
		bool panicked = t->panicked;
		task_release(t);
		if (k->expect_panic && !panicked && !failed)
			format_buf(fail_msg, sizeof(fail_msg), "expected a panic containing \"%s\", none came",
				   k->expect_panic),
			    failed = true;
		if (k->expect_panic && panicked && !contains(capture, capture_len, k->expect_panic))
			format_buf(fail_msg, sizeof(fail_msg), "the panic report lacks \"%s\"", k->expect_panic),
			    failed = true;
		if (failed) {
			console_printf("FAIL %s: %s\n", k->name, fail_msg);
			nfailed++;
		} else {
			console_printf("ok   %s\n", k->name);
			passed++;
		}
	}
	uint64_t ms = (clock_ns() - start) / NSEC_PER_MSEC;
	console_printf("ktest: %u passed, %u failed (%lu ms)\n", passed, nfailed, ms);
	return (int)nfailed;
}
