struct node { /* expect: R12-odr */
	long *next;
};
long *node_next(struct node *n)
{
	return n->next;
}
