/*
 * The ELF64 loader (Linux's fs/binfmt_elf.c, static executables only).
 *
 * Reads the ELF header and the program headers, checks them with the
 * limits Linux applies, then maps each PT_LOAD as a private file-backed
 * VMA (the file window ends at p_offset + p_filesz, so the tail of the last
 * file page reads as zero) plus anonymous memory for the rest of p_memsz
 * (.bss). Segment contents are read on first touch by the fault handler.
 *
 * Every field of the file is untrusted: all arithmetic on it is checked
 * for overflow and every failure is an errno, never a trap.
 */
#include <frame/vm.h>
#include "elf/elf_internal.h"

/* The fields of the ELF header the loader uses. */
struct elf_header {
	uint16_t type, phnum;
	uint64_t entry, phoff;
};

/* One program header. */
struct elf_phdr {
	uint32_t type, flags;
	uint64_t offset, vaddr, filesz, memsz, align;
};

static int parse_header(struct bytes eh, struct elf_header *h __noescape)
{
	if (bytes_get(eh, 0) != 0x7f || bytes_get(eh, 1) != 'E' || bytes_get(eh, 2) != 'L' || bytes_get(eh, 3) != 'F')
		return -ENOEXEC;
	/* ELFCLASS64, little-endian, EV_CURRENT */
	if (bytes_get(eh, 4) != 2 || bytes_get(eh, 5) != 1 || bytes_get(eh, 6) != 1)
		return -ENOEXEC;
	h->type = bytes_get_le16(eh, 16);
	if (h->type != ET_EXEC && h->type != ET_DYN)
		return -ENOEXEC;
	if (bytes_get_le16(eh, 18) != EM_X86_64)
		return -ENOEXEC;
	h->entry = bytes_get_le64(eh, 24);
	h->phoff = bytes_get_le64(eh, 32);
	h->phnum = bytes_get_le16(eh, 56);
	if (bytes_get_le16(eh, 54) != ELF_PHDR_SIZE || h->phnum == 0 || h->phnum > ELF_MAX_PHNUM)
		return -ENOEXEC;
	return 0;
}

static void parse_phdr(struct bytes table, unsigned i, struct elf_phdr *ph __noescape)
{
	struct bytes e = bytes_sub(table, (size_t)i * ELF_PHDR_SIZE, ELF_PHDR_SIZE);
	ph->type = bytes_get_le32(e, 0);
	ph->flags = bytes_get_le32(e, 4);
	ph->offset = bytes_get_le64(e, 8);
	ph->vaddr = bytes_get_le64(e, 16);
	ph->filesz = bytes_get_le64(e, 32);
	ph->memsz = bytes_get_le64(e, 40);
	ph->align = bytes_get_le64(e, 48);
}

static unsigned segment_prot(uint32_t flags)
{
	return ((flags & PF_R) ? PROT_READ : 0) | ((flags & PF_W) ? PROT_WRITE : 0) | ((flags & PF_X) ? PROT_EXEC : 0);
}

/* A PT_LOAD whose numbers make sense on their own (the load bias is checked later). */
static int check_load(const struct elf_phdr *ph __noescape)
{
	if (ph->filesz > ph->memsz)
		return -EINVAL;
	/* The file offset and the address must agree within a page, or the page cannot be mapped. */
	if ((ph->offset & (PAGE_SIZE - 1)) != (ph->vaddr & (PAGE_SIZE - 1)))
		return -EINVAL;
	/* The file window, rounded out to whole pages, must not wrap around (mmap would say EOVERFLOW). */
	if (ph->filesz > UINT64_MAX - 2 * PAGE_SIZE || ph->offset > UINT64_MAX - 2 * PAGE_SIZE - ph->filesz)
		return -EINVAL;
	return 0;
}

/* Map one PT_LOAD at vaddr + bias: the file part, then zero-filled memory up to memsz. */
static int map_segment(struct mm *mm, struct vm_backing *file, const struct elf_phdr *ph __noescape, uint64_t bias)
{
	uint64_t va = ph->vaddr + bias;
	if (va < ph->vaddr || ph->memsz > MM_TASK_SIZE || va > MM_TASK_SIZE - ph->memsz)
		return -EINVAL;
	if (!ph->memsz)
		return 0;
	unsigned prot = segment_prot(ph->flags);
	uint64_t start = ALIGN_DOWN(va, PAGE_SIZE), in_page = va - start;
	uint64_t zero_start = start;
	if (ph->filesz) {
		uint64_t len = ALIGN_UP(in_page + ph->filesz, PAGE_SIZE);
		int64_t r = mm_mmap_window(mm, start, len, prot, MAP_PRIVATE | MAP_FIXED, file, ph->offset - in_page,
					   ph->offset + ph->filesz);
		if (r < 0)
			return (int)r;
		zero_start = start + len;
	}
	uint64_t zero_end = ALIGN_UP(va + ph->memsz, PAGE_SIZE);
	if (zero_end > zero_start) {
		int64_t r = mm_mmap(mm, zero_start, zero_end - zero_start, prot,
				    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, NULL, 0);
		if (r < 0)
			return (int)r;
	}
	return 0;
}

