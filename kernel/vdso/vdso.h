/*
 * The vDSO: a small shared object (user/vdso/) answering clock_gettime and
 * friends in user mode. Every new image maps it, with the clock parameters
 * page ("vvar") just below it, and tells the C library where through
 * AT_SYSINFO_EHDR.
 */
#ifndef KERNEL_VDSO_VDSO_H
#define KERNEL_VDSO_VDSO_H

#include <frame/types.h>

struct mm;

#define VDSO_MAX_BYTES 4096

struct vdso_image {
	size_t size;
	uint8_t bytes[VDSO_MAX_BYTES];
};

/* The built image (vdso_image.c, generated). */
extern struct vdso_image vdso_image;

/* Map the vvar page and the vDSO into mm; the vDSO's address (AT_SYSINFO_EHDR), or -E.... */
int64_t vdso_map(struct mm *mm);

#endif
