/* `pure` lets the optimiser drop or merge calls: a side effect the
 * declaration hides is a promise nothing checks */
int ticks;
int tick(void) /* expect: R12-odr */
{
	return ++ticks;
}
