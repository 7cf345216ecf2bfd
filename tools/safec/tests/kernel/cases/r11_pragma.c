#include <frame/mem.h>
#include <frame/cpu.h>
#pragma pack(1) /* expect: R11-pragma */
struct s { char c; int i; };
#pragma pack() /* expect: R11-pragma */
_Pragma("GCC diagnostic ignored \"-Wunused\"") /* expect: R11-pragma */
