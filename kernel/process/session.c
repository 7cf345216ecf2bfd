/*
 * Sessions, process groups and controlling terminals: job control in one
 * place. A terminal embeds a struct ctty (the session it controls and its
 * foreground group) and calls these functions from its ioctls, reads and
 * line discipline; process exit calls session_leader_exited. Keeping both
 * sides here, under tasklist_lock (which also guards every process's pgid,
 * sid and ctty_dev), means neither the terminal nor the process code needs
 * to know the other.
 */
#include "process/process.h"

static struct ctty *terminals; /* every registered terminal; tasklist_lock */

void ctty_register(struct ctty *c, uint32_t dev)
{
	mutex_lock(&tasklist_lock);
	*c = (struct ctty){ .dev = dev, .next = terminals };
	terminals = c;
	mutex_unlock(&tasklist_lock);
}

/* tasklist_lock held. */
static bool in_background(const struct ctty *c, const struct process *p)
{
	return c->sid && p->sid == c->sid && c->fg_pgrp > 0 && p->pgid != c->fg_pgrp;
}

bool ctty_stop_background_reader(struct ctty *c, struct process *p)
{
	mutex_lock(&tasklist_lock);
	bool background = in_background(c, p);
	if (background)
		signal_send_pgrp_locked(p->pgid, SIGTTIN);
	mutex_unlock(&tasklist_lock);
	return background;
}

void ctty_signal_foreground(struct ctty *c, int sig)
{
	mutex_lock(&tasklist_lock);
	if (c->fg_pgrp > 0)
		signal_send_pgrp_locked(c->fg_pgrp, sig);
	mutex_unlock(&tasklist_lock);
}

int ctty_get_pgrp(struct ctty *c, struct process *p)
{
	mutex_lock(&tasklist_lock);
	int r = p->sid == c->sid ? c->fg_pgrp : -ENOTTY;
	mutex_unlock(&tasklist_lock);
	return r;
}

int ctty_set_pgrp(struct ctty *c, struct process *p, int pgrp)
{
	if (pgrp < 0)
		return -EINVAL;
	mutex_lock(&tasklist_lock);
	int r = -ENOTTY;
	if (p->sid != c->sid)
		goto out_unlock;
	bool exists = false, here = false;
	for (struct process *q = process_list(); q; q = q->next_all) {
		if (q->state != PROC_RUNNING || q->pgid != pgrp)
			continue;
		exists = true;
		here |= q->sid == p->sid;
	}
	r = !exists ? -ESRCH : !here ? -EPERM /* a group of another session */ : 0;
	if (!r)
		c->fg_pgrp = pgrp;
out_unlock:
	mutex_unlock(&tasklist_lock);
	return r;
}

int ctty_get_sid(struct ctty *c)
{
	mutex_lock(&tasklist_lock);
	int sid = c->sid ? c->sid : -ENOTTY;
	mutex_unlock(&tasklist_lock);
	return sid;
}

/* tasklist_lock held. */
static void attach(struct ctty *c, struct process *p)
{
	c->sid = p->sid;
	c->fg_pgrp = p->pgid;
	p->ctty_dev = c->dev;
}

int ctty_acquire(struct ctty *c, struct process *p, bool steal)
{
	mutex_lock(&tasklist_lock);
	int r = 0;
	if (p->sid != p->pid || (c->sid && c->sid != p->sid && !steal))
		r = -EPERM;
	else
		attach(c, p);
	mutex_unlock(&tasklist_lock);
	return r;
}

void ctty_acquire_on_open(struct ctty *c, struct process *p)
{
	mutex_lock(&tasklist_lock);
	if (p->sid == p->pid && !p->ctty_dev && !c->sid)
		attach(c, p);
	mutex_unlock(&tasklist_lock);
}

int ctty_release(struct ctty *c, struct process *p)
{
	mutex_lock(&tasklist_lock);
	int r = 0;
	if (p->ctty_dev != c->dev) {
		r = -ENOTTY;
	} else {
		p->ctty_dev = 0;
		if (p->sid == p->pid)
			c->sid = 0;
	}
	mutex_unlock(&tasklist_lock);
	return r;
}

bool ctty_controls(struct ctty *c, struct process *p)
{
	mutex_lock(&tasklist_lock);
	bool yes = p->ctty_dev == c->dev;
	mutex_unlock(&tasklist_lock);
	return yes;
}

int ctty_foreground(uint32_t dev)
{
	int pgrp = -1;
	mutex_lock(&tasklist_lock);
	for (struct ctty *c = terminals; c; c = c->next)
		if (dev && c->dev == dev && c->fg_pgrp > 0)
			pgrp = c->fg_pgrp;
	mutex_unlock(&tasklist_lock);
	return pgrp;
}

void session_leader_exited(struct process *leader)
{
	for (struct ctty *c = terminals; c; c = c->next) {
		if (!leader->sid || c->sid != leader->sid)
			continue;
		int fg = c->fg_pgrp;
		c->sid = 0;
		c->fg_pgrp = 0;
		if (fg > 0)
			signal_send_pgrp_locked(fg, SIGHUP);
	}
}
