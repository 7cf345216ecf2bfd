/*
 * Service-side variants of the framework's argument checks
 * (frame/ktest/api_args_test.c): what a service can write to reach them.
 */
#include <frame/ktest.h>
#include <frame/alloc.h>

/* Slot 0 of a one-page slab would lie past the page: NEW must refuse the type. */
struct kt_overaligned {
	_Alignas(8192) uint8_t b[8];
};

KTEST_PANICS(service_new_of_an_over_aligned_type_panics, "cannot have a cache")
{
	struct kt_overaligned *p = NEW(struct kt_overaligned);
	FREE(p);
}
