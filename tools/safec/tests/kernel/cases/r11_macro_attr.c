#include <frame/mem.h>
#include <frame/cpu.h>
#define PACKED __attribute__((packed)) /* expect: R11-attr */
struct PACKED s { char c; int i; };
