extern int table[64]; /* expect: R12-odr */
extern int counter; /* expect: R12-odr */
int last(void)
{
	return table[63] + counter;
}
