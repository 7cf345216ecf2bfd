__attribute__((pure)) int tick(void); /* expect: R12-odr R11-attr */
int twice(void)
{
	return tick() + tick();
}
