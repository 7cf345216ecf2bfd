_Noreturn void stop(void); /* expect: R12-odr */
int check(int x)
{
	if (x > 3)
		stop();
	return x;
}
