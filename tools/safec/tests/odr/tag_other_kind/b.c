union shape { /* expect: R12-odr */
	int sides;
	unsigned u;
};
enum shape_kind { SHAPE_A };
int shape_u(union shape *s)
{
	return (int)s->u;
}
