/* facts.h - the one-definition rule across all services (R12-odr).
 *
 * Per translation unit, safec records facts (--facts OUT): the tags service
 * code defines (site and layout), its external declarations with their type
 * identities, the slab cache keys its NEW expansions pass, and the framework's
 * tags and symbols it sees. `safec --merge` reads the facts of every service
 * file and fails when one name or key denotes two things (merge.c).
 * The per-file part, reported with the file's other findings: no tag or
 * typedef declared at block scope (one spelling would name several types). */
#ifndef SAFEC_FACTS_H
#define SAFEC_FACTS_H

#include "safec.h"

/* Walks the translation unit: reports the block-scope rule, collects facts. */
void check_odr(struct safec *s);
/* Writes the collected facts; false (with a message) on an I/O error. */
bool facts_write(struct safec *s, const char *path);
/* Writes a make rule "target: every file of the translation unit", with an
 * empty rule per header so a deleted header does not break the build. */
bool deps_write(struct safec *s, const char *path, const char *target);

/* safec --merge [--rules FILE] FACTS...: exit 0 clean, 1 findings, 2 error. */
int facts_merge(int argc, char **argv);

/* The facts file format (one record a line, tab-separated fields, each field
 * escaped: backslash, tab and newline as \\ \t \n):
 *   tag    NAME-OR-@SITE  SITE  LAYOUT      a service tag definition
 *   sym    NAME  SITE  IDENTITY  def|decl   a service external declaration
 *   cache  KEY  SITE  IDENTITY              a service NEW's key, allocated type
 *   fwtag  NAME  SITE  LAYOUT-OR-"-"        a framework tag (declared or defined)
 *   fwsym  NAME  SITE  IDENTITY             a framework external declaration
 * KEY and IDENTITY are "?" when the checker cannot tell (a merge error). */
#define FACTS_MAGIC "safec-facts 1"

#endif
