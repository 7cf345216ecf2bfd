/* the definition keeps the pointer ... */
static int *kept;
void keep(int *p) /* expect: R12-odr */
{
	kept = p;
}
