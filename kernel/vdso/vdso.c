/*
 * Mapping the vDSO. The image and the parameters page are read-only byte
 * backings, mapped private: each process gets its own copy of the page it
 * touches, which is right because neither changes after boot (the TSC rate
 * is fixed, the wall-clock base is read once from the RTC).
 */
#include "time/rtc.h"
#include <frame/time.h>
#include "vdso/vdso.h"
#include "vm/mm.h"

static struct {
	uint8_t page[PAGE_SIZE];
} vvar_page;

static struct vm_backing *image_backing, *vvar_backing;

static int vdso_init(void)
{
	if (image_backing)
		return 0;
	uint64_t base = 0, mult = 0;
	clock_tsc_params(&base, &mult);
	struct bytes v = BYTES_OF_FIELD(&vvar_page, page);
	bytes_set_le64(v, 0, base);
	bytes_set_le64(v, 8, mult);
	bytes_set_le64(v, 16, rtc_boot_epoch_seconds() * NSEC_PER_SEC);
	/* Backings keep a one-word buffer handle, not a slice of a static (R15-shared-cap): copies kept for good. */
	struct bytes_buf vvar = bytes_buf_dup(v);
	struct bytes_buf image = bytes_buf_dup(bytes_sub(BYTES_OF_FIELD(&vdso_image, bytes), 0, vdso_image.size));
	if (bytes_buf_is_null(vvar) || bytes_buf_is_null(image)) {
		bytes_buf_free(vvar);
		bytes_buf_free(image);
		return -ENOMEM;
	}
	vvar_backing = vm_backing_from_buf(vvar, VM_READ);
	image_backing = vm_backing_from_buf(image, VM_READ | VM_EXEC);
	return image_backing && vvar_backing ? 0 : -ENOMEM;
}

int64_t vdso_map(struct mm *mm)
{
	int r = vdso_init();
	if (r)
		return r;
	/* Two pages anywhere: vvar, then the image right above it (the image addresses vvar at -4096). */
	int64_t at = mm_mmap(mm, 0, 2 * PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, NULL, 0);
	if (at < 0)
		return at;
	int64_t a = mm_mmap(mm, (uint64_t)at, PAGE_SIZE, PROT_READ, MAP_PRIVATE | MAP_FIXED, vvar_backing, 0);
	int64_t b = a < 0 ? a
			  : mm_mmap(mm, (uint64_t)at + PAGE_SIZE, PAGE_SIZE, PROT_READ | PROT_EXEC,
				    MAP_PRIVATE | MAP_FIXED, image_backing, 0);
	if (b < 0) {
		mm_munmap(mm, (uint64_t)at, 2 * PAGE_SIZE);
		return b;
	}
	return b;
}
