/* two files, two different `struct node`s: a dangling pointer of one would
 * be confused with the other (kCFI and the caches key by the name) */
struct node { /* expect: R12-odr */
	int key;
	int val;
};
int node_key(struct node *n)
{
	return n->key;
}
