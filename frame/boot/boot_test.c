/* ktests for boot information and the log's formatter. */
#include <frame/ktest.h>
#include <frame/boot.h>
#include "boot_info.h"
#include "../console/format.h"

static bool str_eq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

KTEST(boot_memory_map_has_usable_ram)
{
	uint64_t usable = 0;
	for (unsigned i = 0; i < boot_info.nr_regions; i++)
		if (boot_info.regions[i].type == MEM_USABLE)
			usable += boot_info.regions[i].size;
	KT_ASSERT(usable >= (16ul << 20));
}

KTEST(boot_cmdline_words_and_values)
{
	/* The test runner boots with `ktest` on the command line. */
	char buf[8];
	KT_ASSERT(boot_cmdline_get("ktest", buf, sizeof(buf)));
	KT_ASSERT(!boot_cmdline_get("ktes", buf, sizeof(buf)));
	KT_ASSERT(!boot_cmdline_get("no-such-key", buf, sizeof(buf)));
	struct bytes raw = boot_cmdline_raw();
	KT_ASSERT(bytes_len(raw) >= 5 && bytes_get(raw, 0) != 0);
}

KTEST(format_handles_widths_signs_and_strings)
{
	char buf[64];
	format_buf(buf, sizeof(buf), "%d|%5u|%-4s|%05x|%lx|%c|%s", -42, 7u, "ab", 0xbeefu, 0xfffffffffful, 'z',
		   (char *)0);
	KT_ASSERT(str_eq(buf, "-42|    7|ab  |0beef|ffffffffff|z|(null)"));
	KT_EQ(format_buf(buf, 4, "%s", "truncated"), 9);
	KT_ASSERT(str_eq(buf, "tru"));
	format_buf(buf, sizeof(buf), "%p", (void *)0x1234);
	KT_ASSERT(str_eq(buf, "0x1234"));
}
