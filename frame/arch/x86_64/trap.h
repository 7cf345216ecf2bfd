/* The register frame built by trap_entry.S. Framework-private. */
#ifndef ARCH_TRAP_H
#define ARCH_TRAP_H

#include <frame/types.h>

struct trap_frame {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8, rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector, error;
	uint64_t rip, cs, rflags, rsp, ss;
};

#define VEC_DE 0
#define VEC_NMI 2
#define VEC_BP 3
#define VEC_UD 6
#define VEC_DF 8
#define VEC_GP 13
#define VEC_PF 14
#define VEC_MC 18
#define VEC_IRQ_BASE 32
#define VEC_SPURIOUS 0xff

#define IST_DF 1
#define IST_NMI 2
#define IST_MC 3

void idt_init(void);
void idt_set_ist(unsigned vec, unsigned ist);
void gdt_init_cpu(void);
void trap_dispatch(struct trap_frame *f);
__noreturn void trap_report_and_panic(struct trap_frame *f, const char *why);

/* An exception table entry: a faulting kernel instruction and where to resume. */
struct extable_entry {
	uint64_t fault_ip;
	uint64_t fixup_ip;
};

#endif
void trap_init_ist(void);
extern bool (*user_trap_hook)(struct trap_frame *f);
extern bool (*user_copy_fault_hook)(struct trap_frame *f, uint64_t addr);
void user_init(void);
