/*
 * The user FPU/SSE/AVX state of each user context: an XSAVE area (FXSAVE
 * without XSAVE) in its own slab cache. It is switched lazily: the state
 * stays in the registers until another user context needs them, and the
 * kernel itself never uses them (it is built with -mgeneral-regs-only).
 * Signal frames save and load it through user_fpu_save/user_fpu_load,
 * which refuse an area XRSTOR would fault on.
 */
#include <frame/user.h>
#include <frame/errno.h>
#include "fpu.h"
#include "../arch/x86_64/cpu_features.h"
#include "../mm/slab.h"
#include "../mm/bytes_internal.h"

struct user_fpu {
	uint8_t area[64]; /* really cpu_features.xsave_size bytes, 64-byte aligned */
};

static struct slab_cache *fpu_cache;
static size_t fpu_size;

static struct user_fpu *fpu_alloc(void)
{
	return slab_alloc(fpu_cache);
}

bool fpu_alloc_for(struct user_ctx *ctx)
{
	ctx->__fw_fpu = fpu_alloc();
	return ctx->__fw_fpu != NULL;
}

static void fpu_save(struct user_fpu *f)
{
	if (cpu_features.xsave)
		/* SAFETY: f is a 64-byte aligned area of xsave_size bytes. */
		__asm__ volatile("xsave64 (%0)" : : "r"(f), "a"(0xffffffffu), "d"(0xffffffffu) : "memory");
	else
		/* SAFETY: as above; the area is at least 512 bytes, 16-aligned. */
		__asm__ volatile("fxsave64 (%0)" : : "r"(f) : "memory");
}

static void fpu_restore(const struct user_fpu *f)
{
	if (cpu_features.xsave)
		/* SAFETY: as fpu_save; the area holds a state saved by xsave or the init state. */
		__asm__ volatile("xrstor64 (%0)" : : "r"(f), "a"(0xffffffffu), "d"(0xffffffffu) : "memory");
	else
		/* SAFETY: as above. */
		__asm__ volatile("fxrstor64 (%0)" : : "r"(f) : "memory");
}

static void fpu_init_state(struct user_fpu *f)
{
	__builtin_memset(f, 0, fpu_size);
	/* Legacy area: FCW 0x37f, MXCSR 0x1f80; the XSAVE header (all zero) says "initial state". */
	f->area[0] = 0x7f;
	f->area[1] = 0x03;
	uint32_t mxcsr = 0x1f80;
	__builtin_memcpy(&f->area[24], &mxcsr, 4);
}

void fpu_ctx_init(struct user_ctx *ctx)
{
	if (!ctx->__fw_fpu)
		ctx->__fw_fpu = fpu_alloc();
	if (ctx->__fw_fpu)
		fpu_init_state(ctx->__fw_fpu);
	struct cpu_local *c = this_cpu();
	if (c->fpu_owner == ctx)
		c->fpu_owner = NULL;
}

int user_ctx_clone(struct user_ctx *dst, const struct user_ctx *src)
{
	struct cpu_local *c = this_cpu();
	if (!dst->__fw_fpu)
		dst->__fw_fpu = fpu_alloc();
	if (!dst->__fw_fpu)
		return -ENOMEM;
	irqflags_t f = irq_save();
	if (c->fpu_owner == src && src->__fw_fpu)
		fpu_save(src->__fw_fpu); /* the live state is in the registers */
	if (src->__fw_fpu)
		__builtin_memcpy(dst->__fw_fpu, src->__fw_fpu, fpu_size);
	else
		fpu_init_state(dst->__fw_fpu);
	if (c->fpu_owner == dst)
		c->fpu_owner = NULL;
	irq_restore(f);
	dst->regs = src->regs;
	return 0;
}

void user_ctx_release(struct user_ctx *ctx)
{
	irqflags_t f = irq_save();
	if (this_cpu()->fpu_owner == ctx)
		this_cpu()->fpu_owner = NULL;
	irq_restore(f);
	if (ctx->__fw_fpu) {
		slab_free(ctx->__fw_fpu, fpu_size);
		ctx->__fw_fpu = NULL;
	}
}

__attribute__((preserve_most)) void fpu_switch_to(struct cpu_local *c, struct user_ctx *ctx)
{
	if (c->fpu_owner && c->fpu_owner->__fw_fpu)
		fpu_save(c->fpu_owner->__fw_fpu);
	fpu_restore(ctx->__fw_fpu);
	c->fpu_owner = ctx;
}

void fpu_init(void)
{
	fpu_size = cpu_features.xsave ? ALIGN_UP((size_t)cpu_features.xsave_size, 64) : 512;
	fpu_cache = slab_cache_get("struct user_fpu", fpu_size, 64);
}

size_t user_fpu_size(void)
{
	return fpu_size;
}

int user_fpu_save(struct user_ctx *ctx, uptr_t dst)
{
	if (!ctx->__fw_fpu)
		return -EINVAL;
	irqflags_t f = irq_save();
	if (this_cpu()->fpu_owner == ctx)
		fpu_save(ctx->__fw_fpu); /* the live state is in the registers */
	irq_restore(f);
	/* SAFETY: the area is fpu_size bytes of slab memory owned by ctx. */
	return user_write(dst, bytes_from_raw(ctx->__fw_fpu, fpu_size, true));
}

/* Would XRSTOR/FXRSTOR accept this area? (It raises #GP otherwise.) */
static bool fpu_area_valid(const uint8_t *a)
{
	uint32_t mxcsr;
	__builtin_memcpy(&mxcsr, a + 24, 4);
	if (mxcsr & ~0xffffu)
		return false;
	if (!cpu_features.xsave)
		return true;
	uint64_t xstate_bv, xcomp_bv;
	__builtin_memcpy(&xstate_bv, a + 512, 8);
	__builtin_memcpy(&xcomp_bv, a + 520, 8);
	if ((xstate_bv & ~cpu_features.xcr0) || xcomp_bv)
		return false;
	for (int i = 528; i < 576; i++)
		if (a[i])
			return false;
	return true;
}

int user_fpu_load(struct user_ctx *ctx, uptr_t src)
{
	struct user_fpu *f = ctx->__fw_fpu;
	if (!f)
		return -EINVAL;
	irqflags_t flags = irq_save();
	if (this_cpu()->fpu_owner == ctx)
		this_cpu()->fpu_owner = NULL; /* the area becomes the truth: reload it at the next entry */
	irq_restore(flags);
	/* SAFETY: the area is fpu_size bytes of slab memory owned by ctx. */
	int r = user_read(bytes_from_raw(f, fpu_size, false), src);
	if (!r && !fpu_area_valid((const uint8_t *)f))
		r = -EINVAL;
	if (r)
		fpu_init_state(f); /* never leave a half-read or forged area to XRSTOR */
	return r;
}
