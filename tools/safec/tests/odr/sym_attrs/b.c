__attribute__((pure)) int tick(void); /* expect: R12-odr */
int twice(void)
{
	return tick() + tick();
}
