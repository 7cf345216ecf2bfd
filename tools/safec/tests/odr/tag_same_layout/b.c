struct pair { /* expect: R12-odr */
	int a, b;
};
int pair_b(struct pair p)
{
	return p.b;
}
