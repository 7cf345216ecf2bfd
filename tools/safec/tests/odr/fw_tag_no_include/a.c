/* a framework type completed by a file that does not include its header */
struct task { /* expect: R12-odr */
	unsigned long rsp;
};
unsigned long task_rsp(struct task *t)
{
	return t->rsp;
}
