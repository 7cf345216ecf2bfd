/*
 * Signals: numbers, actions, the per-process handler table and the
 * per-thread masks. Delivery builds Linux's x86-64 rt_sigframe on the user
 * stack (deliver.c); sending picks a thread and interrupts its sleep (send.c).
 */
#ifndef KERNEL_PROCESS_SIGNAL_SIGNAL_H
#define KERNEL_PROCESS_SIGNAL_SIGNAL_H

#include <frame/types.h>
#include <frame/spinlock.h>
#include <frame/bytes.h>

struct process;
struct thread;

#define NSIG 64

#define SIGHUP 1
#define SIGINT 2
#define SIGQUIT 3
#define SIGILL 4
#define SIGTRAP 5
#define SIGABRT 6
#define SIGBUS 7
#define SIGFPE 8
#define SIGKILL 9
#define SIGUSR1 10
#define SIGSEGV 11
#define SIGUSR2 12
#define SIGPIPE 13
#define SIGALRM 14
#define SIGTERM 15
#define SIGSTKFLT 16
#define SIGCHLD 17
#define SIGCONT 18
#define SIGSTOP 19
#define SIGTSTP 20
#define SIGTTIN 21
#define SIGTTOU 22
#define SIGURG 23
#define SIGXCPU 24
#define SIGXFSZ 25
#define SIGVTALRM 26
#define SIGPROF 27
#define SIGWINCH 28
#define SIGIO 29
#define SIGPWR 30
#define SIGSYS 31

#define SIG_DFL 0ul
#define SIG_IGN 1ul

#define SA_NOCLDSTOP 0x00000001ul
#define SA_NOCLDWAIT 0x00000002ul
#define SA_SIGINFO 0x00000004ul
#define SA_RESTORER 0x04000000ul
#define SA_ONSTACK 0x08000000ul
#define SA_RESTART 0x10000000ul
#define SA_NODEFER 0x40000000ul
#define SA_RESETHAND 0x80000000ul
#define SA_KNOWN_FLAGS \
	(SA_NOCLDSTOP | SA_NOCLDWAIT | SA_SIGINFO | SA_RESTORER | SA_ONSTACK | SA_RESTART | SA_NODEFER | SA_RESETHAND)

#define SIG_BLOCK 0
#define SIG_UNBLOCK 1
#define SIG_SETMASK 2

/* What a handler's siginfo says about where a signal came from. */
struct sig_info {
	int32_t code; /* SI_USER, SI_KERNEL, SI_QUEUE, SI_TKILL, CLD_*, SEGV_* ... */
	int32_t pid; /* sender, or the child for SIGCHLD */
	uint32_t uid;
	int32_t status; /* SIGCHLD: exit code or signal */
	uint64_t addr; /* faults: the address */
	uint64_t value; /* sigqueue: the value */
};

#define SI_USER 0
#define SI_KERNEL 0x80
#define SI_QUEUE (-1)
#define SI_TKILL (-6)
#define CLD_EXITED 1
#define CLD_KILLED 2
#define CLD_DUMPED 3
#define CLD_STOPPED 5
#define CLD_CONTINUED 6
#define SEGV_MAPERR 1
#define SEGV_ACCERR 2
#define BUS_ADRERR 2
#define SIGINFO_SIZE 128

#define SIGRTMIN_K 32 /* the first real-time signal: these queue, one entry per send */

/* One queued real-time signal. */
struct sigqueue_entry {
	int sig;
	struct sig_info info;
	struct sigqueue_entry *next;
};

/* A Linux siginfo_t as 16 words. */
struct siginfo_words {
	uint64_t w[SIGINFO_SIZE / 8];
};
struct siginfo_words sig_info_words(int sig, struct sig_info info);
/* Lay out a Linux siginfo_t for sig in out (SIGINFO_SIZE bytes). */
void sig_info_fill(struct bytes out, int sig, struct sig_info info);

static inline uint64_t sig_bit(int sig)
{
	return 1ull << (sig - 1);
}

#define SIG_UNBLOCKABLE (sig_bit(SIGKILL) | sig_bit(SIGSTOP))

struct k_sigaction {
	uint64_t handler; /* SIG_DFL, SIG_IGN or a user address */
	uint64_t flags;
	uint64_t restorer;
	uint64_t mask;
};

/* The handler table, shared by the threads of a process (and by CLONE_SIGHAND). */
struct sighand {
	struct spinlock lock;
	uint32_t refs;
	struct k_sigaction action[NSIG];
};

enum sig_default { SIG_DEF_TERM, SIG_DEF_CORE, SIG_DEF_IGNORE, SIG_DEF_STOP, SIG_DEF_CONT };
enum sig_default sig_default_action(int sig);

struct sighand *sighand_new(void);
struct sighand *sighand_copy(struct sighand *src);
void sighand_put(struct sighand *sh);
/* exec: handled signals go back to SIG_DFL; ignored ones stay ignored. */
void sighand_reset_for_exec(struct sighand *sh);

/* Sending (send.c) and delivering (deliver.c). */
int signal_send_process(struct process *p, int sig);
int signal_send_thread(struct thread *t, int sig);
/* -ESRCH when the group is empty. */
int signal_send_pgrp(int pgid, int sig);
int signal_send_pgrp_locked(int pgid, int sig); /* tasklist_lock held; how many got it */
/* With an explicit origin (SIGCHLD from exit, sigqueue, tgkill...). */
int signal_send_process_info(struct process *p, int sig, struct sig_info info);
int signal_send_thread_info(struct thread *t, int sig, struct sig_info info);
/* The origin of a signal sent by the current thread (SI_USER from its process, or SI_KERNEL). */
struct sig_info sig_info_from_current(int32_t code);
/* A synchronous signal from an exception: unblocked and undeferrable. */
void signal_force(struct thread *t, int sig, int32_t code, uint64_t fault_addr);
/* Take one pending signal of `set` (any blocked state): its number and origin, or 0. sig_lock held. */
int signal_dequeue(struct thread *t, uint64_t set, struct sig_info *info __noescape);
/* Free queued real-time signals (exit). */
void sigqueue_free(struct sigqueue_entry *q);
/* Pending and not blocked. */
bool signal_pending(struct thread *t);
/* Deliver what is pending and unblocked, and restart or finish the system call, before user mode. */
void signal_deliver(struct thread *t);
int64_t signal_sigreturn(struct thread *t);

#endif /* KERNEL_PROCESS_SIGNAL_SIGNAL_H */
