/*
 * ktests for exec on bad input: every malformed header or program header
 * gives the errno Linux gives (-ENOEXEC for "not an executable we run",
 * -EINVAL for inconsistent segments), a dynamic executable is refused with
 * needs_interp set, random corruption never traps, and the argument lists
 * enforce their limits.
 */
#include <frame/alloc.h>
#include <frame/ktest.h>
#include "elf/elf_test_image.h"

/* Load `file` into a throw-away mm; returns exec_load's answer (and frees everything). */
static int try_load(struct bytes file, bool *needs_interp __noescape)
{
	struct mm *mm = mm_new();
	struct bytes_buf fh = bytes_buf_dup(file);
	struct vm_backing *f = vm_backing_from_buf(fh, VM_READ | VM_EXEC);
	struct exec_image *img = NEW(struct exec_image);
	if (!mm || !f || !img)
		return -ENOMEM;
	/* holds slices: a local (R15-shared-cap) */
	struct exec_args a = { .file = f, .filename = BYTES_LIT("bad"), .argv = exec_strings_of(BYTES_LIT("bad\0")) };
	int r = exec_load(mm, &a, img);
	*needs_interp = img->needs_interp;
	f->ops->put(f);
	FREE(img);
	mm_destroy(mm);
	bytes_buf_free(fh);
	return r;
}

static int load_modified(size_t off, uint64_t v, unsigned n)
{
	struct bytes f = kt_elf_image(ET_EXEC, 0x400000);
	kt_le(f, off, v, n);
	bool interp = false;
	int r = try_load(f, &interp);
	bytes_free(f);
	return r;
}

#define PH(i, field) (ELF_EHDR_SIZE + (i) * ELF_PHDR_SIZE + (field))

KTEST(elf_bad_headers_are_not_executable)
{
	bool interp = false;
	struct bytes f = kt_elf_image(ET_EXEC, 0x400000);
	KT_EQ(try_load(f, &interp), 0); /* the unmodified image is fine */
	KT_EQ(try_load(bytes_sub(f, 0, 10), &interp), -ENOEXEC); /* shorter than a header */
	KT_EQ(try_load(bytes_sub(f, 0, 100), &interp), -ENOEXEC); /* program headers cut off */
	bytes_free(f);
	KT_EQ(load_modified(0, 0x7e, 1), -ENOEXEC); /* magic */
	KT_EQ(load_modified(3, 'G', 1), -ENOEXEC);
	KT_EQ(load_modified(4, 1, 1), -ENOEXEC); /* ELFCLASS32 */
	KT_EQ(load_modified(5, 2, 1), -ENOEXEC); /* big-endian */
	KT_EQ(load_modified(6, 0, 1), -ENOEXEC); /* EV_NONE */
	KT_EQ(load_modified(16, 1, 2), -ENOEXEC); /* ET_REL */
	KT_EQ(load_modified(16, 4, 2), -ENOEXEC); /* ET_CORE */
	KT_EQ(load_modified(18, 3, 2), -ENOEXEC); /* EM_386 */
	KT_EQ(load_modified(18, 183, 2), -ENOEXEC); /* EM_AARCH64 */
	KT_EQ(load_modified(54, 32, 2), -ENOEXEC); /* e_phentsize */
	KT_EQ(load_modified(56, 0, 2), -ENOEXEC); /* no program headers */
	KT_EQ(load_modified(56, ELF_MAX_PHNUM + 1, 2), -ENOEXEC); /* too many */
	KT_EQ(load_modified(32, 0x10000, 8), -ENOEXEC); /* e_phoff past the end */
	KT_EQ(load_modified(32, UINT64_MAX - 8, 8), -ENOEXEC); /* e_phoff + size wraps */
}

