/*
 * The initial process stack of the System V x86-64 ABI (and Linux's
 * create_elf_tables), and the argv/envp string lists it is built from.
 *
 * From the top of the stack VMA down:
 *
 *     8 zero bytes              end marker
 *     filename\0                AT_EXECFN points here
 *     envp strings\0...
 *     argv strings\0...
 *     "x86_64\0"                AT_PLATFORM
 *     16 random bytes           AT_RANDOM
 *     padding to 16 bytes
 *     auxv pairs ... AT_NULL, 0
 *     envp[0..envc-1], NULL
 *     argv[0..argc-1], NULL
 *     argc                      <- rsp, 16-byte aligned
 *
 * The whole block is composed in a kernel buffer and written with
 * mm_write, so the new mm need not be the current address space.
 */
#include <frame/time.h>
#include <frame/random.h>
#include "elf/elf_internal.h"

/* ---- string lists ---- */

int exec_strings_add(struct exec_strings *s, struct bytes str)
{
	size_t len = bytes_len(str);
	if (bytes_find(str, 0) >= 0)
		return -EINVAL;
	if (len + 1 > EXEC_ARG_MAX || s->used > EXEC_ARG_MAX - len - 1)
		return -E2BIG;
	if (s->used + len + 1 > bytes_len(s->data)) {
		/* Grow geometrically, so copying n strings costs O(total length). */
		size_t cap = MAX(bytes_len(s->data) * 2, (size_t)256);
		while (cap < s->used + len + 1)
			cap *= 2;
		struct bytes bigger = bytes_alloc(cap);
		if (!bytes_len(bigger))
			return -ENOMEM;
		bytes_copy(bigger, bytes_sub(s->data, 0, s->used));
		if (s->owned)
			bytes_free(s->data);
		s->data = bigger;
		s->owned = true;
	}
	bytes_copy(bytes_sub(s->data, s->used, len), str);
	bytes_set(s->data, s->used + len, 0);
	s->used += len + 1;
	s->count++;
	return 0;
}

struct exec_strings exec_strings_of(struct bytes packed)
{
	struct exec_strings s = { .data = packed };
	size_t pos = 0, len = bytes_len(packed);
	while (pos < len) {
		ssize_t nul = bytes_find(bytes_sub(packed, pos, len - pos), 0);
		if (nul < 0)
			break;
		pos += (size_t)nul + 1;
		s.count++;
	}
	s.used = pos;
	return s;
}

void exec_strings_free(struct exec_strings *s)
{
	if (s->owned)
		bytes_free(s->data);
	*s = (struct exec_strings){ 0 };
}

/* ---- composing the block ---- */

struct stack_buf {
	struct bytes b;
	uint64_t base; /* user address of byte 0 of b */
};

static void put_u64(struct stack_buf *sb __noescape, uint64_t addr, uint64_t v)
{
	size_t at = (size_t)(addr - sb->base);
	for (unsigned i = 0; i < 8; i++)
		bytes_set(sb->b, at + i, (uint8_t)(v >> (8 * i)));
}

static void put_bytes(struct stack_buf *sb __noescape, uint64_t addr, struct bytes src)
{
	bytes_copy(bytes_sub(sb->b, (size_t)(addr - sb->base), bytes_len(src)), src);
}

/* Copy a string list to `strings` and its pointer array (NULL-terminated) to `array`. */
static void put_list(struct stack_buf *sb __noescape, const struct exec_strings *s __noescape, uint64_t strings,
		     uint64_t array)
{
	put_bytes(sb, strings, bytes_sub(s->data, 0, s->used));
	size_t pos = 0;
	for (uint32_t i = 0; i < s->count; i++) {
		put_u64(sb, array + 8ull * i, strings + pos);
		ssize_t nul = bytes_find(bytes_sub(s->data, pos, s->used - pos), 0);
		pos += (size_t)nul + 1; /* exec_strings guarantees the NUL */
	}
	put_u64(sb, array + 8ull * s->count, 0);
}

#define AUX_MAX 20

