/* Strict JSON front end over cJSON (RFC 8259 grammar, checked before cJSON sees the bytes). */
#ifndef WRP_JSON_H
#define WRP_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cJSON.h>
#include "util/err.h"

/*
 * Parses exactly one JSON value from in[0..len). Refuses: a leading BOM, invalid UTF-8, a \u0000
 * escape, lone surrogate escapes, anything outside the RFC 8259 grammar (comments, trailing commas,
 * leading '+', leading zeros, NaN), bytes after the value other than JSON whitespace, nesting deeper
 * than WRP_MAX_JSON_DEPTH, more than WRP_MAX_INPUT_BYTES, and duplicate member names at any depth
 * (compared after unescaping). On success *out is the cJSON tree (free with cJSON_Delete).
 * Status: WRP_ERR_MALFORMED or WRP_ERR_LIMIT with a reason in err.
 */
wrp_status wrp_json_parse(const uint8_t *in, size_t len, cJSON **out, wrp_err *err);

/* Case-sensitive member lookup; NULL when obj is not an object or has no such member. */
const cJSON *wrp_json_get(const cJSON *obj, const char *name);

/* The string value of a member, or NULL when absent or not a string. */
const char *wrp_json_get_str(const cJSON *obj, const char *name);

/* A JSON number written as an integer (no fraction, no exponent) within [min, max] and
 * |v| < 2^53, so that valuedouble holds it exactly. 1.0, 1e0 and 1.00000000000000001 are not
 * integers, however they round; neither is a number that came from a CBOR float. */
bool wrp_json_int(const cJSON *item, int64_t min, int64_t max, int64_t *out);

/* An optional string member copied into *out (left as is when absent; a JSON null counts as
 * absent when null_is_absent): WRP_ERR_MALFORMED "<where>.<name> is not a string" for any other
 * value, WRP_ERR_NOMEM. */
wrp_status wrp_json_opt_str(const cJSON *obj, const char *name, const char *where, bool null_is_absent,
                            char **out, wrp_err *err);

/* The number of elements of arr (*n), refused beyond max: WRP_ERR_MALFORMED "<where>.<name> is
 * not an array", WRP_ERR_LIMIT "<where>.<name> has more than <max> elements". */
wrp_status wrp_json_array_len(const cJSON *arr, size_t max, const char *where, const char *name,
                              size_t *n, wrp_err *err);

/* Set by wrp_json_parse on a number written with a fraction or an exponent, and by the CBOR
 * conversion on a float: a bit of cJSON's type above its own flags, which cJSON's type tests
 * mask away and cJSON_Duplicate keeps. */
#define WRP_JSON_NOT_INTEGER 0x1000
void wrp_json_mark_not_integer(cJSON *item);

#endif
