/* DCQL claims path pointers (OpenID4VP 1.0 section 7): string = object key, integer = array index,
 * null = every element of an array. Shared by the registration certificate and the request models. */
#ifndef WRP_PATH_H
#define WRP_PATH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cJSON.h>
#include "util/err.h"

typedef enum wrp_path_kind { WRP_PATH_STR = 0, WRP_PATH_INT = 1, WRP_PATH_NULL = 2 } wrp_path_kind;

typedef struct wrp_path_elem {
    wrp_path_kind kind;
    char *str; /* WRP_PATH_STR: NUL-terminated, owned (JSON strings never hold NUL) */
    int64_t idx; /* WRP_PATH_INT: >= 0 */
} wrp_path_elem;

typedef struct wrp_path {
    wrp_path_elem *e;
    size_t n;
} wrp_path;

/* Parses a JSON array into a path. Non-empty, at most WRP_MAX_PATH_LEN elements, each a string, a
 * non-negative integer (no fraction, no exponent beyond an integral value) or null. When mdoc is
 * true the path must be exactly two strings. */
wrp_status wrp_path_from_json(const cJSON *arr, bool mdoc, wrp_path *out, wrp_err *err);

/* Builds a path of strings (e.g. [namespace, element] of an mdoc request). */
wrp_status wrp_path_from_strs(const char *const *strs, size_t n, wrp_path *out);

wrp_status wrp_path_copy(const wrp_path *src, wrp_path *dst);
void wrp_path_free(wrp_path *p);

/* Exact equality, element by element. */
bool wrp_path_equal(const wrp_path *a, const wrp_path *b);

/* Contract coverage rule 4: registered r covers requested p when r is no longer than p and, position
 * by position, r[i] equals p[i], or r[i] is null and p[i] is null or an integer. */
bool wrp_path_covers(const wrp_path *registered, const wrp_path *requested);

/* Total order (kind, then value) used to sort and deduplicate paths. */
int wrp_path_cmp(const wrp_path *a, const wrp_path *b);

/* The path as a JSON array (cJSON_Delete by caller); NULL on allocation failure. */
cJSON *wrp_path_to_json(const wrp_path *p);

#endif
