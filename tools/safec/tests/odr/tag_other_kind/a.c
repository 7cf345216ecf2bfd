/* struct, union and enum share the tag namespace: one definition for all */
struct shape { /* expect: R12-odr */
	int sides;
};
int shape_sides(struct shape *s)
{
	return s->sides;
}
