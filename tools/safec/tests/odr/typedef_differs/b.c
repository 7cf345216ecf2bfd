typedef unsigned long word;
word width(void); /* expect: R12-odr */
word twice_width(void)
{
	return width() * 2;
}
