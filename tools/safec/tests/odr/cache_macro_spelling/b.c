/* the same spelling in another file is another cache: fine */
#include <frame/alloc.h>
struct other_obj {
	long v;
};
#define OBJ struct other_obj
struct other_obj *make_other(void)
{
	return NEW(OBJ);
}