/* The load bias of an ET_DYN image whose first PT_LOAD is at first_vaddr, as Linux computes it. */
static uint64_t dyn_bias(uint64_t first_vaddr, uint64_t max_align)
{
	uint64_t base = EXEC_DYN_BASE;
	if (max_align > PAGE_SIZE && (max_align & (max_align - 1)) == 0)
		base &= ~(max_align - 1);
	/* Unsigned wrap-around is defined; an absurd vaddr gives addresses map_segment refuses. */
	return ALIGN_DOWN(base - first_vaddr, PAGE_SIZE);
}

/* Read and check the program headers; note the interpreter and GNU_STACK. */
static int scan_phdrs(struct bytes table, const struct elf_header *h __noescape, struct exec_image *out __noescape,
		      bool *exec_stack __noescape, uint64_t *first_vaddr __noescape, uint64_t *max_align __noescape)
{
	unsigned loads = 0;
	for (unsigned i = 0; i < h->phnum; i++) {
		struct elf_phdr ph = { 0 };
		parse_phdr(table, i, &ph);
		if (ph.type == PT_INTERP) {
			out->needs_interp = true; /* ld.so is not supported yet: say so, cleanly */
			return -ENOEXEC;
		}
		if (ph.type == PT_GNU_STACK)
			*exec_stack = ph.flags & PF_X;
		if (ph.type != PT_LOAD)
			continue;
		int r = check_load(&ph);
		if (r)
			return r;
		if (!loads++)
			*first_vaddr = ph.vaddr;
		if (ph.align > *max_align)
			*max_align = ph.align;
	}
	return loads ? 0 : -ENOEXEC;
}

/* AT_PHDR: where the program headers are in memory, if some PT_LOAD maps them. */
static uint64_t find_phdr_addr(struct bytes table, const struct elf_header *h __noescape, uint64_t bias)
{
	uint64_t size = (uint64_t)h->phnum * ELF_PHDR_SIZE;
	for (unsigned i = 0; i < h->phnum; i++) {
		struct elf_phdr ph = { 0 };
		parse_phdr(table, i, &ph);
		if (ph.type == PT_PHDR)
			return ph.vaddr + bias;
	}
	for (unsigned i = 0; i < h->phnum; i++) {
		struct elf_phdr ph = { 0 };
		parse_phdr(table, i, &ph);
		if (ph.type == PT_LOAD && ph.offset <= h->phoff && h->phoff - ph.offset <= ph.filesz &&
		    ph.filesz - (h->phoff - ph.offset) >= size)
			return ph.vaddr + (h->phoff - ph.offset) + bias;
	}
	return 0;
}

/* Map every PT_LOAD; the highest end becomes the break. */
static int map_all(struct mm *mm, struct vm_backing *file, struct bytes table, const struct elf_header *h __noescape,
		   uint64_t bias, uint64_t *max_end __noescape)
{
	for (unsigned i = 0; i < h->phnum; i++) {
		struct elf_phdr ph = { 0 };
		parse_phdr(table, i, &ph);
		if (ph.type != PT_LOAD)
			continue;
		int r = map_segment(mm, file, &ph, bias);
		if (r)
			return r;
		uint64_t end = ph.vaddr + bias + ph.memsz; /* no overflow: map_segment checked it */
		if (end > *max_end)
			*max_end = end;
	}
	return 0;
}

int exec_load(struct mm *mm, const struct exec_args *args, struct exec_image *out)
{
	*out = (struct exec_image){ 0 };
	if (!args->file)
		return -EINVAL;
	struct bytes eh = bytes_alloc(ELF_EHDR_SIZE);
	struct bytes table = bytes_empty();
	if (!bytes_len(eh))
		return -ENOMEM;
	struct elf_header h = { 0 };
	ssize_t got = vm_backing_read_full(args->file, 0, eh);
	int err = got < 0 ? (int)got : got < ELF_EHDR_SIZE ? -ENOEXEC : parse_header(eh, &h);
	if (err)
		goto out;

	uint64_t table_size = (uint64_t)h.phnum * ELF_PHDR_SIZE;
	if (h.phoff + table_size < h.phoff) {
		err = -ENOEXEC;
		goto out;
	}
	table = bytes_alloc((size_t)table_size);
	if (!bytes_len(table)) {
		err = -ENOMEM;
		goto out;
	}
	got = vm_backing_read_full(args->file, h.phoff, table);
	if (got < 0 || (uint64_t)got != table_size) {
		err = got < 0 ? (int)got : -ENOEXEC;
		goto out;
	}

	bool exec_stack = false;
	uint64_t first_vaddr = 0, max_align = 0;
	err = scan_phdrs(table, &h, out, &exec_stack, &first_vaddr, &max_align);
	if (err)
		goto out;
	uint64_t bias = h.type == ET_DYN ? dyn_bias(first_vaddr, max_align) : 0;
	uint64_t entry = h.entry + bias;
	if (entry < h.entry || entry >= MM_TASK_SIZE) {
		err = -EINVAL;
		goto out;
	}
	uint64_t max_end = 0;
	err = map_all(mm, args->file, table, &h, bias, &max_end);
	if (err)
		goto out;

	out->entry = entry;
	out->load_bias = bias;
	out->phdr = find_phdr_addr(table, &h, bias);
	out->phnum = h.phnum;
	out->brk_start = ALIGN_UP(max_end, PAGE_SIZE);
	mm_set_brk_start(mm, out->brk_start);
	err = exec_build_stack(mm, args, out, exec_stack);
out:
	bytes_free(eh);
	bytes_free(table);
	return err;
}
