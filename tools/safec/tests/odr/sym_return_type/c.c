/* a declaration without a prototype lets callers pass anything */
struct fake mk(); /* expect: R12-odr */
