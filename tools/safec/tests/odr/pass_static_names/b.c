static long helper(long x, long y)
{
	return x * y;
}
static int counter[4];
long b_entry(void)
{
	static long calls;
	calls++;
	counter[1]++;
	return helper(calls, counter[1]);
}
