/* Fake framework boot header for the safec tests (trusted code). */
#ifndef FRAME_BOOT_H
#define FRAME_BOOT_H
/* defined by services (service-defined-symbol in frame/safec.rules) */
void service_main(void);
#endif
