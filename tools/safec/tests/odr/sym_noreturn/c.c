/* the GNU spelling is part of the function type rather than an attribute */
__attribute__((noreturn)) void halt(void); /* expect: R12-odr */
int check_halt(int x)
{
	if (x)
		halt();
	return 1;
}
