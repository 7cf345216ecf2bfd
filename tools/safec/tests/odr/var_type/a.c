/* a variable is a symbol too: an array of 4 seen as an array of 64 */
int table[4]; /* expect: R12-odr */
long counter; /* expect: R12-odr */
