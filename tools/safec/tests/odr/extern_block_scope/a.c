/* a block-scope extern declaration is a declaration of the symbol too */
long level; /* expect: R12-odr */
long get_level(void)
{
	return level;
}
