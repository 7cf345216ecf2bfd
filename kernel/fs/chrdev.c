/*
 * The character-device table: (major, minor) -> the driver's file_ops.
 *
 * Drivers register here; device nodes (in devfs or anywhere else) only hold
 * the number, and open() looks the driver up. A number can be reserved
 * before its driver exists (the TTY service registers /dev/tty and
 * /dev/console later): opening it meanwhile fails with ENXIO, as Linux does
 * for a node without a driver.
 */
#include "vfs.h"

#define MAX_CHRDEVS 64

struct chrdev {
	uint32_t major, minor;
	bool used;
	const struct file_ops *ops; /* NULL while only reserved */
};

static struct spinlock chrdev_lock = SPINLOCK_INIT;
static struct chrdev chrdevs[MAX_CHRDEVS];

/* The slot for (major, minor), or a free one when absent (or MAX_CHRDEVS when full). chrdev_lock held. */
static size_t slot_of(uint32_t major, uint32_t minor, bool *found __noescape)
{
	size_t free_slot = MAX_CHRDEVS;
	for (size_t i = 0; i < MAX_CHRDEVS; i++) {
		if (chrdevs[i].used && chrdevs[i].major == major && chrdevs[i].minor == minor) {
			*found = true;
			return i;
		}
		if (!chrdevs[i].used && free_slot == MAX_CHRDEVS)
			free_slot = i;
	}
	*found = false;
	return free_slot;
}

static int claim(uint32_t major, uint32_t minor, const struct file_ops *ops)
{
	int err = 0;
	bool found = false;
	spin_lock(&chrdev_lock);
	size_t i = slot_of(major, minor, &found);
	if (found && (chrdevs[i].ops || !ops))
		err = -EEXIST; /* taken, or reserved twice */
	else if (i == MAX_CHRDEVS)
		err = -ENOSPC;
	else
		chrdevs[i] = (struct chrdev){ .major = major, .minor = minor, .used = true, .ops = ops };
	spin_unlock(&chrdev_lock);
	return err;
}

int chrdev_register(uint32_t major, uint32_t minor, const struct file_ops *ops)
{
	if (!ops)
		return -EINVAL;
	return claim(major, minor, ops);
}

int chrdev_reserve(uint32_t major, uint32_t minor)
{
	return claim(major, minor, NULL);
}

const struct file_ops *chrdev_lookup(uint32_t major, uint32_t minor)
{
	bool found = false;
	spin_lock(&chrdev_lock);
	size_t i = slot_of(major, minor, &found);
	const struct file_ops *ops = found ? chrdevs[i].ops : NULL;
	spin_unlock(&chrdev_lock);
	return ops;
}
