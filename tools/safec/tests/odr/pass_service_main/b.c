void service_main(void);
extern int started;
void restart(void)
{
	started = 0;
	service_main();
}
