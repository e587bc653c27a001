/* CBOR claims sets (CWT payloads) as JSON trees, so that one parser serves JWT and CWT. */
#ifndef WRP_CBOR_JSON_H
#define WRP_CBOR_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cJSON.h>
#include <cbor.h>
#include "util/err.h"

/* Integer map keys of the top-level map that have a text name (e.g. 2 -> "sub"). */
typedef struct wrp_cbor_json_key {
    int64_t label;
    const char *name;
} wrp_cbor_json_key;

/*
 * Converts a CBOR map into a JSON object. Text keys are kept; top-level integer keys listed in
 * keys are renamed, other integer keys are dropped (claims this library does not read); a name
 * that then occurs twice is refused (integer keys of nested maps are dropped the same way).
 * map must come from wrp_cbor_parse, whose duplicate-key check makes its text keys distinct: only
 * the names of keys (at most 64; more is WRP_ERR_ARG) are tracked, so n keys cost n, not n^2.
 * Values: text -> string, integers within +-2^53 -> number,
 * floats -> number marked as never an integer (wrp_json_int refuses it), true/false/null,
 * arrays and maps recursively,
 * tag 1 (epoch time) unwrapped. Byte strings, other tags, undefined: refused, unless bstr_ok is
 * set, in which case byte strings become base64url strings.
 */
wrp_status wrp_cbor_to_json(const cbor_item_t *map, const wrp_cbor_json_key *keys, size_t n_keys,
                            bool bstr_ok, cJSON **out, wrp_err *err);

#endif
