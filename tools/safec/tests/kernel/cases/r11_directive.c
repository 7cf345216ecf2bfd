#include <frame/mem.h>
/* directives that change what the compiler or the checker sees */
#line 1 "kernel/other/file.c" /* expect: R11-directive */
# 7 "kernel/other/file.c" /* expect: R11-directive */
#ident "x" /* expect: R11-directive */
#/* a comment between */pragma pack(1) /* expect: R11-pragma */
/* expect: R11-pragma */ #\
pragma pack(1)
	  #  pragma pack(1) /* expect: R11-pragma */
#sccs "x" /* expect: R11-directive */
int f(void) { return 0; }
