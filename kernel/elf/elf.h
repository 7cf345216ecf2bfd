/*
 * execve's loader: an ELF64 x86-64 executable (static, or static-PIE) into
 * a fresh mm, and the initial stack of the System V x86-64 ABI.
 *
 * The caller (the execve system call) copies argv and envp out of the old
 * process into exec_strings, makes a new mm, calls exec_load, and only on
 * success switches the process to the new mm and starts the thread at
 * image.entry with rsp = image.stack_pointer (all other registers zero). On
 * failure it destroys the new mm: the old process is untouched.
 *
 * Segments are mapped as private file-backed VMAs and read on first touch;
 * only the headers are read eagerly.
 */
#ifndef KERNEL_ELF_ELF_H
#define KERNEL_ELF_ELF_H

#include <frame/types.h>
#include <frame/bytes.h>
#include "vm/mm.h"

/*
 * A list of strings as one buffer of `count` NUL-terminated strings back
 * to back, the way Linux's bprm holds argv and envp: a copy of the old
 * process's strings, built with exec_strings_add or wrapped over packed
 * bytes with exec_strings_of.
 */
struct exec_strings {
	struct bytes data; /* capacity; the strings are its first `used` bytes */
	size_t used;
	uint32_t count;
	bool owned; /* data was allocated by exec_strings_add */
};

/* Append str (no NUL inside) and a NUL. 0, -ENOMEM, or -E2BIG past EXEC_ARG_MAX. */
int exec_strings_add(struct exec_strings *s __noescape, struct bytes str);
/* Wrap packed strings ("a\0bb\0"); bytes after the last NUL are not part of the list. */
struct exec_strings exec_strings_of(struct bytes packed);
void exec_strings_free(struct exec_strings *s __noescape);

/* Total bytes of argument and environment strings a new image accepts (Linux: a quarter of the stack limit). */
#define EXEC_ARG_MAX (MM_STACK_LIMIT_DEFAULT / 4)
/* Linux's load address for ET_DYN executables run directly (ELF_ET_DYN_BASE without randomisation). */
#define EXEC_DYN_BASE 0x555555554000ull
/* Room the initial stack VMA gets below what the arguments use (Linux's stack_expand). */
#define EXEC_STACK_EXPAND (128ull << 10)

struct exec_args {
	struct vm_backing *file; /* the executable; mapped VMAs take their own references */
	struct bytes filename; /* AT_EXECFN: the path as given to execve (no NUL) */
	struct exec_strings argv, envp;
	uint32_t uid, euid, gid, egid;
	bool secure; /* AT_SECURE: set-id execution */
	uint64_t hwcap; /* AT_HWCAP: CPUID.1:EDX, if the caller knows it */
	uint64_t sysinfo_ehdr; /* AT_SYSINFO_EHDR: where the vDSO is mapped, 0 for none */
};

struct exec_image {
	uint64_t entry; /* where the thread starts */
	uint64_t stack_pointer; /* initial rsp, 16-byte aligned: argc is there */
	uint64_t stack_top; /* end of the stack VMA */
	uint64_t brk_start; /* the page after the highest segment */
	uint64_t load_bias; /* 0 for ET_EXEC */
	uint64_t phdr; /* AT_PHDR */
	uint64_t random; /* AT_RANDOM: address of the 16 random bytes */
	uint64_t argv, envp; /* addresses of the argv[] and envp[] arrays */
	uint32_t phnum;
	/* Set with -ENOEXEC when the file asks for an interpreter: "dynamic executables are not supported yet". */
	bool needs_interp;
};

/*
 * Load `args->file` into `mm` (fresh, empty) and build the stack. 0, or
 * -ENOEXEC (not an ELF x86-64 executable, or dynamic: see needs_interp),
 * -EINVAL (malformed program headers), -ENOMEM, -E2BIG, -EACCES/-EPERM
 * (the backing forbids it), -EIO. Never panics on a malformed file.
 */
int exec_load(struct mm *mm, const struct exec_args *args __noescape, struct exec_image *out __noescape);

/* ---- ELF64 (only what the loader needs) ---- */

#define ELF_EHDR_SIZE 64u
#define ELF_PHDR_SIZE 56u
#define ELF_MAX_PHNUM (4096u / ELF_PHDR_SIZE) /* Linux's limit: the table fits in one page */
#define ET_EXEC 2u
#define ET_DYN 3u
#define EM_X86_64 62u
#define PT_LOAD 1u
#define PT_INTERP 3u
#define PT_PHDR 6u
#define PT_GNU_STACK 0x6474e551u
#define PF_X 1u
#define PF_W 2u
#define PF_R 4u

/* Auxiliary vector keys (linux/auxvec.h). */
#define AT_NULL 0
#define AT_PHDR 3
#define AT_PHENT 4
#define AT_PHNUM 5
#define AT_PAGESZ 6
#define AT_BASE 7
#define AT_FLAGS 8
#define AT_ENTRY 9
#define AT_UID 11
#define AT_EUID 12
#define AT_GID 13
#define AT_EGID 14
#define AT_PLATFORM 15
#define AT_HWCAP 16
#define AT_CLKTCK 17
#define AT_SECURE 23
#define AT_RANDOM 25
#define AT_EXECFN 31
#define AT_SYSINFO_EHDR 33

#endif /* KERNEL_ELF_ELF_H */
