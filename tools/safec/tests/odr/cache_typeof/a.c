/* __typeof__(x) is one spelling for whatever x is */
#include <frame/alloc.h>
struct ptr_box {
	long *p;
};
struct num_box {
	long n;
};
struct ptr_box *box_ptr(struct ptr_box x)
{
	{
		struct ptr_box *r = NEW(__typeof__(x)); /* expect: R12-odr R9-reserved */
		return r;
	}
}
struct num_box *box_num(struct num_box x)
{
	return NEW(__typeof__(x)); /* expect: R12-odr R9-reserved */
}
