/* The registered set: what a relying party may ask for, as written in a registration certificate's
 * `credentials` or a register's intended use. Shared by both sources and by the coverage engine. */
#ifndef WRP_REGSET_H
#define WRP_REGSET_H

#include <stdbool.h>
#include <stddef.h>
#include <cJSON.h>
#include "util/err.h"
#include "util/path.h"

typedef struct wrp_reg_claim {
    wrp_path path;
    cJSON *values; /* owned copy of a non-empty array of strings/integers/booleans, or NULL */
} wrp_reg_claim;

typedef struct wrp_reg_cred {
    char *format;
    /* Its types: vct_values (dc+sd-jwt), doctype_value (mso_mdoc), or each inner array of
     * type_values (jwt_vc_json, ldp_vc) in canonical form (see wrp_type_set_canonical). */
    char **types;
    size_t n_types;
    bool all_claims; /* no claim list: every claim of its types is registered */
    wrp_reg_claim *claims;
    size_t n_claims;
} wrp_reg_cred;

typedef struct wrp_regset {
    wrp_reg_cred *v;
    size_t n;
    /* Steps that reading it took (the build of its matching automaton, model/regindex.h), kept
     * when it is refused: the coverage engine counts them with its own (wrp_coverage.work). */
    size_t work;
} wrp_regset;

typedef enum wrp_regset_mode {
    WRP_REGSET_CERT = 0,    /* TS 119 475: `claim` or `claims`, `meta` an object */
    /* TS5 register, also: `meta` as the JSON text of the object; for dc+sd-jwt `meta.vct`, one
     * type as a string, in place of vct_values; a claim `path` as a string, read as the JSON text
     * of the array when it is one, else as the path of that single key. */
    WRP_REGSET_REGISTER = 1
} wrp_regset_mode;

/* Parses an array of registered credentials. Every entry: `format` a string; `meta` an object
 * holding the type member of its format (vct_values a non-empty array of strings; doctype_value a
 * string; type_values a non-empty array of non-empty arrays of strings; other formats: no types);
 * at most one of `claim` / `claims`, an array of {path, values?} in the DCQL claim shape. Each
 * entry's types are kept sorted, each once. WRP_ERR_LIMIT beyond WRP_MAX_REGISTERED_ITEMS, the
 * list caps beside it, or WRP_REGISTERED_MATCH_GROWTH (util/limits.h): the set is then not used
 * at all, like a malformed one. On failure err names the entry and the member, and *out holds
 * nothing (but its work). */
wrp_status wrp_regset_from_json(const cJSON *arr, wrp_regset_mode mode, wrp_regset *out, wrp_err *err);

void wrp_regset_free(wrp_regset *s);

/* A `values` array as accepted by DCQL: non-empty, strings, integers or booleans only. */
bool wrp_values_valid(const cJSON *values);

/* The canonical text of a set of type strings (sorted, deduplicated, as a compact JSON array), so
 * that type_values sets compare with strcmp. Caller frees. NULL on error. */
char *wrp_type_set_canonical(const cJSON *arr);

#endif
