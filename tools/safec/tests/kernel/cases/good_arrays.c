#include <frame/mem.h>
#include <frame/cpu.h>
struct tbl { int row[4][8]; u8 name[16]; };
static int global_tab[10];
static const char msg[] = "hello";
int sum(struct tbl *t, int i, int j)
{
	int local[3] = {1, 2, 3};
	int s = local[i] + t->row[i][j] + t->name[j] + global_tab[i] + msg[0];
	for (size_t k = 0; k < ARRAY_SIZE(local); k++)
		s += local[k];
	return s + *local;
}
