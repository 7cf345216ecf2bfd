#pragma once /* expect: R11-pragma */
int header_fn(void);
