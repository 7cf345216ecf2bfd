/* Finding words and key=value pairs on the kernel command line (lib/cmdline.h). */
#include <frame/boot.h>
#include "lib/cmdline.h"

/*
 * Walks the space-separated words of line; for the first one that is `key`
 * (want_value false) or starts with `key=` (want_value true), sets *out to
 * the value (empty for a flag) and says true.
 */
static bool find(struct bytes line, struct bytes key, bool want_value, struct bytes *out __noescape)
{
	size_t n = bytes_len(line), klen = bytes_len(key);
	size_t i = 0;
	while (i < n) {
		while (i < n && bytes_get(line, i) == ' ')
			i++;
		size_t end = i;
		while (end < n && bytes_get(line, end) != ' ')
			end++;
		struct bytes word = bytes_sub(line, i, end - i);
		if (klen && bytes_len(word) >= klen && bytes_equal(bytes_sub(word, 0, klen), key)) {
			if (!want_value && bytes_len(word) == klen) {
				*out = bytes_empty();
				return true;
			}
			if (want_value && bytes_len(word) > klen && bytes_get(word, klen) == '=') {
				*out = bytes_readonly(bytes_sub(word, klen + 1, bytes_len(word) - klen - 1));
				return true;
			}
		}
		i = end;
	}
	return false;
}

bool cmdline_has_in(struct bytes line, struct bytes word)
{
	struct bytes unused;
	return find(line, word, false, &unused);
}

bool cmdline_value_in(struct bytes line, struct bytes key, struct bytes *out __noescape)
{
	return find(line, key, true, out);
}

bool cmdline_has(struct bytes word)
{
	return cmdline_has_in(boot_cmdline_raw(), word);
}

bool cmdline_value(struct bytes key, struct bytes *out __noescape)
{
	return cmdline_value_in(boot_cmdline_raw(), key, out);
}
