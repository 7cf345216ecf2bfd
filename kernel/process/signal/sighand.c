/* Handler tables and the default action of each signal. */
#include <frame/alloc.h>
#include "process/signal/signal.h"

enum sig_default sig_default_action(int sig)
{
	switch (sig) {
	case SIGCHLD:
	case SIGURG:
	case SIGWINCH:
		return SIG_DEF_IGNORE;
	case SIGSTOP:
	case SIGTSTP:
	case SIGTTIN:
	case SIGTTOU:
		return SIG_DEF_STOP;
	case SIGCONT:
		return SIG_DEF_CONT;
	case SIGQUIT:
	case SIGILL:
	case SIGTRAP:
	case SIGABRT:
	case SIGBUS:
	case SIGFPE:
	case SIGSEGV:
	case SIGXCPU:
	case SIGXFSZ:
	case SIGSYS:
		return SIG_DEF_CORE;
	default:
		return SIG_DEF_TERM; /* including the real-time signals */
	}
}

struct sighand *sighand_new(void)
{
	struct sighand *sh = NEW(struct sighand);
	if (!sh)
		return NULL;
	sh->refs = 1;
	return sh;
}

struct sighand *sighand_copy(struct sighand *src)
{
	struct sighand *sh = sighand_new();
	if (!sh)
		return NULL;
	spin_lock(&src->lock);
	for (int i = 0; i < NSIG; i++)
		sh->action[i] = src->action[i];
	spin_unlock(&src->lock);
	return sh;
}

void sighand_put(struct sighand *sh)
{
	spin_lock(&sh->lock);
	bool last = --sh->refs == 0;
	spin_unlock(&sh->lock);
	if (last)
		FREE(sh);
}

void sighand_reset_for_exec(struct sighand *sh)
{
	spin_lock(&sh->lock);
	for (int i = 0; i < NSIG; i++) {
		if (sh->action[i].handler != SIG_IGN)
			sh->action[i] = (struct k_sigaction){ 0 };
		sh->action[i].flags = 0;
		sh->action[i].mask = 0;
		sh->action[i].restorer = 0;
	}
	spin_unlock(&sh->lock);
}
