/*
 * User address spaces and the untyped pages mapped into them.
 *
 * `struct page` is a handle to one untyped 4 KiB frame (F3): services hold
 * and count references to pages, copy data in and out of them, and map them
 * into address spaces, but never get a pointer to their bytes. A page is
 * freed when its last reference goes. Using a page handle after its last
 * put is caught: every operation checks the frame is still an untyped page
 * in use.
 *
 * `struct vm_space` is a user address space: a page table whose user half
 * the service fills with vm_map(), and whose kernel half is the kernel's.
 * Unmapped pages are released only after the TLB no longer holds them (F8).
 * Only user addresses and only untyped pages can be mapped (F7).
 */
#ifndef FRAME_VM_H
#define FRAME_VM_H

#include <frame/types.h>
#include <frame/bytes.h>
#include <frame/user.h>

struct page;
struct vm_space;
struct task;

#define USER_SPACE_END 0x00007ffffffff000ull /* first address user mappings may not reach */

/* A zeroed page with one reference; NULL when out of memory. */
struct page *page_alloc(void);
void page_get(struct page *pg);
void page_put(struct page *pg);
unsigned page_refcount(const struct page *pg);
/* Copy between a page and a slice; off + length must stay within the page. */
void page_read(struct page *pg, size_t off, struct bytes dst);
void page_write(struct page *pg, size_t off, struct bytes src);
void page_copy(struct page *dst, struct page *src);
void page_zero(struct page *pg, size_t off, size_t len);
/*
 * Copy between a page and user memory of the current address space, with
 * no bounce buffer: the same checks and fault handling as user_write and
 * user_read (F6). 0 or -EFAULT; off + len must stay within the page.
 */
int page_read_user(struct page *pg, size_t off, uptr_t dst, size_t len);
int page_write_user(struct page *pg, size_t off, uptr_t src, size_t len);
/* A page's physical frame number, for display only. */
uint64_t page_frame_number(const struct page *pg);

enum vm_prot {
	VM_READ = 1,
	VM_WRITE = 2,
	VM_EXEC = 4,
};

struct vm_space *vm_space_new(void);
/* Unmap everything and free the page tables. The space must not be active anywhere. */
void vm_space_destroy(struct vm_space *vm);
/* Make `vm` the address space of task `t` (NULL: kernel only); takes effect at once for the current task. */
void task_set_vm(struct task *t, struct vm_space *vm);
struct vm_space *vm_space_current(void);

/*
 * Map pg at va (page-aligned, user half) with prot; takes a reference. 0, -EINVAL, -EEXIST or -ENOMEM.
 * prot must include VM_READ or more: x86 cannot map a page inaccessible, so PROT_NONE is the
 * service's business (leave the page unmapped).
 */
int vm_map(struct vm_space *vm, uint64_t va, struct page *pg, unsigned prot);
/* Unmap every page in [va, va + len); pages are released after the TLB flush. 0 or -EINVAL. */
int vm_unmap(struct vm_space *vm, uint64_t va, uint64_t len);
/* Change the protection of every mapped page in [va, va + len). 0 or -EINVAL (also for prot 0). */
int vm_protect(struct vm_space *vm, uint64_t va, uint64_t len, unsigned prot);
/* The page mapped at va (no new reference) and its protection, or NULL. */
struct page *vm_query(struct vm_space *vm, uint64_t va, unsigned *prot __noescape);

/*
 * The page-fault policy is a service. When a user copy faults on a user
 * address, the framework asks this handler (with interrupts as they were)
 * to resolve the fault in the current address space: 0 means "mapped now,
 * retry", anything else makes the copy fail with -EFAULT. Faults in user
 * mode reach the service through user_run() instead.
 */
typedef int (*vm_fault_fn)(uint64_t addr, unsigned pf_error);
void vm_set_fault_handler(vm_fault_fn fn);

#endif /* FRAME_VM_H */
