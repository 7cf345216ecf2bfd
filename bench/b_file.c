/* Regular files on the root file system (ramfs on Trellis, the initramfs tmpfs/ramfs on Linux). */
#include "bench.h"
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

static char data[64 * 1024];

static int write_file(const char *path, size_t size)
{
	int fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0644);
	if (fd < 0)
		return -1;
	for (size_t off = 0; off < size;) {
		size_t chunk = size - off < sizeof data ? size - off : sizeof data;
		ssize_t w = write(fd, data, chunk);
		if (w <= 0) {
			close(fd);
			return -1;
		}
		off += (size_t)w;
	}
	return close(fd);
}

static int read_file(const char *path, size_t size)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	size_t total = 0;
	for (;;) {
		ssize_t r = read(fd, data, sizeof data);
		if (r < 0) {
			close(fd);
			return -1;
		}
		if (r == 0)
			break;
		total += (size_t)r;
	}
	close(fd);
	return total == size ? 0 : -1;
}

static uint64_t cycle(long n, size_t size)
{
	memset(data, 'f', sizeof data);
	uint64_t t0 = now_ns();
	for (long i = 0; i < n; i++) {
		if (write_file("/bench-dir/f", size))
			return FAIL("create/write: %s", strerror(errno));
		if (read_file("/bench-dir/f", size))
			return FAIL("read back: %s", strerror(errno));
		if (unlink("/bench-dir/f"))
			return FAIL("unlink: %s", strerror(errno));
	}
	return now_ns() - t0;
}

uint64_t b_file_4k(long n)
{
	return cycle(n, 4096);
}

uint64_t b_file_1m(long n)
{
	return cycle(n, MB1);
}

uint64_t b_file_1m_write(long n)
{
	memset(data, 'w', sizeof data);
	uint64_t t = 0;
	for (long i = 0; i < n; i++) {
		unlink("/bench-dir/w");
		uint64_t t0 = now_ns();
		if (write_file("/bench-dir/w", MB1))
			return FAIL("write: %s", strerror(errno));
		t += now_ns() - t0;
	}
	unlink("/bench-dir/w");
	return t;
}

uint64_t b_file_1m_read(long n)
{
	memset(data, 'r', sizeof data);
	if (write_file("/bench-dir/r", MB1))
		return FAIL("write: %s", strerror(errno));
	uint64_t t0 = now_ns();
	for (long i = 0; i < n; i++)
		if (read_file("/bench-dir/r", MB1))
			return FAIL("read: %s", strerror(errno));
	uint64_t t = now_ns() - t0;
	unlink("/bench-dir/r");
	return t;
}
