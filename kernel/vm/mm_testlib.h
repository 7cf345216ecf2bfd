/* Shared by the mm ktests: shorthands and word access to another address space. */
#ifndef KERNEL_VM_MM_TESTLIB_H
#define KERNEL_VM_MM_TESTLIB_H

#include "vm/mm.h"

#define ANON_PRIVATE (MAP_PRIVATE | MAP_ANONYMOUS)
#define RW (PROT_READ | PROT_WRITE)
#define P(n) ((uint64_t)(n) * PAGE_SIZE)
#define PF_READ PF_ERR_USER
#define PF_WRITE (PF_ERR_USER | PF_ERR_WRITE)

/* The word at addr in mm, or UINT64_MAX when it cannot be read. */
static inline uint64_t read_u64(struct mm *mm, uint64_t addr)
{
	struct bytes b = bytes_alloc(8);
	uint64_t v = UINT64_MAX;
	if (mm_read(mm, addr, b) == 0)
		v = bytes_get_le64(b, 0);
	bytes_free(b);
	return v;
}

static inline int write_u64(struct mm *mm, uint64_t addr, uint64_t v)
{
	struct bytes b = bytes_alloc(8);
	bytes_set_le64(b, 0, v);
	int r = mm_write(mm, addr, b);
	bytes_free(b);
	return r;
}

#endif
