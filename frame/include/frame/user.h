/*
 * User mode: register state, entering user mode, and user memory.
 *
 * A user thread is a kernel task that loops:
 *
 *     for (;;) {
 *             enum user_exit why = user_run(&ctx, &exc);
 *             ... handle a syscall, an exception or an interrupt, edit ctx.regs ...
 *     }
 *
 * `ctx.regs` is plain data the service may read and write freely; user_run
 * sanitises it on every entry (F2): RFLAGS gets IF set and IOPL, TF, AC, NT,
 * VM, RF cleared, the segments are the user ones, and RIP/RSP must be
 * canonical user addresses. FPU/SSE/AVX state lives in ctx and is saved and
 * restored by the framework.
 *
 * User addresses are `uptr_t`, which cannot be dereferenced: user memory is
 * reached only by copying, only within the user half, only in the address
 * space active on this CPU (F6). Every copy fails with -EFAULT instead of
 * faulting, whatever the address.
 */
#ifndef FRAME_USER_H
#define FRAME_USER_H

#include <frame/types.h>
#include <frame/bytes.h>

struct user_regs {
	uint64_t rax, rbx, rcx, rdx, rsi, rdi, rbp, rsp;
	uint64_t r8, r9, r10, r11, r12, r13, r14, r15;
	uint64_t rip, rflags;
	uint64_t fs_base, gs_base;
};

struct user_fpu;

struct user_ctx {
	struct user_regs regs;
	struct user_fpu *__fw_fpu; /* XSAVE area, allocated on first use */
};

enum user_exit {
	USER_EXIT_SYSCALL, /* regs.rax holds the number; the result goes back in regs.rax */
	USER_EXIT_EXCEPTION, /* details in *exc */
	USER_EXIT_INTERRUPT, /* an interrupt (e.g. a reschedule) ended the run; just run again */
};

struct user_exception {
	unsigned vector; /* 0 divide error, 6 invalid opcode, 13 general protection, 14 page fault, ... */
	uint64_t error_code;
	uint64_t fault_addr; /* for page faults: the address (CR2) */
};

/* Not a CPU exception: the framework could not allocate the context's FPU area. */
#define USER_EXC_NOMEM 256

#define PF_ERR_PRESENT (1u << 0)
#define PF_ERR_WRITE (1u << 1)
#define PF_ERR_USER (1u << 2)
#define PF_ERR_FETCH (1u << 4)

/* Enter user mode with ctx->regs and return when user mode is left. */
enum user_exit user_run(struct user_ctx *ctx, struct user_exception *exc __noescape);
/* Initialise a fresh context: zeroed registers, default FPU state. */
void user_ctx_init(struct user_ctx *ctx);
/* Copy regs and FPU state (fork, clone). 0 or -ENOMEM. */
int user_ctx_clone(struct user_ctx *dst, const struct user_ctx *src);
void user_ctx_release(struct user_ctx *ctx);

/* ---- user addresses ---- */

typedef struct {
	uint64_t __fw_addr;
} uptr_t;

static inline uptr_t uptr(uint64_t addr)
{
	return (uptr_t){ addr };
}

static inline uint64_t uptr_value(uptr_t p)
{
	return p.__fw_addr;
}

static inline uptr_t uptr_add(uptr_t p, uint64_t off)
{
	return (uptr_t){ p.__fw_addr + off };
}

static inline bool uptr_is_null(uptr_t p)
{
	return p.__fw_addr == 0;
}

/* Copy bytes_len(dst) bytes from user memory. 0 or -EFAULT. */
int user_read(struct bytes dst, uptr_t src);
/* Copy all of src to user memory. 0 or -EFAULT. */
int user_write(uptr_t dst, struct bytes src);
/* Zero len bytes of user memory. 0 or -EFAULT. */
int user_clear(uptr_t dst, size_t len);
/*
 * Copy a NUL-terminated string into dst (NUL included). Returns its length
 * without the NUL, -EFAULT, or -ENAMETOOLONG when it does not fit in dst.
 */
ssize_t user_read_str(struct bytes dst, uptr_t src);

/*
 * A whole array of 64-bit words in one copy: user_read_words(src, arr) and
 * user_write_words(dst, arr), where arr is an array (not a pointer) of
 * uint64_t. The count comes from the array's type, so it cannot be wrong.
 */
int user_words_in(uptr_t src, uint64_t *dst __noescape, size_t n);
int user_words_out(uptr_t dst, const uint64_t *src __noescape, size_t n);
#define user_read_words(src, arr)                                                                        \
	({                                                                                               \
		_Static_assert(__builtin_types_compatible_p(__typeof__(arr), uint64_t[sizeof(arr) / 8]), \
			       "user_read_words needs an array of uint64_t");                            \
		user_words_in((src), &(arr)[0], sizeof(arr) / 8);                                        \
	})
#define user_write_words(dst, arr)                                                                       \
	({                                                                                               \
		_Static_assert(__builtin_types_compatible_p(__typeof__(arr), uint64_t[sizeof(arr) / 8]), \
			       "user_write_words needs an array of uint64_t");                           \
		user_words_out((dst), &(arr)[0], sizeof(arr) / 8);                                       \
	})

int user_read_u32(uptr_t src, uint32_t *out __noescape);
int user_read_u64(uptr_t src, uint64_t *out __noescape);
int user_write_u32(uptr_t dst, uint32_t v);
int user_write_u64(uptr_t dst, uint64_t v);
/* An atomic load of an aligned user word, for futexes. 0, -EFAULT or -EINVAL (misaligned). */
int user_atomic_load_u32(uptr_t src, uint32_t *out __noescape);

/*
 * FPU/SSE/AVX state in user memory, for signal frames: the size of the
 * area (XSAVE layout, 64-byte alignment wanted), saving ctx's state there,
 * and loading it back. Loading validates the area (reserved bits, features
 * the CPU lacks) so a forged frame fails with -EINVAL instead of faulting
 * in the kernel. 0, -EFAULT or -EINVAL.
 */
size_t user_fpu_size(void);
int user_fpu_save(struct user_ctx *ctx, uptr_t dst);
int user_fpu_load(struct user_ctx *ctx, uptr_t src);

#endif /* FRAME_USER_H */
