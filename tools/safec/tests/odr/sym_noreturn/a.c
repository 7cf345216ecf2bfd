/* returns, although another file says it does not (the caller's code after
 * the call is gone: execution falls into whatever follows) */
int stop_count;
void stop(void) /* expect: R12-odr */
{
	stop_count++;
}
void halt(void) /* expect: R12-odr */
{
	stop_count--;
}
