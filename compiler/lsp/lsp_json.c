/*
 * lsp_json.c - the protocol's JSON values over cJSON (Debian's libcjson):
 * parsing, reading members, building and printing.  The only file that
 * includes cJSON.h; struct lsp_json is a cJSON node under another name.
 */
#include "lsp/lsp_json.h"

#include <cjson/cJSON.h>

#include <limits.h>
#include <stdarg.h>

#define J(v) ((cJSON *)(v))
#define CJ(v) ((const cJSON *)(v))

struct lsp_json *
lsp_json_parse(const char *text, size_t len)
{
    return (struct lsp_json *)cJSON_ParseWithLength(text, len);
}

void
lsp_json_free(struct lsp_json *v)
{
    cJSON_Delete(J(v));
}

char *
lsp_json_print(const struct lsp_json *v)
{
    return v != NULL ? cJSON_PrintUnformatted(CJ(v)) : NULL;
}

const struct lsp_json *
lsp_json_get(const struct lsp_json *object, const char *key)
{
    if (object == NULL || !cJSON_IsObject(CJ(object)))
        return NULL;
    return (const struct lsp_json *)cJSON_GetObjectItemCaseSensitive(CJ(object), key);
}

const struct lsp_json *
lsp_json_path(const struct lsp_json *object, ...)
{
    va_list ap;
    va_start(ap, object);
    const char *key;
    while (object != NULL && (key = va_arg(ap, const char *)) != NULL)
        object = lsp_json_get(object, key);
    va_end(ap);
    return object;
}

const char *
lsp_json_string(const struct lsp_json *v)
{
    return v != NULL && cJSON_IsString(CJ(v)) ? CJ(v)->valuestring : NULL;
}

long
lsp_json_int(const struct lsp_json *v, long otherwise)
{
    if (v == NULL || !cJSON_IsNumber(CJ(v)))
        return otherwise;
    double d = CJ(v)->valuedouble;
    if (!(d >= (double)LONG_MIN / 2 && d <= (double)LONG_MAX / 2)) /* NaN too */
        return otherwise;
    return (long)d;
}

bool
lsp_json_bool(const struct lsp_json *v, bool otherwise)
{
    return v != NULL && cJSON_IsBool(CJ(v)) ? cJSON_IsTrue(CJ(v)) : otherwise;
}

bool
lsp_json_is_null(const struct lsp_json *v)
{
    return v == NULL || cJSON_IsNull(CJ(v));
}

size_t
lsp_json_count(const struct lsp_json *array)
{
    if (array == NULL || !cJSON_IsArray(CJ(array)))
        return 0;
    int n = cJSON_GetArraySize(CJ(array));
    return n > 0 ? (size_t)n : 0;
}

const struct lsp_json *
lsp_json_at(const struct lsp_json *array, size_t i)
{
    if (array == NULL || !cJSON_IsArray(CJ(array)) || i > INT_MAX)
        return NULL;
    return (const struct lsp_json *)cJSON_GetArrayItem(CJ(array), (int)i);
}

struct lsp_json *
lsp_json_object(void)
{
    return (struct lsp_json *)cJSON_CreateObject();
}

struct lsp_json *
lsp_json_array(void)
{
    return (struct lsp_json *)cJSON_CreateArray();
}

struct lsp_json *
lsp_json_str(const char *s)
{
    return (struct lsp_json *)cJSON_CreateString(s != NULL ? s : "");
}

struct lsp_json *
lsp_json_strn(const char *s, size_t len)
{
    /* cJSON copies a NUL-terminated string: make one. */
    cJSON *v = cJSON_CreateString("");
    if (v == NULL)
        return NULL;
    char *copy = cJSON_malloc(len + 1);
    if (copy == NULL) {
        cJSON_Delete(v);
        return NULL;
    }
    for (size_t i = 0; i < len; i++)
        copy[i] = s[i];
    copy[len] = '\0';
    cJSON_free(v->valuestring);
    v->valuestring = copy;
    return (struct lsp_json *)v;
}

struct lsp_json *
lsp_json_num(long n)
{
    return (struct lsp_json *)cJSON_CreateNumber((double)n);
}

struct lsp_json *
lsp_json_boolean(bool b)
{
    return (struct lsp_json *)cJSON_CreateBool(b);
}

struct lsp_json *
lsp_json_null(void)
{
    return (struct lsp_json *)cJSON_CreateNull();
}

struct lsp_json *
lsp_json_copy(const struct lsp_json *v)
{
    return v != NULL ? (struct lsp_json *)cJSON_Duplicate(CJ(v), 1) : lsp_json_null();
}

struct lsp_json *
lsp_json_set(struct lsp_json *object, const char *key, struct lsp_json *value)
{
    if (value == NULL)
        return object;
    if (object == NULL || !cJSON_AddItemToObject(J(object), key, J(value)))
        cJSON_Delete(J(value));
    return object;
}

struct lsp_json *
lsp_json_push(struct lsp_json *array, struct lsp_json *value)
{
    if (value == NULL)
        return array;
    if (array == NULL || !cJSON_AddItemToArray(J(array), J(value)))
        cJSON_Delete(J(value));
    return array;
}