KTEST(elf_inconsistent_segments_are_invalid)
{
	KT_EQ(load_modified(PH(1, 32), 0x4000, 8), -EINVAL); /* p_filesz > p_memsz */
	KT_EQ(load_modified(PH(1, 8), 0x2018, 8), -EINVAL); /* offset and vaddr disagree in the page */
	KT_EQ(load_modified(PH(1, 16), 0x7ffffffff010ull, 8), -EINVAL); /* runs past the user half */
	KT_EQ(load_modified(PH(1, 16), 0xffff800000000010ull, 8), -EINVAL); /* a kernel address */
	KT_EQ(load_modified(PH(1, 40), UINT64_MAX, 8), -EINVAL); /* p_memsz absurd */
	KT_EQ(load_modified(PH(0, 8), UINT64_MAX - 0xfff, 8), -EINVAL); /* p_offset + p_filesz wraps */
	KT_EQ(load_modified(24, 0xffffffff81000000ull, 8), -EINVAL); /* e_entry in the kernel */
	/* A segment below mmap_min_addr is refused by mmap, like on Linux. */
	KT_EQ(load_modified(PH(0, 16), 0x1000, 8), -EPERM);
	/* No PT_LOAD at all: nothing to run. */
	KT_EQ(load_modified(PH(0, 0), PT_PHDR + 100, 4) == 0, true); /* one left: still fine */
	struct bytes f = kt_elf_image(ET_EXEC, 0x400000);
	kt_le(f, PH(0, 0), 0x70000000, 4);
	kt_le(f, PH(1, 0), 0x70000000, 4);
	bool interp = false;
	KT_EQ(try_load(f, &interp), -ENOEXEC);
	bytes_free(f);
}

KTEST(elf_dynamic_executables_are_refused_with_needs_interp)
{
	struct bytes f = kt_elf_image(ET_DYN, 0);
	kt_le(f, PH(2, 0), PT_INTERP, 4); /* the GNU_STACK entry becomes an interpreter request */
	bool interp = false;
	KT_EQ(try_load(f, &interp), -ENOEXEC);
	KT_ASSERT(interp);
	bytes_free(f);
	/* A plain bad file does not claim to be dynamic. */
	f = kt_elf_image(ET_EXEC, 0x400000);
	kt_le(f, 18, 3, 2);
	KT_EQ(try_load(f, &interp), -ENOEXEC);
	KT_ASSERT(!interp);
	bytes_free(f);
}

KTEST(elf_random_corruption_never_traps)
{
	/* Flip bytes of the headers a few hundred times; whatever comes out must be an answer, not a panic. */
	uint64_t seed = 0x2545f4914f6cdd1dull;
	unsigned ok = 0, refused = 0;
	for (unsigned iter = 0; iter < 300; iter++) {
		struct bytes f = kt_elf_image(iter & 1 ? ET_DYN : ET_EXEC, iter & 1 ? 0 : 0x400000);
		for (unsigned k = 0; k < 1 + iter % 4; k++) {
			seed ^= seed << 13;
			seed ^= seed >> 7;
			seed ^= seed << 17;
			size_t off = (size_t)(seed % (ELF_EHDR_SIZE + KT_ELF_PHNUM * ELF_PHDR_SIZE));
			bytes_set(f, off, (uint8_t)(seed >> 32));
		}
		bool interp = false;
		int r = try_load(f, &interp);
		bytes_free(f);
		if (r == 0)
			ok++;
		else
			refused++;
		KT_ASSERT(r <= 0 && r > -4096);
	}
	KT_EQ(ok + refused, 300);
}

KTEST(exec_strings_build_and_limit_argument_lists)
{
	struct exec_strings strings = { 0 }; /* holds a slice: a local (R15-shared-cap) */
	KT_EQ(exec_strings_add(&strings, BYTES_LIT("ls")), 0);
	KT_EQ(exec_strings_add(&strings, BYTES_LIT("")), 0); /* empty arguments are arguments */
	KT_EQ(exec_strings_add(&strings, BYTES_LIT("a\0b")), -EINVAL);
	for (unsigned i = 0; i < 100; i++) /* grows past its first buffer */
		KT_EQ(exec_strings_add(&strings, BYTES_LIT("0123456789")), 0);
	KT_EQ(strings.count, 102);
	KT_EQ(strings.used, 3 + 1 + 100 * 11);
	KT_EQ(bytes_get(strings.data, 0), 'l');
	KT_EQ(bytes_get(strings.data, 2), 0);
	KT_EQ(bytes_get(strings.data, 3), 0);
	struct bytes big = bytes_alloc(EXEC_ARG_MAX);
	KT_EQ(exec_strings_add(&strings, big), -EINVAL); /* zero-filled: has NULs */
	bytes_fill(big, 'x');
	KT_EQ(exec_strings_add(&strings, big), -E2BIG);
	KT_EQ(strings.count, 102); /* unchanged by the failures */
	bytes_free(big);
	exec_strings_free(&strings);
	KT_EQ(strings.count, 0);
	struct exec_strings w = exec_strings_of(BYTES_LIT("a\0bc\0tail"));
	KT_EQ(w.count, 2);
	KT_EQ(w.used, 5);
}
