/*
 * escape.h - every escaping rule goalc output needs, in one place.
 *
 * Back ends never escape by hand: they pass text through these.
 */
#ifndef GOALC_ESCAPE_H
#define GOALC_ESCAPE_H

#include <stddef.h>
#include <stdio.h>

/* A JSON string literal, quotes included.  Control characters, U+2028/9 escaped. */
void
escape_json(FILE *out, const char *s, size_t len);

#endif
