/*
 * ktests for exec: load a real ELF image built in memory (elf_test_image.h),
 * check the mappings, run it in user mode to its first syscall, and read
 * its initial stack back (argc, argv, envp, auxv, strings) the way a C
 * library's start code would.
 */
#include <frame/alloc.h>
#include <frame/ktest.h>
#include <frame/task.h>
#include <frame/user.h>
#include "elf/elf_test_image.h"

struct kt_exec {
	struct mm *mm;
	struct bytes_buf file; /* a heap object stores a handle, not a slice (R15-shared-cap) */
	struct exec_image img;
	struct user_ctx ctx;
	struct user_exception exc;
	int err;
};

/* Load `file` (owned by the result) with argv {"prog", "-x"} and envp {"HOME=/"}. */
static struct kt_exec *kt_load(struct bytes file)
{
	struct kt_exec *x = NEW(struct kt_exec);
	x->file = bytes_buf_dup(file);
	bytes_free(file);
	x->mm = mm_new();
	struct vm_backing *f = vm_backing_from_buf(x->file, VM_READ | VM_EXEC);
	struct exec_args a = {
		.file = f,
		.filename = BYTES_LIT("/bin/prog"),
		.argv = exec_strings_of(BYTES_LIT("prog\0-x\0")),
		.envp = exec_strings_of(BYTES_LIT("HOME=/\0")),
		.uid = 1000,
		.euid = 1001,
		.gid = 100,
		.egid = 101,
		.hwcap = 0x178bfbff,
	};
	x->err = exec_load(x->mm, &a, &x->img);
	f->ops->put(f); /* the VMAs hold their own references */
	return x;
}

static void kt_unload(struct kt_exec *x)
{
	task_set_vm(task_current(), NULL);
	user_ctx_release(&x->ctx);
	mm_destroy(x->mm);
	bytes_buf_free(x->file);
	FREE(x);
}

/* Start the image like execve's return to user mode, resolving page faults, up to its first syscall. */
static bool kt_run(struct kt_exec *x)
{
	user_ctx_init(&x->ctx);
	x->ctx.regs.rip = x->img.entry;
	x->ctx.regs.rsp = x->img.stack_pointer;
	task_set_vm(task_current(), mm_vm_space(x->mm));
	/* At most 64 faults; interrupts (more on a busy host) do not count. */
	for (unsigned i = 0; i < 64;) {
		enum user_exit why = user_run(&x->ctx, &x->exc);
		if (why == USER_EXIT_SYSCALL)
			return true;
		if (why == USER_EXIT_INTERRUPT)
			continue;
		i++;
		if (why == USER_EXIT_EXCEPTION &&
		    (x->exc.vector != 14 || mm_fault(x->mm, x->exc.fault_addr, (unsigned)x->exc.error_code)))
			return false;
	}
	return false;
}

static uint64_t uread64(uint64_t addr)
{
	uint64_t v = UINT64_MAX;
	if (user_read_u64(uptr(addr), &v))
		return UINT64_MAX;
	return v;
}

/* The NUL-terminated user string at addr equals s. */
static bool ustr_is(uint64_t addr, struct bytes s)
{
	struct bytes buf = bytes_alloc(64);
	ssize_t n = user_read_str(buf, uptr(addr));
	bool ok = n == (ssize_t)bytes_len(s) && bytes_equal(bytes_sub(buf, 0, (size_t)n), s);
	bytes_free(buf);
	return ok;
}

/* The value of auxv entry `key`, or UINT64_MAX when absent. */
static uint64_t auxv_get(uint64_t auxv, uint64_t key)
{
	for (unsigned i = 0; i < 64; i++) {
		uint64_t k = uread64(auxv + 16ull * i);
		if (k == key)
			return uread64(auxv + 16ull * i + 8);
		if (k == AT_NULL || k == UINT64_MAX)
			break;
	}
	return UINT64_MAX;
}

