/* minijson.h - a small strict JSON parser for checking the library's JSON
 * and GeoJSON output in tests (json-glib is not a dependency). */
#ifndef FR_TEST_MINIJSON_H
#define FR_TEST_MINIJSON_H

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>

typedef enum { MJ_NULL, MJ_BOOL, MJ_NUMBER, MJ_STRING, MJ_ARRAY, MJ_OBJECT } mj_type;

typedef struct mj_value {
    mj_type type;
    bool boolean;
    double number;
    char *string;     /* MJ_STRING: UTF-8, NUL-terminated */
    GPtrArray *items; /* MJ_ARRAY: elements; MJ_OBJECT: member values */
    GPtrArray *keys;  /* MJ_OBJECT: member names (char *) */
} mj_value;

/* Parses a complete JSON text (RFC 8259; surrounding whitespace allowed).
 * On failure returns NULL and sets *error (g_free) to a description. */
mj_value *mj_parse(const char *text, char **error);
void mj_free(mj_value *v);

/* Member of an object (NULL if v is not an object or has no such key). */
const mj_value *mj_get(const mj_value *v, const char *key);
/* Element of an array (NULL if out of range or not an array). */
const mj_value *mj_at(const mj_value *v, size_t i);
/* Number of elements or members (0 for scalars). */
size_t mj_len(const mj_value *v);
/* Convenience: a path of object keys, e.g. mj_path(v, "total", "cost_usd", NULL). */
const mj_value *mj_path(const mj_value *v, ...);

#endif
