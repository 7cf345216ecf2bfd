enum shape { SHAPE_ROUND }; /* expect: R12-odr */
int shape_round(void)
{
	return SHAPE_ROUND;
}
