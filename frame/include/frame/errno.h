/*
 * Linux error numbers the framework itself returns (actions return 0 or a
 * negative one of these). The rest of Linux's numbers live with the services,
 * in kernel/lib/errno.h, which includes this file.
 */
#ifndef FRAME_ERRNO_H
#define FRAME_ERRNO_H

#define ENOENT 2
#define EINTR 4
#define ENOMEM 12
#define EFAULT 14
#define EBUSY 16
#define EEXIST 17
#define EINVAL 22
#define ENAMETOOLONG 36
#define ETIMEDOUT 110

#endif /* FRAME_ERRNO_H */
