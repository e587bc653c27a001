/* Embedded disclosure policies (ARF EDP_01..03): what the issuer of a credential the wallet holds
 * allows, read from the policy document into facts. Judging a request against them is
 * policy/disclosure.c's. */
#ifndef WRP_MODEL_DISCLOSURE_H
#define WRP_MODEL_DISCLOSURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "util/err.h"

typedef enum wrp_dp_kind {
    WRP_DP_AUTHORIZED_RELYING_PARTIES = 1, /* names: relying party identifiers */
    WRP_DP_ROOT_OF_TRUST = 2,              /* roots: SHA-256 of certificates */
    WRP_DP_ENTITLEMENT = 3                 /* names: entitlements */
} wrp_dp_kind;

typedef struct wrp_dpolicy {
    char *format; /* as written: dc+sd-jwt, vc+sd-jwt, mso_mdoc, jwt_vc_json or ldp_vc */
    char *type;   /* as written (for jwt_vc_json / ldp_vc the canonical text of type_set) */
    /* jwt_vc_json / ldp_vc: the credential's type values, sorted, each once (NULL otherwise) */
    char **type_set;
    size_t n_type_set;
    wrp_dp_kind kind;
    char **names; /* relying_parties or entitlements, as kind says; never empty for those kinds */
    size_t n_names;
    uint8_t (*roots)[32]; /* root_of_trust: never empty */
    size_t n_roots;
} wrp_dpolicy;

/*
 * Parses one policy document: a JSON object (strict reader: duplicate members refused) with
 * "format" (one of the formats above), "type" (a non-empty string; for jwt_vc_json and ldp_vc
 * also a non-empty array of strings, the credential's type values), "policy"
 * ("authorized_relying_parties", "root_of_trust" or "entitlement") and the lists
 * "relying_parties", "roots", "entitlements": each, when present, an array of at most
 * WRP_MAX_POLICY_LIST non-empty strings (a root the unpadded base64url of exactly 32 bytes); the
 * one the policy names is required and non-empty, the others are read and not used. Any other
 * member is refused, so that a misspelt list is never taken for an absent one.
 * Status: WRP_ERR_MALFORMED or WRP_ERR_LIMIT with the reason in err; WRP_ERR_NOMEM.
 */
wrp_status wrp_dpolicy_parse(const uint8_t *in, size_t len, wrp_dpolicy *out, wrp_err *err);

void wrp_dpolicy_free(wrp_dpolicy *p);

/* The policy's name of a kind ("authorized_relying_parties", ...). */
const char *wrp_dp_kind_str(wrp_dp_kind kind);

/* 1 when format names an SD-JWT VC (dc+sd-jwt, or vc+sd-jwt, its name before OpenID4VP 1.0). */
bool wrp_dp_sdjwt_format(const char *format);

#endif
