/*
 * Framework links into service objects (G10). An armed timer, an attached
 * IRQ action and a wait queue with waiters (a mutex's too) are reachable
 * from framework lists; freeing the object around one would leave the
 * framework following a pointer into a zeroed or reused slot. (A held mutex
 * is no such link: its owner's unlock of the freed slot panics.) Each slab counts the
 * live links inside its objects (slab_links_add); FREE scans for them only
 * when its slab's count is not zero, so the common free costs one branch.
 */
#ifndef MM_LINKS_H
#define MM_LINKS_H

#include <frame/types.h>

/* Count a link at p made (+1) or undone (-1); nothing unless p is in a slab object. */
void slab_links_add(const void *p, int delta);

/* The address of a live link of each kind inside [lo, hi), or 0. */
uint64_t timer_link_in(uint64_t lo, uint64_t hi);
uint64_t irq_link_in(uint64_t lo, uint64_t hi);
uint64_t wait_link_in(uint64_t lo, uint64_t hi);

#endif
