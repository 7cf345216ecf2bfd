struct later {
	int v;
};
typedef struct later later_t;
int g(later_t *p)
{
	return p->v;
}
