#include <frame/types.h>
/* ELEM_PTR over a pointer would bound the index by sizeof(pointer) / sizeof(element) */
struct item { uint64_t a, b; };
struct item *at(struct item *p, size_t i) { return ELEM_PTR(p, i); } /* expect-build: compile "ELEM_PTR needs an array" */
