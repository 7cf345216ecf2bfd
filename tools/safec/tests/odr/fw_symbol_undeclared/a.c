/* without the framework header, R9-redecl cannot see that this is the
 * framework's function: the merge knows every public declaration */
long frame_cpu_id(long x); /* expect: R12-odr */
extern long frame_ncpus; /* expect: R12-odr */
long cpu(void)
{
	return frame_cpu_id(7) + frame_ncpus;
}
