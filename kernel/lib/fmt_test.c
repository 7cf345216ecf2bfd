/* ktests for the services' text builder. */
#include <frame/ktest.h>
#include "lib/fmt.h"

#define P(s) BYTES_LIT(s)

KTEST(fmt_numbers_padding_and_signs)
{
	struct bytes b = bytes_alloc(128);
	KT_ASSERT(bytes_len(b));
	struct fmt f = fmt_into(b);
	fmt_i64(&f, -42);
	fmt_ch(&f, '|');
	fmt_u64_w(&f, 7, 5);
	fmt_ch(&f, '|');
	fmt_str_left(&f, P("ab"), 4);
	fmt_ch(&f, '|');
	fmt_hex0(&f, 0xbeef, 5);
	fmt_ch(&f, '|');
	fmt_hex(&f, 0xffffffffffull);
	fmt_ch(&f, '|');
	fmt_num(&f, 0755, 8, 4, FMT_ZERO);
	fmt_ch(&f, '|');
	fmt_num(&f, 0xab, 16, 0, FMT_UPPER);
	fmt_ch(&f, '|');
	fmt_num(&f, 3, 10, 3, FMT_LEFT);
	fmt_ch(&f, '|');
	fmt_i64(&f, -9223372036854775807ll - 1);
	fmt_ch(&f, '|');
	fmt_u64(&f, UINT64_MAX);
	KT_ASSERT(!f.overflow);
	KT_ASSERT(bytes_equal(fmt_text(&f), P("-42|    7|ab  |0beef|ffffffffff|0755|AB|3  |"
					      "-9223372036854775808|18446744073709551615")));
	bytes_free(b);
}

KTEST(fmt_cuts_at_the_end_of_the_buffer_and_says_so)
{
	struct bytes b = bytes_alloc(6);
	KT_ASSERT(bytes_len(b));
	struct fmt f = fmt_into(b);
	fmt_lit(&f, "pipe:[");
	KT_ASSERT(!f.overflow);
	fmt_u64(&f, 12345);
	KT_ASSERT(f.overflow);
	KT_EQ(f.len, 6);
	KT_ASSERT(bytes_equal(fmt_text(&f), P("pipe:[")));
	/* Later appends stay cut; nothing is written past the slice. */
	fmt_u64_w(&f, 1, 40);
	fmt_ch(&f, 'x');
	KT_EQ(f.len, 6);
	bytes_free(b);
}

KTEST(fmt_cstr_stops_at_the_nul_and_commit_checks_the_tail)
{
	struct bytes b = bytes_alloc(8);
	KT_ASSERT(bytes_len(b));
	struct fmt f = fmt_into(b);
	fmt_cstr(&f, P("ab\0cd"));
	KT_ASSERT(bytes_equal(fmt_text(&f), P("ab")));
	KT_EQ(bytes_len(fmt_tail(&f)), 6);
	fmt_commit(&f, 6);
	KT_ASSERT(!f.overflow);
	fmt_commit(&f, 1);
	KT_ASSERT(f.overflow);
	KT_EQ(f.len, 8);
	bytes_free(b);
}
