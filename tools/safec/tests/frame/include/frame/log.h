/* Fake framework logging, panics and ktest for the safec tests (trusted code). */
#ifndef FRAME_LOG_H
#define FRAME_LOG_H
#include <frame/types.h>

void log_msg(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
#define log_warn(...) log_msg(1, __VA_ARGS__)
void console_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

__attribute__((noreturn)) void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#define FW_ASSERT(c)                                                                 \
	do {                                                                         \
		if (!(c))                                                            \
			panic("assertion failed: %s (%s:%d)", #c, __FILE__, __LINE__); \
	} while (0)
__attribute__((noreturn)) void machine_exit(int code);

void ktest_fail(const char *file, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
#define KT_ASSERT(cond)                                              \
	do {                                                         \
		if (!(cond)) {                                       \
			ktest_fail(__FILE__, __LINE__, "%s", #cond); \
			return;                                      \
		}                                                    \
	} while (0)
#define KT_EQ(a, b)                                                                         \
	do {                                                                                \
		long __kt_a = (long)(a), __kt_b = (long)(b);                                \
		if (__kt_a != __kt_b)                                                       \
			ktest_fail(__FILE__, __LINE__, "%s == %s: %ld != %ld", #a, #b, __kt_a, __kt_b); \
	} while (0)

/* a framework string with a NUL, reached through a framework macro */
extern const char fw_banner[16];
#define FW_BANNER fw_banner
#define MIN(a, b) ((a) < (b) ? (a) : (b))

bool boot_cmdline_get(const char *key, char *buf, size_t cap);
extern unsigned long __stack_chk_guard;
void __stack_chk_fail(void);
#endif
