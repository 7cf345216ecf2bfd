/* the same spelling, `word`, is a different type in each file: identities
 * resolve typedefs */
typedef int word;
word width(void) /* expect: R12-odr */
{
	return 4;
}
