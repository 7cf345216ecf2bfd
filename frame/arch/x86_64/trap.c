/*
 * Exception dispatch and the crash report.
 *
 * Exceptions from kernel mode are framework or service bugs, unless the
 * faulting instruction is in the exception table (user copies), in which
 * case execution resumes at its fixup. Each report names the exception, the
 * error code, the registers, CR2 for page faults, the failed sanitizer check
 * for clang's `ud1` traps (with the check's source line), and a backtrace.
 * Exceptions from user mode and interrupts are handed to their owners.
 */
#include "console/kprint.h"
#include <frame/panic.h>
#include "trap.h"
#include "x86.h"
#include "../console/kprint.h"
#include "../console/symbols.h"
#include "../irq/irq_internal.h"
#include "../cpu/percpu.h"
#include "../mm/layout.h"
#include "../mm/kstack.h"

static const char *const exception_names[32] = {
	"divide error",
	"debug",
	"NMI",
	"breakpoint",
	"overflow",
	"bound range",
	"invalid opcode",
	"device not available",
	"double fault",
	"coprocessor overrun",
	"invalid TSS",
	"segment not present",
	"stack fault",
	"general protection",
	"page fault",
	"reserved",
	"x87 FP error",
	"alignment check",
	"machine check",
	"SIMD FP error",
	"virtualization",
	"control protection",
};

/* clang's SanitizerHandler numbering (clang 19), carried in `ud1 N(%eax), %eax`. */
static const char *sanitizer_check_name(unsigned kind)
{
	switch (kind) {
	case 0:
		return "signed integer overflow in addition";
	case 1:
		return "__builtin_unreachable reached";
	case 3:
		return "division overflow or division by zero";
	case 8:
		return "invalid builtin argument";
	case 10:
		return "load of an invalid value (bool or enum)";
	case 11:
		return "missing return value";
	case 12:
		return "signed integer overflow in multiplication";
	case 13:
		return "signed integer overflow in negation";
	case 18:
		return "array index out of bounds";
	case 19:
		return "pointer overflow";
	case 20:
		return "shift out of bounds";
	case 21:
		return "signed integer overflow in subtraction";
	case 22:
		return "type mismatch (misaligned or null access)";
	default:
		return NULL;
	}
}

extern const struct extable_entry __extable_start[], __extable_end[];
extern const uint64_t __kcfi_traps_start[], __kcfi_traps_end[];

static bool is_kcfi_trap(uint64_t rip)
{
	/*
	 * .kcfi_traps holds 32-bit PC-relative offsets to each check's ud2.
	 * SAFETY: the linker bounds the section with these symbols; each entry is 4 aligned bytes.
	 */
	const int32_t *start = (const int32_t *)__kcfi_traps_start, *end = (const int32_t *)__kcfi_traps_end;
	for (const int32_t *p = start; p < end; p++)
		if ((uint64_t)p + *p == rip)
			return true;
	return false;
}

/* Name the check behind an invalid-opcode trap at `rip` in kernel text, or NULL. */
static const char *decode_ud(uint64_t rip, char *buf, size_t cap)
{
	if (rip < (uint64_t)__kernel_start || rip + 4 > (uint64_t)__text_end)
		return NULL;
	/* SAFETY: rip was checked to lie inside kernel text, which is mapped and readable. */
	const uint8_t *op = (const uint8_t *)rip;
	if (op[0] == 0x67) /* clang emits `addr32 ud1` */
		op++;
	if (op[0] == 0x0f && op[1] == 0xb9 && (op[2] == 0x40 || op[2] == 0x00)) {
		/* ModRM 0x40 carries the check kind as an 8-bit displacement; 0x00 means kind 0. */
		unsigned kind = op[2] == 0x40 ? op[3] : 0;
		const char *name = sanitizer_check_name(kind);
		if (name)
			format_buf(buf, cap, "sanitizer trap: %s", name);
		else
			format_buf(buf, cap, "sanitizer trap: check kind %u", kind);
		return buf;
	}
	if (op[0] == 0x0f && op[1] == 0x0b)
		return is_kcfi_trap(rip) ? "kCFI: indirect call through a function pointer of the wrong type"
					 : "ud2: explicit trap";
	return NULL;
}

