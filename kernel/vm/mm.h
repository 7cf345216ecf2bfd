/*
 * Process address spaces: the virtual-memory policy over a frame vm_space.
 *
 * A `struct mm` is what Linux calls an mm_struct: a sorted set of VMAs
 * (virtual memory areas, each a page-aligned [start, end) with one
 * protection, sharing mode and backing) over a framework `struct vm_space`
 * that holds the actual translations. The mm decides *what* belongs at an
 * address (mmap, munmap, mprotect, brk) and fills the page table lazily on
 * page faults (demand zero, file reads, copy-on-write, stack growth); the
 * framework only validates and installs what the mm asks for.
 *
 * Everything here takes the mm's mutex, so an mm may be shared by the
 * threads of one process (mm_get/mm_put). Calls may sleep.
 *
 * Return conventions follow the Linux system calls they implement, so the
 * syscall layer can pass results straight through: mm_mmap returns an
 * address or a negative errno (-4095..-1), mm_brk never fails (it returns
 * the current break instead), the rest return 0 or -E...
 */
#ifndef KERNEL_VM_MM_H
#define KERNEL_VM_MM_H

#include <frame/types.h>
#include <frame/bytes.h>
#include <frame/bytes_buf.h>
#include <frame/vm.h>
#include <frame/user.h> /* PF_ERR_* */
#include "lib/errno.h"

/* ---- Linux ABI constants (asm-generic/mman-common.h, x86 mman.h) ---- */

#define PROT_NONE 0x0u
#define PROT_READ 0x1u /* == VM_READ */
#define PROT_WRITE 0x2u /* == VM_WRITE */
#define PROT_EXEC 0x4u /* == VM_EXEC */
#define PROT_SEM 0x8u
#define PROT_GROWSDOWN 0x01000000u
#define PROT_GROWSUP 0x02000000u

#define MAP_SHARED 0x01u
#define MAP_PRIVATE 0x02u
#define MAP_SHARED_VALIDATE 0x03u
#define MAP_TYPE 0x0fu
#define MAP_FIXED 0x10u
#define MAP_ANONYMOUS 0x20u
#define MAP_32BIT 0x40u
#define MAP_GROWSDOWN 0x100u
#define MAP_DENYWRITE 0x800u
#define MAP_EXECUTABLE 0x1000u
#define MAP_LOCKED 0x2000u
#define MAP_NORESERVE 0x4000u
#define MAP_POPULATE 0x8000u
#define MAP_NONBLOCK 0x10000u
#define MAP_STACK 0x20000u
#define MAP_HUGETLB 0x40000u
#define MAP_SYNC 0x80000u
#define MAP_FIXED_NOREPLACE 0x100000u

/* ---- layout ---- */

#define MM_TASK_SIZE USER_SPACE_END /* 0x7ffffffff000, as on Linux with 4-level paging */
#define MM_MIN_ADDR 0x10000ull /* vm.mmap_min_addr: nothing is mapped below */
#define MM_STACK_TOP MM_TASK_SIZE
#define MM_STACK_LIMIT_DEFAULT (8ull << 20) /* RLIMIT_STACK */
#define MM_STACK_GUARD_GAP (256ull * PAGE_SIZE) /* Linux's stack_guard_gap */
/* Top-down mmap allocations start below the stack's growth room, like Linux's mmap_base. */
#define MM_MMAP_BASE (MM_STACK_TOP - (128ull << 20))
/* vm.max_map_count: beyond this many areas mmap, mprotect and munmap fail with ENOMEM. */
#define MM_MAX_VMAS 65530u

/* ---- file backing: implemented by the VFS for struct file, here for byte buffers and shmem ---- */

struct vm_backing;
struct bytes_backing;
struct shmem;
struct file;

struct vm_page_result {
	struct page *page;
	int err;
};

struct vm_backing_ops {
	/*
	 * Copy up to bytes_len(dst) bytes at byte `offset` into dst. Returns the
	 * number of bytes read (short or 0 at end of file) or -E... May sleep;
	 * called with the mm's mutex held, so it must not touch user memory.
	 */
	ssize_t (*read)(struct vm_backing *b, uint64_t offset, struct bytes dst);
	/*
	 * For MAP_SHARED: the page that holds the page-aligned `offset`, with a
	 * new reference, shared by every mapping of the same object; or a NULL
	 * page and err (-ENOMEM, -EIO...). Leave the op NULL when the object
	 * cannot be mapped shared (mmap then fails with -ENODEV). Called with
	 * the mm's mutex held.
	 */
	struct vm_page_result (*shared_page)(struct vm_backing *b, uint64_t offset);
	/* Reference counting: every VMA that maps the object holds one reference. */
	void (*get)(struct vm_backing *b);
	void (*put)(struct vm_backing *b);
};

/*
 * Embed this in the object (struct file...) and point the typed owner
 * field below at the object, so the ops find it without container_of. `may` is what the object permits (VM_READ:
 * opened for reading, VM_WRITE: for writing, VM_EXEC: not on a noexec
 * mount); mmap and mprotect check it like Linux's VM_MAY* bits.
 */
