/* Address-space operations: demand-zero page faults, mmap/munmap. */
#include "bench.h"
#include <errno.h>
#include <string.h>
#include <sys/mman.h>

/* n is a number of pages (a multiple of FAULT_PAGES): map, touch each page once, unmap. */
uint64_t b_page_fault(long n)
{
	size_t len = FAULT_PAGES * 4096ul;
	uint64_t t0 = now_ns();
	for (long done = 0; done < n; done += FAULT_PAGES) {
		char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			return FAIL("mmap: %s", strerror(errno));
		for (size_t off = 0; off < len; off += 4096)
			((volatile char *)p)[off] = 1;
		munmap(p, len);
	}
	return now_ns() - t0;
}

uint64_t b_mmap_munmap(long n)
{
	uint64_t t0 = now_ns();
	for (long i = 0; i < n; i++) {
		void *p = mmap(NULL, 65536, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			return FAIL("mmap: %s", strerror(errno));
		munmap(p, 65536);
	}
	return now_ns() - t0;
}