static void print_registers(const struct trap_frame *f)
{
	console_printf("RIP %04lx:%016lx RFLAGS %016lx  RSP %04lx:%016lx\n", f->cs, f->rip, f->rflags, f->ss, f->rsp);
	console_printf("RAX %016lx RBX %016lx RCX %016lx RDX %016lx\n", f->rax, f->rbx, f->rcx, f->rdx);
	console_printf("RSI %016lx RDI %016lx RBP %016lx R8  %016lx\n", f->rsi, f->rdi, f->rbp, f->r8);
	console_printf("R9  %016lx R10 %016lx R11 %016lx R12 %016lx\n", f->r9, f->r10, f->r11, f->r12);
	console_printf("R13 %016lx R14 %016lx R15 %016lx\n", f->r13, f->r14, f->r15);
	console_printf("CR0 %016lx CR2 %016lx CR3 %016lx CR4 %016lx\n", read_cr0(), read_cr2(), read_cr3(), read_cr4());
}

void panic_begin(void);
__noreturn void panic_end(void);

__noreturn void trap_report_and_panic(struct trap_frame *f, const char *why)
{
	char buf[96];
	panic_begin();
	unsigned v = (unsigned)f->vector;
	console_printf("exception %u (%s), error code %#lx, in %s mode\n", v, v < 32 ? exception_names[v] : "?",
		       f->error, (f->cs & 3) ? "user" : "kernel");
	if (why)
		console_printf("reason: %s\n", why);
	if (v == VEC_UD) {
		const char *check = decode_ud(f->rip, buf, sizeof(buf));
		if (check)
			console_printf("reason: %s\n", check);
	}
	if ((v == VEC_PF || v == VEC_DF) && kstack_is_guard(read_cr2()))
		console_printf("reason: kernel stack overflow (hit the guard page at %016lx)\n", read_cr2());
	if (v == VEC_PF)
		console_printf("fault address %016lx: %s %s %s%s\n", read_cr2(),
			       (f->error & 1) ? "protection violation" : "not present",
			       (f->error & 2) ? "on write" : "on read", (f->error & 4) ? "from user" : "from kernel",
			       (f->error & 16) ? " (instruction fetch)" : "");
	/* Named on the host: tools/symbolise.sh ELF LOG. */
	console_printf("at %016lx\n", f->rip);
	print_registers(f);
	backtrace_print(f->rip, f->rbp);
	panic_end();
}

/* Set by the user-mode layer (user/user.c). */
bool (*user_trap_hook)(struct trap_frame *f);
bool (*user_copy_fault_hook)(struct trap_frame *f, uint64_t addr);

static const struct extable_entry *extable_find(uint64_t rip)
{
	for (const struct extable_entry *e = __extable_start; e < __extable_end; e++)
		if (e->fault_ip == rip)
			return e;
	return NULL;
}

void trap_dispatch(struct trap_frame *f)
{
	unsigned v = (unsigned)f->vector;
	if ((f->cs & 3) && user_trap_hook && user_trap_hook(f))
		return; /* not reached: user_trap_hook leaves through user_trap_longjmp */
	if (v >= VEC_IRQ_BASE) {
		irq_dispatch(f);
		return;
	}
	if (v == VEC_PF && !(f->cs & 3)) {
		const struct extable_entry *e = extable_find(f->rip);
		if (e) {
			/* A user copy faulted: let the page-fault policy map the page, else fail the copy. */
			if (user_copy_fault_hook && user_copy_fault_hook(f, read_cr2()))
				return;
			f->rip = e->fixup_ip;
			return;
		}
	}
	trap_report_and_panic(f, NULL);
}
