/* a declaration without a prototype lets callers pass anything (R7 refuses
 * it too) */
struct fake mk(); /* expect: R7-variadic R12-odr */
