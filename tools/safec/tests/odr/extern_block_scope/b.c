int peek_level(void)
{
	extern int level; /* expect: R12-odr */
	return level;
}
