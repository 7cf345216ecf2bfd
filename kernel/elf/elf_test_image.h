/*
 * Test helper: a small but complete ELF64 x86-64 executable built in
 * memory, for the loader's ktests.
 *
 *   PT_LOAD  R+X  offset 0       vaddr V          headers + code (AT_PHDR = V + 64)
 *   PT_LOAD  R+W  offset 0x2010  vaddr V+0x202010 16 bytes of .data, then .bss up to 0x3000
 *   PT_GNU_STACK  RW
 *
 * The file bytes after .data are 0xaa: the loader must not let them show
 * through in the .bss part of the shared page. The code, RIP-relative so it
 * runs at any load bias, reports with syscall 60:
 *   rdi = argc, rsi = the first .data word, rdx = the word just past
 *   .data's file bytes (must be 0), r10 = a word on the pure-.bss page (0).
 */
#ifndef KERNEL_ELF_ELF_TEST_IMAGE_H
#define KERNEL_ELF_ELF_TEST_IMAGE_H

#include "elf/elf.h"

#define KT_ELF_SIZE 0x3000u
#define KT_ELF_CODE_OFF 0x100u
#define KT_ELF_DATA_OFF 0x2010u
#define KT_ELF_DATA_VADDR 0x202010u
#define KT_ELF_DATA_WORD 0x1122334455667788ull
#define KT_ELF_PHNUM 3u

static inline void kt_le(struct bytes b, size_t off, uint64_t v, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		bytes_set(b, off + i, (uint8_t)(v >> (8 * i)));
}

static inline void kt_phdr(struct bytes f, unsigned i, uint32_t type, uint32_t flags, uint64_t off, uint64_t vaddr,
			   uint64_t filesz, uint64_t memsz)
{
	size_t at = ELF_EHDR_SIZE + (size_t)i * ELF_PHDR_SIZE;
	kt_le(f, at, type, 4);
	kt_le(f, at + 4, flags, 4);
	kt_le(f, at + 8, off, 8);
	kt_le(f, at + 16, vaddr, 8);
	kt_le(f, at + 24, vaddr, 8);
	kt_le(f, at + 32, filesz, 8);
	kt_le(f, at + 40, memsz, 8);
	kt_le(f, at + 48, PAGE_SIZE, 8);
}

/*
 * mov (%rsp),%rdi; lea data(%rip),%rbx; mov (%rbx),%rsi; mov 0x10(%rbx),%rdx;
 * mov 0x2ff0(%rbx),%r10; mov $60,%eax; syscall; ud2
 * (lea ends at code + 11: rel32 = 0x202010 - 0x10b = 0x201f05)
 */
#define KT_ELF_CODE                              \
	BYTES_LIT("\x48\x8b\x3c\x24"             \
		  "\x48\x8d\x1d\x05\x1f\x20\x00" \
		  "\x48\x8b\x33"                 \
		  "\x48\x8b\x53\x10"             \
		  "\x4c\x8b\x93\xf0\x2f\x00\x00" \
		  "\xb8\x3c\x00\x00\x00"         \
		  "\x0f\x05"                     \
		  "\x0f\x0b")

/* The image, linked at v (ET_EXEC) or at 0 (ET_DYN, v = 0). Free with bytes_free. */
static inline __unused struct bytes kt_elf_image(uint16_t type, uint64_t v)
{
	struct bytes f = bytes_alloc(KT_ELF_SIZE);
	if (!bytes_len(f))
		return f;
	bytes_set(f, 0, 0x7f);
	bytes_set(f, 1, 'E');
	bytes_set(f, 2, 'L');
	bytes_set(f, 3, 'F');
	bytes_set(f, 4, 2); /* ELFCLASS64 */
	bytes_set(f, 5, 1); /* little-endian */
	bytes_set(f, 6, 1); /* EV_CURRENT */
	kt_le(f, 16, type, 2);
	kt_le(f, 18, EM_X86_64, 2);
	kt_le(f, 20, 1, 4);
	kt_le(f, 24, v + KT_ELF_CODE_OFF, 8); /* e_entry */
	kt_le(f, 32, ELF_EHDR_SIZE, 8); /* e_phoff */
	kt_le(f, 52, ELF_EHDR_SIZE, 2);
	kt_le(f, 54, ELF_PHDR_SIZE, 2);
	kt_le(f, 56, KT_ELF_PHNUM, 2);
	struct bytes code = KT_ELF_CODE;
	bytes_copy(bytes_sub(f, KT_ELF_CODE_OFF, bytes_len(code)), code);
	kt_le(f, KT_ELF_DATA_OFF, KT_ELF_DATA_WORD, 8);
	kt_le(f, KT_ELF_DATA_OFF + 8, 0x99, 8);
	bytes_fill(bytes_sub(f, KT_ELF_DATA_OFF + 16, KT_ELF_SIZE - KT_ELF_DATA_OFF - 16), 0xaa);
	uint64_t text_size = KT_ELF_CODE_OFF + bytes_len(code);
	kt_phdr(f, 0, PT_LOAD, PF_R | PF_X, 0, v, text_size, text_size);
	kt_phdr(f, 1, PT_LOAD, PF_R | PF_W, KT_ELF_DATA_OFF, v + KT_ELF_DATA_VADDR, 16, 0x3000);
	kt_phdr(f, 2, PT_GNU_STACK, PF_R | PF_W, 0, 0, 0, 0);
	return f;
}

#endif /* KERNEL_ELF_ELF_TEST_IMAGE_H */