KTEST(elf_static_executable_is_mapped_segment_by_segment)
{
	uint64_t v = 0x400000;
	struct kt_exec *x = kt_load(kt_elf_image(ET_EXEC, v));
	KT_EQ(x->err, 0);
	KT_EQ(x->img.entry, v + KT_ELF_CODE_OFF);
	KT_EQ(x->img.load_bias, 0);
	KT_EQ(x->img.phdr, v + ELF_EHDR_SIZE);
	KT_EQ(x->img.phnum, KT_ELF_PHNUM);
	KT_EQ(x->img.brk_start, v + 0x206000);
	KT_EQ(mm_brk(x->mm, 0), v + 0x206000);
	struct mm_vma_info vi = { 0 };
	KT_ASSERT(mm_vma_find(x->mm, v, &vi)); /* text: file-backed, R+X */
	KT_EQ(vi.start, v);
	KT_EQ(vi.end, v + PAGE_SIZE);
	KT_EQ(vi.prot, PROT_READ | PROT_EXEC);
	KT_ASSERT(vi.file);
	KT_ASSERT(mm_vma_find(x->mm, v + 0x202000, &vi)); /* .data's page: file-backed at offset 0x2000 */
	KT_EQ(vi.start, v + 0x202000);
	KT_EQ(vi.end, v + 0x203000);
	KT_EQ(vi.prot, PROT_READ | PROT_WRITE);
	KT_EQ(vi.offset, 0x2000);
	KT_ASSERT(vi.file);
	KT_ASSERT(mm_vma_find(x->mm, v + 0x203000, &vi)); /* .bss: anonymous */
	KT_EQ(vi.end, v + 0x206000);
	KT_ASSERT(!vi.file);
	KT_ASSERT(mm_vma_find(x->mm, x->img.stack_pointer, &vi)); /* the stack: grows down, not executable */
	KT_EQ(vi.end, x->img.stack_top);
	KT_EQ(vi.prot, PROT_READ | PROT_WRITE);
	KT_EQ(vi.flags & MM_VMA_GROWSDOWN, MM_VMA_GROWSDOWN);
	KT_ASSERT(x->img.stack_top <= MM_STACK_TOP && x->img.stack_top > MM_STACK_TOP - (1ull << 20));
	KT_EQ(x->img.stack_pointer % 16, 0);
	kt_unload(x);
}

KTEST(elf_static_executable_runs_to_its_first_syscall)
{
	struct kt_exec *x = kt_load(kt_elf_image(ET_EXEC, 0x400000));
	KT_EQ(x->err, 0);
	KT_ASSERT(kt_run(x));
	KT_EQ(x->ctx.regs.rax, 60);
	KT_EQ(x->ctx.regs.rdi, 2); /* argc */
	KT_EQ(x->ctx.regs.rsi, KT_ELF_DATA_WORD); /* .data read from the file */
	KT_EQ(x->ctx.regs.rdx, 0); /* file bytes past p_filesz are zeroed */
	KT_EQ(x->ctx.regs.r10, 0); /* .bss */
	KT_EQ(x->ctx.regs.rip, 0x400000 + KT_ELF_CODE_OFF + 32); /* just past the syscall */
	kt_unload(x);
}

