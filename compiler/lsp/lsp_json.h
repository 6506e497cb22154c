/*
 * lsp_json.h - JSON values for the protocol: the one module that uses cJSON.
 *
 * Readers never fail: a missing member or one of the wrong type reads as
 * NULL, false or the default given, so a handler needs no checks of its
 * own against a malformed message.  Builders take ownership of the values
 * they are given; a value that could not be allocated (NULL) is dropped.
 */
#ifndef GOALC_LSP_JSON_H
#define GOALC_LSP_JSON_H

#include <stdbool.h>
#include <stddef.h>

struct lsp_json;

/* NULL when text is not one JSON value (nesting deeper than cJSON's limit included). */
struct lsp_json *lsp_json_parse(const char *text, size_t len);
void lsp_json_free(struct lsp_json *v);
/* Compact text, malloc'd; NULL when out of memory. */
char *lsp_json_print(const struct lsp_json *v);

const struct lsp_json *lsp_json_get(const struct lsp_json *object, const char *key);
/* object.a.b…: the member at a path of keys ending in NULL. */
const struct lsp_json *lsp_json_path(const struct lsp_json *object, ...);
const char *lsp_json_string(const struct lsp_json *v);       /* NULL when not a string */
long lsp_json_int(const struct lsp_json *v, long otherwise); /* a number's integer part */
bool lsp_json_bool(const struct lsp_json *v, bool otherwise);
bool lsp_json_is_null(const struct lsp_json *v);
size_t lsp_json_count(const struct lsp_json *array); /* 0 when not an array */
const struct lsp_json *lsp_json_at(const struct lsp_json *array, size_t i);

struct lsp_json *lsp_json_object(void);
struct lsp_json *lsp_json_array(void);
struct lsp_json *lsp_json_str(const char *s);
struct lsp_json *lsp_json_strn(const char *s, size_t len);
struct lsp_json *lsp_json_num(long n);
struct lsp_json *lsp_json_boolean(bool b);
struct lsp_json *lsp_json_null(void);
struct lsp_json *lsp_json_copy(const struct lsp_json *v); /* a deep copy; null for NULL */

/* Each returns object (or array), for chaining. */
struct lsp_json *lsp_json_set(struct lsp_json *object, const char *key, struct lsp_json *value);
struct lsp_json *lsp_json_push(struct lsp_json *array, struct lsp_json *value);

#endif