int exec_build_stack(struct mm *mm, const struct exec_args *args, struct exec_image *img, bool exec_stack)
{
	size_t fn_len = bytes_len(args->filename);
	if (args->argv.used > EXEC_ARG_MAX || args->envp.used > EXEC_ARG_MAX - args->argv.used || fn_len > EXEC_ARG_MAX)
		return -E2BIG;
	/* Every string has at least its NUL, so a count above the bytes used is a malformed list. */
	if (args->argv.used > bytes_len(args->argv.data) || args->envp.used > bytes_len(args->envp.data) ||
	    args->argv.count > args->argv.used || args->envp.count > args->envp.used)
		return -EINVAL;

	/* A random-ish top (up to 256 KiB down), like Linux's stack randomisation on a smaller scale. */
	uint64_t top = MM_STACK_TOP - (random_u64() % 64) * PAGE_SIZE;
	uint64_t execfn = top - 8 - (fn_len + 1);
	uint64_t env_strings = execfn - args->envp.used;
	uint64_t arg_strings = env_strings - args->argv.used;
	uint64_t platform = arg_strings - 7;
	uint64_t random = ALIGN_DOWN(platform - 16, 16);

	uint64_t aux[2 * AUX_MAX] = { 0 };
	unsigned n = 0;
#define AUX(key, val)             \
	do {                      \
		aux[n++] = (key); \
		aux[n++] = (val); \
	} while (0)
	AUX(AT_HWCAP, args->hwcap);
	AUX(AT_PAGESZ, PAGE_SIZE);
	AUX(AT_CLKTCK, 100);
	AUX(AT_PHDR, img->phdr);
	AUX(AT_PHENT, ELF_PHDR_SIZE);
	AUX(AT_PHNUM, img->phnum);
	AUX(AT_BASE, 0); /* no interpreter */
	AUX(AT_FLAGS, 0);
	AUX(AT_ENTRY, img->entry);
	AUX(AT_UID, args->uid);
	AUX(AT_EUID, args->euid);
	AUX(AT_GID, args->gid);
	AUX(AT_EGID, args->egid);
	AUX(AT_SECURE, args->secure);
	AUX(AT_RANDOM, random);
	AUX(AT_EXECFN, execfn);
	AUX(AT_PLATFORM, platform);
	if (args->sysinfo_ehdr)
		AUX(AT_SYSINFO_EHDR, args->sysinfo_ehdr);
	AUX(AT_NULL, 0);
#undef AUX

	uint64_t words = 1 + (args->argv.count + 1ull) + (args->envp.count + 1ull) + n;
	uint64_t sp = ALIGN_DOWN(random - 8 * words, 16);
	uint64_t argv = sp + 8, envp = argv + 8 * (args->argv.count + 1ull),
		 auxv = envp + 8 * (args->envp.count + 1ull);

	/* The stack VMA: what the block needs plus room to grow into before the first fault. */
	uint64_t vma_start = ALIGN_DOWN(sp, PAGE_SIZE) - EXEC_STACK_EXPAND;
	unsigned prot = PROT_READ | PROT_WRITE | (exec_stack ? PROT_EXEC : 0);
	int64_t m = mm_mmap(mm, vma_start, top - vma_start, prot,
			    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_GROWSDOWN, NULL, 0);
	if (m < 0)
		return (int)m;

	struct stack_buf sb = { bytes_alloc((size_t)(top - sp)), sp };
	if (!bytes_len(sb.b))
		return -ENOMEM;
	put_u64(&sb, sp, args->argv.count);
	put_list(&sb, &args->argv, arg_strings, argv);
	put_list(&sb, &args->envp, env_strings, envp);
	for (unsigned i = 0; i < n; i++)
		put_u64(&sb, auxv + 8ull * i, aux[i]);
	for (unsigned i = 0; i < 2; i++)
		put_u64(&sb, random + 8ull * i, random_u64());
	put_bytes(&sb, platform, BYTES_LIT("x86_64\0"));
	put_bytes(&sb, execfn, args->filename); /* the NUL and the end marker are already zero */
	int err = mm_write(mm, sp, sb.b);
	bytes_free(sb.b);
	if (err)
		return err;

	img->stack_pointer = sp;
	img->stack_top = top;
	img->random = random;
	img->argv = argv;
	img->envp = envp;
	return 0;
}