KTEST(elf_initial_stack_follows_the_sysv_abi)
{
	struct kt_exec *x = kt_load(kt_elf_image(ET_EXEC, 0x400000));
	KT_EQ(x->err, 0);
	KT_ASSERT(kt_run(x)); /* makes the space current, and proves the stack is usable */
	uint64_t sp = x->img.stack_pointer;
	KT_EQ(uread64(sp), 2);
	KT_EQ(x->img.argv, sp + 8);
	KT_ASSERT(ustr_is(uread64(sp + 8), BYTES_LIT("prog")));
	KT_ASSERT(ustr_is(uread64(sp + 16), BYTES_LIT("-x")));
	KT_EQ(uread64(sp + 24), 0);
	KT_EQ(x->img.envp, sp + 32);
	KT_ASSERT(ustr_is(uread64(sp + 32), BYTES_LIT("HOME=/")));
	KT_EQ(uread64(sp + 40), 0);
	uint64_t auxv = sp + 48;
	KT_EQ(auxv_get(auxv, AT_PHDR), 0x400000 + ELF_EHDR_SIZE);
	KT_EQ(auxv_get(auxv, AT_PHENT), ELF_PHDR_SIZE);
	KT_EQ(auxv_get(auxv, AT_PHNUM), KT_ELF_PHNUM);
	KT_EQ(auxv_get(auxv, AT_PAGESZ), PAGE_SIZE);
	KT_EQ(auxv_get(auxv, AT_BASE), 0);
	KT_EQ(auxv_get(auxv, AT_FLAGS), 0);
	KT_EQ(auxv_get(auxv, AT_ENTRY), 0x400000 + KT_ELF_CODE_OFF);
	KT_EQ(auxv_get(auxv, AT_UID), 1000);
	KT_EQ(auxv_get(auxv, AT_EUID), 1001);
	KT_EQ(auxv_get(auxv, AT_GID), 100);
	KT_EQ(auxv_get(auxv, AT_EGID), 101);
	KT_EQ(auxv_get(auxv, AT_SECURE), 0);
	KT_EQ(auxv_get(auxv, AT_CLKTCK), 100);
	KT_EQ(auxv_get(auxv, AT_HWCAP), 0x178bfbff);
	KT_ASSERT(ustr_is(auxv_get(auxv, AT_PLATFORM), BYTES_LIT("x86_64")));
	KT_ASSERT(ustr_is(auxv_get(auxv, AT_EXECFN), BYTES_LIT("/bin/prog")));
	/* AT_RANDOM: 16 bytes on the stack, above the vectors, not all zero. */
	uint64_t rnd = auxv_get(auxv, AT_RANDOM);
	KT_EQ(rnd, x->img.random);
	KT_ASSERT(rnd > auxv && rnd + 16 <= x->img.stack_top);
	KT_ASSERT(uread64(rnd) != 0 || uread64(rnd + 8) != 0);
	/* The strings sit above everything else, the file name last, with 8 zero bytes at the very top. */
	KT_ASSERT(uread64(sp + 8) > rnd);
	KT_EQ(auxv_get(auxv, AT_EXECFN), x->img.stack_top - 8 - 10);
	KT_EQ(uread64(x->img.stack_top - 8), 0);
	kt_unload(x);
}

KTEST(elf_static_pie_is_loaded_at_the_dyn_base_and_runs)
{
	struct kt_exec *x = kt_load(kt_elf_image(ET_DYN, 0));
	KT_EQ(x->err, 0);
	KT_EQ(x->img.load_bias, EXEC_DYN_BASE);
	KT_EQ(x->img.entry, EXEC_DYN_BASE + KT_ELF_CODE_OFF);
	KT_EQ(x->img.phdr, EXEC_DYN_BASE + ELF_EHDR_SIZE);
	KT_EQ(x->img.brk_start, EXEC_DYN_BASE + 0x206000);
	KT_ASSERT(kt_run(x));
	KT_EQ(x->ctx.regs.rax, 60);
	KT_EQ(x->ctx.regs.rdi, 2);
	KT_EQ(x->ctx.regs.rsi, KT_ELF_DATA_WORD); /* RIP-relative data found at the biased address */
	KT_EQ(x->ctx.regs.rdx, 0);
	KT_EQ(auxv_get(x->img.stack_pointer + 48, AT_ENTRY), EXEC_DYN_BASE + KT_ELF_CODE_OFF);
	kt_unload(x);
}

KTEST(elf_segment_pages_are_read_lazily_and_privately)
{
	struct kt_exec *x = kt_load(kt_elf_image(ET_EXEC, 0x400000));
	KT_EQ(x->err, 0);
	unsigned prot = 0;
	KT_ASSERT(!vm_query(mm_vm_space(x->mm), 0x400000, &prot)); /* nothing read yet */
	KT_ASSERT(kt_run(x));
	KT_ASSERT(vm_query(mm_vm_space(x->mm), 0x400000, &prot));
	KT_EQ(prot, VM_READ | VM_EXEC);
	/* Writing the process's .data never reaches the file. */
	KT_EQ(user_write_u64(uptr(0x400000 + KT_ELF_DATA_VADDR), 5), 0);
	KT_EQ(bytes_get_le64(bytes_buf_view(x->file), KT_ELF_DATA_OFF), KT_ELF_DATA_WORD);
	KT_EQ(uread64(0x400000 + KT_ELF_DATA_VADDR), 5);
	/* And the text is not writable at all. */
	KT_EQ(mm_fault(x->mm, 0x400000, PF_ERR_USER | PF_ERR_WRITE | PF_ERR_PRESENT), -EFAULT);
	kt_unload(x);
}
