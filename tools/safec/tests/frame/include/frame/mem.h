/* Fake framework memory API for the safec tests (trusted code). */
#ifndef FRAME_MEM_H
#define FRAME_MEM_H
#include <frame/types.h>

void *__fw_cache_alloc(size_t size);
void __fw_cache_free(void *p);
void *frame_raw_alloc(size_t size);

/* typed allocation: expands to a cast */
#define NEW(T) ((T *)__fw_cache_alloc(sizeof(T)))
#define FREE(p) __fw_cache_free((void *)(p))

/* container_of: pointer arithmetic and casts */
#define container_of(ptr, T, member) \
	((T *)((char *)(ptr) - offsetof(T, member)))

/* byte slices */
#include <frame/bytes.h>
#define BYTES_AT(b, i) ((b).__fw_ptr[(i)])
#define PTR_ADD(p, n) ((p) + (n))
#define PTR_OF(p) (p)
#define FW_ID(x) x
int *frame_base(void);
#define FW_BASE (frame_base())

/* a macro with a statement expression and a static local */
#define ONCE(expr) ({ static bool __fw_done; bool __fw_r = !__fw_done; \
	if (__fw_r) { __fw_done = true; (void)(expr); } __fw_r; })

/* trusted variable the service must not redeclare */
extern int frame_ncpus;
int frame_cpu_id(void);

void copy_to_local(struct bytes *dst __noescape, int n);
void fill_u32(u32 *dst __noescape, u32 v);
void keep_ptr(u32 *p);
void fw_compare(const void *a __noescape, const void *b __noescape);
#define IS_ARRAY(a) (!__builtin_types_compatible_p(__typeof__(a), __typeof__(&(a)[0])))
#define ELEM_PTR(a, i) ({ _Static_assert(IS_ARRAY(a), "array"); \
	unsigned long __fw_i = (i); if (__fw_i >= sizeof(a) / sizeof((a)[0])) __builtin_trap(); &(a)[__fw_i]; })

#endif
