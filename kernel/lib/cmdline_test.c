/* ktests for the command-line parser. */
#include <frame/ktest.h>
#include "lib/cmdline.h"

#define P(s) BYTES_LIT(s)

KTEST(cmdline_words_and_values)
{
	struct bytes line = P("  console=ttyS0 strace  init=/bin/sh ktest= quiet");
	struct bytes v;
	KT_ASSERT(cmdline_has_in(line, P("strace")));
	KT_ASSERT(cmdline_has_in(line, P("quiet")));
	KT_ASSERT(!cmdline_has_in(line, P("strac")));
	KT_ASSERT(!cmdline_has_in(line, P("init"))); /* init=... is a value, not a flag */
	KT_ASSERT(cmdline_value_in(line, P("init"), &v));
	KT_ASSERT(bytes_equal(v, P("/bin/sh")));
	KT_ASSERT(cmdline_value_in(line, P("console"), &v));
	KT_ASSERT(bytes_equal(v, P("ttyS0")));
	KT_ASSERT(cmdline_value_in(line, P("ktest"), &v));
	KT_EQ(bytes_len(v), 0);
	KT_ASSERT(!cmdline_value_in(line, P("strace"), &v));
	KT_ASSERT(!cmdline_value_in(line, P("cons"), &v));
	KT_ASSERT(!cmdline_has_in(bytes_empty(), P("x")));
	KT_ASSERT(!cmdline_has_in(line, bytes_empty()));
}

KTEST(cmdline_reads_the_boot_command_line)
{
	/* The test runner boots with `ktest` (or ktest=prefix) on the command line. */
	struct bytes filter;
	KT_ASSERT(cmdline_has(P("ktest")) || cmdline_value(P("ktest"), &filter));
	KT_ASSERT(!cmdline_has(P("ktes")));
	KT_ASSERT(!cmdline_value(P("no-such-key"), &filter));
}
