/* ktests for the services' log: the level filter and the line it builds. */
#include <frame/ktest.h>
#include "lib/log.h"

/* Index of needle in hay, or -1. */
static ssize_t find(struct bytes hay, struct bytes needle)
{
	size_t n = bytes_len(needle);
	for (size_t i = 0; i + n <= bytes_len(hay); i++)
		if (bytes_equal(bytes_sub(hay, i, n), needle))
			return (ssize_t)i;
	return -1;
}

KTEST(log_filters_lines_above_the_maximum_level)
{
	struct fmt f;
	log_set_max_level(LOG_WARN);
	KT_ASSERT(!log_begin(&f, LOG_INFO));
	KT_ASSERT(!log_begin(&f, LOG_DEBUG));
	log_set_max_level(1000); /* ignored: the maximum stays valid */
	KT_ASSERT(!log_begin(&f, LOG_INFO));
	KT_ASSERT(log_begin(&f, LOG_WARN));
	KT_ASSERT(find(fmt_text(&f), BYTES_LIT("] WARN ")) > 0);
	fmt_lit(&f, "kt-log-warn");
	log_end(&f);
	log_set_max_level(LOG_INFO);
}

KTEST(log_level_out_of_range_is_an_error)
{
	struct fmt f;
	log_set_max_level(LOG_ERR);
	KT_ASSERT(log_begin(&f, (enum log_level)1000));
	KT_EQ(bytes_get(fmt_text(&f), 0), '[');
	KT_ASSERT(find(fmt_text(&f), BYTES_LIT("] ERR  ")) > 0);
	fmt_lit(&f, "kt-level-1000");
	log_end(&f);
	log_set_max_level(LOG_INFO);
}

KTEST(log_cuts_a_long_line_and_marks_it)
{
	struct fmt f;
	KT_ASSERT(log_begin(&f, LOG_INFO));
	for (int i = 0; i < 40; i++)
		fmt_lit(&f, "0123456789");
	KT_ASSERT(f.overflow);
	log_end(&f);
	/* log_end ended the line with "...\n" inside the buffer. */
	struct bytes line = fmt_text(&f);
	KT_ASSERT(bytes_equal(bytes_sub(line, bytes_len(line) - 4, 4), BYTES_LIT("...\n")));
}
