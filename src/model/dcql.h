/* DCQL queries (OpenID4VP 1.0 sections 6 and 7, appendix B): the request's `dcql_query` checked
 * against every MUST of the specification and turned into plain C structs for the coverage engine. */
#ifndef WRP_DCQL_H
#define WRP_DCQL_H

#include <stdbool.h>
#include <stddef.h>
#include <cJSON.h>
#include "util/err.h"
#include "util/path.h"

/* A list of indexes: into the credential query's `claims` (a claim set) or into the query's
 * `credentials` (a credential set option). Never empty after a successful parse. */
typedef struct wrp_dcql_refs {
    size_t *idx;
    size_t n;
} wrp_dcql_refs;

typedef struct wrp_dcql_claim {
    char *id; /* NULL when absent */
    wrp_path path;
    cJSON *values; /* owned copy of a non-empty array of strings/integers/booleans, or NULL */
    /* mso_mdoc only: -1 absent, 0 false, 1 true. Other formats do not define the member, so it is
     * an unknown property there: ignored (always -1). */
    int intent_to_retain;
} wrp_dcql_claim;

typedef struct wrp_dcql_cred {
    char *id;
    char *format;
    /* Its types, as in wrp_reg_cred: vct_values (dc+sd-jwt, and the pre-1.0 vc+sd-jwt),
     * doctype_value (mso_mdoc), or each set of type_values (jwt_vc_json, ldp_vc) in canonical form
     * (wrp_type_set_canonical), each once however often it is listed. Empty for any other
     * format. */
    char **types;
    size_t n_types;
    bool has_claims; /* false: no `claims`, the whole credential is asked for */
    wrp_dcql_claim *claims;
    size_t n_claims;
    wrp_dcql_refs *claim_sets; /* indexes into claims; n_claim_sets is 0 without claim_sets */
    size_t n_claim_sets;
    bool multiple;                             /* default false */
    bool require_cryptographic_holder_binding; /* default true */
    bool has_trusted_authorities;
} wrp_dcql_cred;

typedef struct wrp_dcql_credset {
    wrp_dcql_refs *options; /* indexes into wrp_dcql.creds */
    size_t n_options;
    bool required; /* default true */
} wrp_dcql_credset;

typedef struct wrp_dcql {
    wrp_dcql_cred *creds;
    size_t n_creds;
    wrp_dcql_credset *sets; /* n_sets is 0 without credential_sets */
    size_t n_sets;
    /* Indexes of creds in the order of their ids (wrp_dcql_parse keeps the index it checks ids
     * with), so that wrp_dcql_find costs log n_creds; NULL: look-ups are linear. */
    size_t *by_id;
    /* The claims were counted, not built: each credential query holds its number of claims in
     * n_claims and claims is NULL. Only a DeviceRequest over WRP_MAX_REQUESTED_ITEMS is given so
     * (src/model/mdoc.c), so that the item limit refuses it without an allocation per element;
     * nothing but wrp_coverage_count and wrp_dcql_free may read such a query. */
    bool counted_only;
} wrp_dcql;

/*
 * Parses a DCQL query (the value of `dcql_query`). Refuses, with WRP_ERR_MALFORMED and a message
 * "<member>: <rule>" such as "credentials[2].claims[0].path[1]: must be a string, a non-negative
 * integer or null":
 *  - a query that is not an object; `credentials` absent, not an array, or empty;
 *  - a credential query that is not an object; `id` not a non-empty string of A-Za-z0-9_- or used
 *    twice; `format` not a non-empty string; `meta` absent or not an object; for dc+sd-jwt (and
 *    vc+sd-jwt) `meta.vct_values` not a non-empty array of strings; for mso_mdoc
 *    `meta.doctype_value` not a string; for jwt_vc_json and ldp_vc `meta.type_values` not a
 *    non-empty array of non-empty arrays of strings; `multiple` or
 *    `require_cryptographic_holder_binding` not a boolean; `trusted_authorities` not a non-empty
 *    array of objects with a string `type` and a non-empty array of strings `values`;
 *  - `claims` not a non-empty array of objects; a `path` that is not a claims path pointer (for
 *    mso_mdoc exactly two strings); two claims with the same path; a claim `id` not in the id
 *    charset, repeated within the claims array, or absent while `claim_sets` is present; `values`
 *    not a non-empty array of strings, integers and booleans; for mso_mdoc an `intent_to_retain`
 *    that is not a boolean;
 *  - `claim_sets` without `claims`, not a non-empty array of non-empty arrays of claim ids, or naming
 *    an id that no claim of its credential query has;
 *  - `credential_sets` not a non-empty array of objects; `options` absent or not a non-empty array
 *    of non-empty arrays of credential query ids, or naming an id that no credential query has;
 *    `required` not a boolean.
 * Unknown members are ignored. Counts beyond the WRP_MAX_DCQL_* limits, paths longer than
 * WRP_MAX_PATH_LEN, and strings that every requested item repeats beyond their limits (a
 * credential query id, a claim id or a format longer than WRP_MAX_ID_BYTES; a type, a type_values
 * set in canonical form included, longer than WRP_MAX_TYPE_BYTES; a path whose strings hold more
 * than WRP_MAX_PATH_BYTES together) give WRP_ERR_LIMIT. On failure *out is left empty
 * (wrp_dcql_free is harmless).
 */
wrp_status wrp_dcql_parse(const cJSON *query, wrp_dcql *out, wrp_err *err);

void wrp_dcql_free(wrp_dcql *q);

/* The credential query with that id, or NULL. A binary search over by_id when the query has it
 * (every query wrp_dcql_parse returns), else a linear one. */
const wrp_dcql_cred *wrp_dcql_find(const wrp_dcql *q, const char *id);

#endif
