/*
 * The services' kernel log (lib/log.h): the level filter, the line format
 * and one line buffer under a lock. The framework only writes the finished
 * line to the console (console_write takes the UART lock, so a line never
 * tears against the framework's own messages).
 */
#include <frame/console.h>
#include <frame/spinlock.h>
#include <frame/time.h>
#include "lib/cmdline.h"
#include "lib/log.h"

#define LOG_LINE_MAX 256

static enum log_level log_max_level = LOG_INFO;

/* The one line being built: guarded by log_lock from log_begin to log_end. */
static struct spinlock log_lock = SPINLOCK_INIT;
static struct log_line {
	char text[LOG_LINE_MAX];
} log_line;

void log_set_max_level(unsigned level)
{
	if (level <= LOG_DEBUG)
		log_max_level = (enum log_level)level;
}

void log_init(void)
{
	struct bytes v;
	if (cmdline_value(BYTES_LIT("loglevel"), &v) && bytes_len(v) == 1 && bytes_get(v, 0) >= '0')
		log_set_max_level((unsigned)(bytes_get(v, 0) - '0'));
}

static struct bytes level_tag(enum log_level level)
{
	switch (level) {
	case LOG_ERR:
		return BYTES_LIT("ERR ");
	case LOG_WARN:
		return BYTES_LIT("WARN");
	case LOG_INFO:
		return BYTES_LIT("INFO");
	default:
		return BYTES_LIT("DBG ");
	}
}

bool log_begin(struct fmt *f __noescape, enum log_level level)
{
	/* A level outside the enum (a cast) counts as an error: compare as unsigned to catch negatives. */
	if ((unsigned)level > LOG_DEBUG)
		level = LOG_ERR;
	if (level > log_max_level)
		return false;
	uint64_t us = clock_ns() / 1000;
	spin_lock(&log_lock);
	*f = fmt_into(BYTES_OF_FIELD(&log_line, text));
	fmt_ch(f, '[');
	fmt_u64_w(f, us / 1000000, 5);
	fmt_ch(f, '.');
	fmt_num(f, us % 1000000, 10, 6, FMT_ZERO);
	fmt_lit(f, "] ");
	fmt_str(f, level_tag(level));
	fmt_ch(f, ' ');
	return true;
}

void log_text(enum log_level level, struct bytes text)
{
	struct fmt f;
	if (log_begin(&f, level)) {
		fmt_str(&f, text);
		log_end(&f);
	}
}

void log_err_code(struct bytes what, int64_t code)
{
	struct fmt f;
	if (log_begin(&f, LOG_ERR)) {
		fmt_str(&f, what);
		fmt_lit(&f, " (");
		fmt_i64(&f, code);
		fmt_ch(&f, ')');
		log_end(&f);
	}
}

void log_end(struct fmt *f __noescape)
{
	if (f->overflow) {
		/* Make room for the mark: the line is cut, never dropped. */
		f->overflow = false;
		f->len = MIN(f->len, bytes_len(f->buf) - 4);
		fmt_lit(f, "...");
	}
	fmt_ch(f, '\n');
	console_write(fmt_text(f), true);
	spin_unlock(&log_lock);
}
