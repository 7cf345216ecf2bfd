/* G12: the definition returns a struct of its own ... */
struct fake {
	unsigned char *p;
	unsigned long len;
};
struct fake mk(void) /* expect: R12-odr */
{
	struct fake f = {0, 1ul << 40};
	return f;
}
