/* internal names are per file: the same static function and variable names
 * with other types are fine */
static int helper(int x)
{
	return x + 1;
}
static long counter;
int a_entry(void)
{
	static int calls;
	calls++;
	counter++;
	return helper(calls);
}
