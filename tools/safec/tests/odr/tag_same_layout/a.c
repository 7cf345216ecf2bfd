/* even the same layout written twice is two definitions: one name, one place */
struct pair { /* expect: R12-odr */
	int a, b;
};
int pair_a(struct pair p)
{
	return p.a;
}