struct vm_backing {
	const struct vm_backing_ops *ops;
	unsigned may;
	/* The owner of this backing, typed (ops find it without container_of): */
	struct file *file; /* fs/file_backing.c */
	uint32_t refs; /* fs/file_backing.c */
	struct bytes_backing *bytes_owner; /* vm/backing.c */
	struct shmem *shmem_owner; /* vm/backing.c */
};

/* A read-only backing over a byte buffer (the vDSO, tests); one reference, freed on the last put. */
struct vm_backing *vm_backing_from_buf(struct bytes_buf data, unsigned may);
/* Anonymous shared memory of `size` bytes (MAP_SHARED|MAP_ANONYMOUS, later memfd and SysV shm). */
struct vm_backing *vm_shmem_new(uint64_t size);
/* Read until dst is full or the end of the file: bytes read, or -E... */
ssize_t vm_backing_read_full(struct vm_backing *b, uint64_t offset, struct bytes dst);

/* ---- the address space ---- */

struct mm;

/* An empty address space with its own vm_space, one reference; NULL when out of memory. */
struct mm *mm_new(void);
void mm_get(struct mm *mm);
/* Drop a reference; the last one unmaps everything. Its vm_space must not be active on any task. */
void mm_put(struct mm *mm);
/* The creator's mm_put (a process exiting or finishing exec). */
void mm_destroy(struct mm *mm);
/*
 * fork(): a copy of `parent`. Shared VMAs share their pages; private ones
 * become copy-on-write in both (mapped read-only, each page referenced by
 * both, copied on the first write). NULL when out of memory.
 */
struct mm *mm_clone(struct mm *parent);
/* The page table to install with task_set_vm() when a task of this process runs. */
struct vm_space *mm_vm_space(struct mm *mm);

/* mmap(2): an address, or -EINVAL, -ENOMEM, -EEXIST, -EACCES, -EPERM, -ENODEV, -EBADF, -EOVERFLOW. */
int64_t mm_mmap(struct mm *mm, uint64_t addr, uint64_t len, unsigned prot, unsigned flags, struct vm_backing *backing,
		uint64_t offset);
/*
 * mm_mmap with the backing visible only below byte `file_end`: pages are
 * read from the file, but bytes at or past file_end read as zero (an ELF
 * segment's last file page, whose tail belongs to .bss).
 */
int64_t mm_mmap_window(struct mm *mm, uint64_t addr, uint64_t len, unsigned prot, unsigned flags,
		       struct vm_backing *backing, uint64_t offset, uint64_t file_end);
/* munmap(2): 0 or -EINVAL. */
int mm_munmap(struct mm *mm, uint64_t addr, uint64_t len);
/* mprotect(2): 0, -EINVAL, -ENOMEM (hole or unmapped), -EACCES (not permitted by the backing). */
int mm_mprotect(struct mm *mm, uint64_t addr, uint64_t len, unsigned prot);
/* brk(2): the new break, or the current one when `brk` is refused (0 asks for it). */
uint64_t mm_brk(struct mm *mm, uint64_t brk);
/* Set the start of the heap (exec: the page after the highest segment). */
void mm_set_brk_start(struct mm *mm, uint64_t start);
/* The grows-down limit (RLIMIT_STACK); MM_STACK_LIMIT_DEFAULT initially. */
void mm_set_stack_limit(struct mm *mm, uint64_t bytes);

/*
 * Resolve a page fault at `addr` (pf_error: PF_ERR_* bits). 0 when the page
 * is now mapped with the access allowed; -EFAULT when the access is not
 * allowed (SIGSEGV); -ENOMEM out of memory; -EIO when the backing failed
 * (SIGBUS).
 */
int mm_fault(struct mm *mm, uint64_t addr, unsigned pf_error);

/*
 * The fault handler for vm_set_fault_handler: the process layer tells the
 * mm which mm is current with mm_set_current_lookup, and installs the
 * handler with mm_install_fault_handler.
 */
typedef struct mm *(*mm_current_fn)(void);
void mm_set_current_lookup(mm_current_fn fn);
int mm_handle_fault(uint64_t addr, unsigned pf_error);
void mm_install_fault_handler(void);

/*
 * Copy to or from another address space (exec building a stack, ptrace,
 * /proc/pid/mem): pages are faulted in as a user access would, so the
 * protections of the VMAs apply. 0, -EFAULT or -ENOMEM.
 */
int mm_read(struct mm *mm, uint64_t addr, struct bytes dst);
int mm_write(struct mm *mm, uint64_t addr, struct bytes src);

/* ---- introspection (/proc/pid/maps, tests) ---- */

#define MM_VMA_SHARED 0x1u
#define MM_VMA_GROWSDOWN 0x2u
#define MM_VMA_HEAP 0x4u

struct mm_vma_info {
	uint64_t start, end;
	unsigned prot; /* PROT_* */
	unsigned flags; /* MM_VMA_* */
	uint64_t offset; /* backing offset of start */
	bool file; /* has a backing (other than anonymous shared memory) */
};

/* The first VMA that ends above `addr`; false when there is none. */
bool mm_vma_find(struct mm *mm, uint64_t addr, struct mm_vma_info *out __noescape);
unsigned mm_vma_count(struct mm *mm);
/* The current break and the heap start. */
uint64_t mm_brk_start(struct mm *mm);

#endif /* KERNEL_VM_MM_H */
