/* The program the exec benchmarks run: a static binary that exits at once. */
int main(void)
{
	return 0;
}
