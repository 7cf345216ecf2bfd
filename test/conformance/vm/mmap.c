/* brk, mmap, munmap, mprotect; faults seen as signals. */
#include "harness.h"

#define PG 4096

static void *map_anon(size_t len, int prot)
{
	void *p = mmap(NULL, len, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		FAIL("mmap: %s", strerror(errno));
	return p;
}

static volatile char *touch_addr;
static void touch_read(void) { (void)*touch_addr; }
static void touch_write(void) { *touch_addr = 1; }

TEST(brk_query_is_stable)
{
	long a = syscall(SYS_brk, 0);
	long b = syscall(SYS_brk, 0);
	CHECK(a > 0);
	CHECK_EQ(a, b);
}

TEST(brk_grow_is_usable_and_zeroed)
{
	long cur = syscall(SYS_brk, 0);
	long want = cur + 256 * 1024;
	CHECK_EQ(syscall(SYS_brk, want), want);
	char *p = (char *)cur;
	for (long i = 0; i < 256 * 1024; i += 512)
		CHECK_EQ(p[i], 0);
	memset(p, 0x5a, 256 * 1024);
	CHECK_EQ(p[256 * 1024 - 1], 0x5a);
}

TEST(brk_shrink_unmaps)
{
	long cur = syscall(SYS_brk, 0);
	long top = (cur + 3 * PG) & ~(long)(PG - 1);
	CHECK_EQ(syscall(SYS_brk, top + 2 * PG), top + 2 * PG);
	((char *)top)[PG] = 1;
	CHECK_EQ(syscall(SYS_brk, top), top);
	touch_addr = (char *)top + PG;
	int st = test_run_child(touch_read);
	CHECK(WAIT_KILLED_BY(st, SIGSEGV));
}

TEST(brk_too_low_is_ignored)
{
	long cur = syscall(SYS_brk, 0);
	CHECK_EQ(syscall(SYS_brk, 4096), cur);
}

TEST(mmap_anon_is_zeroed)
{
	unsigned char *p = map_anon(16 * PG, PROT_READ | PROT_WRITE);
	for (int i = 0; i < 16 * PG; i += 64)
		CHECK_EQ(p[i], 0);
	CHECK_EQ((uintptr_t)p % PG, 0);
}

TEST(mmap_anon_read_write)
{
	char *p = map_anon(4 * PG, PROT_READ | PROT_WRITE);
	for (int i = 0; i < 4 * PG; i++)
		p[i] = (char)i;
	for (int i = 0; i < 4 * PG; i++)
		CHECK_EQ(p[i], (char)i);
	CHECK_OK(munmap(p, 4 * PG));
}

TEST(mmap_large_region)
{
	size_t len = 64 << 20;
	char *p = map_anon(len, PROT_READ | PROT_WRITE);
	for (size_t i = 0; i < len; i += 1 << 20)
		p[i] = 1;
	CHECK_EQ(p[len - (1 << 20)], 1);
	CHECK_OK(munmap(p, len));
}

TEST(mmap_fixed_replaces)
{
	char *p = map_anon(4 * PG, PROT_READ | PROT_WRITE);
	p[PG] = 7;
	char *q = mmap(p + PG, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	CHECK(q == p + PG);
	CHECK_EQ(q[0], 0);
}

TEST(mmap_fixed_noreplace_eexist)
{
	char *p = map_anon(2 * PG, PROT_READ);
	void *q = mmap(p, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | 0x100000 /* MAP_FIXED_NOREPLACE */, -1, 0);
	CHECK(q == MAP_FAILED);
	CHECK_EQ(errno, EEXIST);
}

TEST(mmap_zero_length_einval)
{
	CHECK(mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED);
	CHECK_EQ(errno, EINVAL);
}

TEST(mmap_neither_shared_nor_private_einval)
{
	CHECK(mmap(NULL, PG, PROT_READ, MAP_ANONYMOUS, -1, 0) == MAP_FAILED);
	CHECK_EQ(errno, EINVAL);
}

TEST(mmap_bad_fd_ebadf)
{
	CHECK(mmap(NULL, PG, PROT_READ, MAP_PRIVATE, 12345, 0) == MAP_FAILED);
	CHECK_EQ(errno, EBADF);
}

TEST(mmap_unaligned_offset_einval)
{
	test_write_file("f", "hello");
	int fd = CHECK_OK(open("f", O_RDONLY));
	CHECK(mmap(NULL, PG, PROT_READ, MAP_PRIVATE, fd, 100) == MAP_FAILED);
	CHECK_EQ(errno, EINVAL);
}

TEST(mmap_unaligned_fixed_addr_einval)
{
	char *p = map_anon(2 * PG, PROT_READ);
	CHECK(mmap(p + 1, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED);
	CHECK_EQ(errno, EINVAL);
}

TEST(mmap_private_file_content)
{
	test_write_file("f", "file content here");
	int fd = CHECK_OK(open("f", O_RDONLY));
	char *p = mmap(NULL, PG, PROT_READ, MAP_PRIVATE, fd, 0);
	CHECK(p != MAP_FAILED);
	CHECK(memcmp(p, "file content here", 17) == 0);
	CHECK_EQ(p[17], 0); /* the rest of the page is zero */
	CHECK_EQ(p[PG - 1], 0);
}

TEST(mmap_private_file_offset)
{
	int fd = CHECK_OK(open("f", O_RDWR | O_CREAT, 0644));
	char page[PG];
	memset(page, 'a', PG);
	CHECK_EQ(write(fd, page, PG), PG);
	memset(page, 'b', PG);
	CHECK_EQ(write(fd, page, PG), PG);
	char *p = mmap(NULL, PG, PROT_READ, MAP_PRIVATE, fd, PG);
	CHECK(p != MAP_FAILED);
	CHECK_EQ(p[0], 'b');
	CHECK_EQ(p[PG - 1], 'b');
}

TEST(mmap_private_file_write_is_private)
{
	test_write_file("f", "original");
	int fd = CHECK_OK(open("f", O_RDWR));
	char *p = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	CHECK(p != MAP_FAILED);
	memcpy(p, "CHANGED!", 8);
	char buf[16] = "";
	CHECK_EQ(pread(fd, buf, 8, 0), 8);
	CHECK(memcmp(buf, "original", 8) == 0);
	CHECK(memcmp(p, "CHANGED!", 8) == 0);
}

TEST(mmap_shared_file_write_is_visible)
{
	test_write_file("f", "original");
	int fd = CHECK_OK(open("f", O_RDWR));
	char *p = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK(p != MAP_FAILED);
	memcpy(p, "SHARED", 6);
	CHECK_OK(msync(p, PG, MS_SYNC));
	char buf[16] = "";
	CHECK_EQ(pread(fd, buf, 8, 0), 8);
	CHECK(memcmp(buf, "SHAREDal", 8) == 0);
}

TEST(mmap_shared_sees_file_writes)
{
	test_write_file("f", "aaaa");
	int fd = CHECK_OK(open("f", O_RDWR));
	char *p = mmap(NULL, PG, PROT_READ, MAP_SHARED, fd, 0);
	CHECK(p != MAP_FAILED);
	CHECK_EQ(pwrite(fd, "zz", 2, 1), 2);
	CHECK(memcmp(p, "azza", 4) == 0);
}

TEST(mmap_shared_write_on_readonly_fd_eacces)
{
	test_write_file("f", "x");
	int fd = CHECK_OK(open("f", O_RDONLY));
	CHECK(mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0) == MAP_FAILED);
	CHECK_EQ(errno, EACCES);
}

TEST(mmap_write_only_fd_eacces)
{
	int fd = CHECK_OK(open("f", O_WRONLY | O_CREAT, 0644));
	CHECK_EQ(write(fd, "x", 1), 1);
	CHECK(mmap(NULL, PG, PROT_READ, MAP_PRIVATE, fd, 0) == MAP_FAILED);
	CHECK_EQ(errno, EACCES);
}

TEST(mmap_past_file_end_sigbus)
{
	test_write_file("f", "x");
	int fd = CHECK_OK(open("f", O_RDONLY));
	char *p = mmap(NULL, 2 * PG, PROT_READ, MAP_PRIVATE, fd, 0);
	CHECK(p != MAP_FAILED);
	CHECK_EQ(p[0], 'x');
	touch_addr = p + PG;
	int st = test_run_child(touch_read);
	CHECK(WAIT_KILLED_BY(st, SIGBUS));
}

TEST(mmap_shared_anon_across_fork)
{
	volatile int *p = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	CHECK(p != MAP_FAILED);
	pid_t pid = fork();
	if (pid == 0) {
		*p = 42;
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	CHECK_EQ(*p, 42);
}

TEST(mmap_private_anon_cow_across_fork)
{
	volatile int *p = map_anon(PG, PROT_READ | PROT_WRITE);
	*p = 1;
	pid_t pid = fork();
	if (pid == 0) {
		*p = 2;
		_exit(*p == 2 ? 0 : 1);
	}
	int st;
	waitpid(pid, &st, 0);
	CHECK(WAIT_EXITED_WITH(st, 0));
	CHECK_EQ(*p, 1);
}

TEST(munmap_then_access_sigsegv)
{
	char *p = map_anon(PG, PROT_READ | PROT_WRITE);
	p[0] = 1;
	CHECK_OK(munmap(p, PG));
	touch_addr = p;
	int st = test_run_child(touch_read);
	CHECK(WAIT_KILLED_BY(st, SIGSEGV));
}

TEST(munmap_middle_page)
{
	char *p = map_anon(3 * PG, PROT_READ | PROT_WRITE);
	CHECK_OK(munmap(p + PG, PG));
	p[0] = 1;
	p[2 * PG] = 2;
	CHECK_EQ(p[0] + p[2 * PG], 3);
	touch_addr = p + PG;
	int st = test_run_child(touch_write);
	CHECK(WAIT_KILLED_BY(st, SIGSEGV));
}

TEST(munmap_unaligned_einval)
{
	char *p = map_anon(2 * PG, PROT_READ);
	CHECK_ERRNO(munmap(p + 1, PG), EINVAL);
}

TEST(munmap_zero_length_einval)
{
	char *p = map_anon(PG, PROT_READ);
	CHECK_ERRNO(munmap(p, 0), EINVAL);
}

TEST(munmap_unmapped_range_ok)
{
	CHECK_EQ(munmap(test_bad_ptr(), PG), 0);
}

TEST(mprotect_none_read_sigsegv)
{
	char *p = map_anon(PG, PROT_READ | PROT_WRITE);
	CHECK_OK(mprotect(p, PG, PROT_NONE));
	touch_addr = p;
	int st = test_run_child(touch_read);
	CHECK(WAIT_KILLED_BY(st, SIGSEGV));
}

TEST(mmap_prot_none_sigsegv)
{
	char *p = map_anon(PG, PROT_NONE);
	touch_addr = p;
	int st = test_run_child(touch_read);
	CHECK(WAIT_KILLED_BY(st, SIGSEGV));
}

TEST(mprotect_readonly_write_sigsegv)
{
	char *p = map_anon(PG, PROT_READ | PROT_WRITE);
	p[0] = 3;
	CHECK_OK(mprotect(p, PG, PROT_READ));
	CHECK_EQ(p[0], 3);
	touch_addr = p;
	int st = test_run_child(touch_write);
	CHECK(WAIT_KILLED_BY(st, SIGSEGV));
}

TEST(mprotect_restores_access)
{
	char *p = map_anon(PG, PROT_READ | PROT_WRITE);
	p[10] = 9;
	CHECK_OK(mprotect(p, PG, PROT_NONE));
	CHECK_OK(mprotect(p, PG, PROT_READ | PROT_WRITE));
	CHECK_EQ(p[10], 9);
	p[11] = 8;
	CHECK_EQ(p[11], 8);
}

TEST(mprotect_part_of_mapping)
{
	char *p = map_anon(3 * PG, PROT_READ | PROT_WRITE);
	CHECK_OK(mprotect(p + PG, PG, PROT_READ));
	p[0] = 1;
	p[2 * PG] = 1;
	touch_addr = p + PG;
	int st = test_run_child(touch_write);
	CHECK(WAIT_KILLED_BY(st, SIGSEGV));
}

TEST(mprotect_unaligned_einval)
{
	char *p = map_anon(PG, PROT_READ);
	CHECK_ERRNO(syscall(SYS_mprotect, p + 1, PG, PROT_READ), EINVAL);
}

TEST(mprotect_bad_prot_einval)
{
	char *p = map_anon(PG, PROT_READ);
	CHECK_ERRNO(mprotect(p, PG, 0x100), EINVAL);
}

TEST(mprotect_unmapped_enomem)
{
	CHECK_ERRNO(mprotect(test_bad_ptr(), PG, PROT_READ), ENOMEM);
}

static volatile void *fault_addr;
static volatile int fault_code;
static char *fault_page;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	fault_addr = si->si_addr;
	fault_code = si->si_code;
	mprotect(fault_page, PG, PROT_READ | PROT_WRITE);
}

TEST(segv_handler_gets_address_and_resumes)
{
	fault_page = map_anon(PG, PROT_NONE);
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_segv;
	sa.sa_flags = SA_SIGINFO;
	CHECK_OK(sigaction(SIGSEGV, &sa, NULL));
	((volatile char *)fault_page)[100] = 5; /* faults, handler fixes, retried */
	CHECK_EQ(fault_page[100], 5);
	CHECK(fault_addr == fault_page + 100);
	CHECK_EQ(fault_code, SEGV_ACCERR);
}

static volatile int *shared_code;

static void on_segv_record(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	*shared_code = si->si_code;
	shared_code[1] = si->si_addr == fault_page;
}

TEST(segv_unmapped_si_code_maperr)
{
	shared_code = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	CHECK(shared_code != MAP_FAILED);
	fault_page = map_anon(PG, PROT_READ | PROT_WRITE);
	CHECK_OK(munmap(fault_page, PG));
	pid_t pid = fork();
	if (pid == 0) {
		struct sigaction sb;
		memset(&sb, 0, sizeof sb);
		sb.sa_sigaction = on_segv_record;
		sb.sa_flags = SA_SIGINFO | SA_RESETHAND;
		sigaction(SIGSEGV, &sb, NULL);
		(void)*(volatile char *)fault_page; /* handler runs, then the retry kills */
		_exit(0);
	}
	int st;
	waitpid(pid, &st, 0);
	CHECK(WAIT_KILLED_BY(st, SIGSEGV));
	CHECK_EQ(shared_code[0], SEGV_MAPERR);
	CHECK_EQ(shared_code[1], 1);
}

TEST(null_pointer_read_sigsegv)
{
	touch_addr = NULL;
	int st = test_run_child(touch_read);
	CHECK(WAIT_KILLED_BY(st, SIGSEGV));
}

TEST(mmap_hint_is_page_aligned)
{
	char *p = mmap((void *)0x10000001, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	CHECK(p != MAP_FAILED);
	CHECK_EQ((uintptr_t)p % PG, 0);
}

TEST(mmap_many_regions)
{
	char *r[64];
	for (int i = 0; i < 64; i++) {
		r[i] = map_anon(PG, PROT_READ | PROT_WRITE);
		r[i][0] = (char)i;
	}
	for (int i = 0; i < 64; i++)
		CHECK_EQ(r[i][0], (char)i);
	for (int i = 0; i < 64; i += 2)
		CHECK_OK(munmap(r[i], PG));
	for (int i = 1; i < 64; i += 2)
		CHECK_EQ(r[i][0], (char)i);
}

TEST(madvise_dontneed_zeroes_private_anon)
{
	char *p = map_anon(2 * PG, PROT_READ | PROT_WRITE);
	memset(p, 1, 2 * PG);
	CHECK_OK(madvise(p, 2 * PG, MADV_DONTNEED));
	CHECK_EQ(p[0], 0);
	CHECK_EQ(p[2 * PG - 1], 0);
}
