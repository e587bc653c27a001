/* Register of relying parties (EUDI TS5 registrar API, CIR 2025/848 Annex II): the documents a
 * registrar serves, read into plain structs. Parsing only; the trust decisions and the lookup rules
 * are in policy/register_check.c. */
#ifndef WRP_MODEL_REGISTER_H
#define WRP_MODEL_REGISTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cJSON.h>
#include "crypto/jws.h"
#include "crypto/signer.h"
#include "crypto/x509.h"
#include "model/rc.h"
#include "model/regset.h"
#include "util/err.h"

/* identifier[]: {type, identifier}. */
typedef struct wrp_reg_identifier {
    char *type;  /* the type URI, or NULL when absent */
    char *value; /* the identifier */
} wrp_reg_identifier;

/* A Policy: {type, policyURI}; either may be absent. */
typedef struct wrp_reg_policy {
    char *type;
    char *uri;
} wrp_reg_policy;

#define WRP_REG_NO_SERVICE ((size_t)-1)

typedef struct wrp_reg_use {
    char *id;                /* intendedUseIdentifier */
    wrp_texts purpose;       /* {lang, content} (TS5) or {lang, value} (TS 119 475) */
    wrp_reg_policy *privacy; /* privacyPolicy: one object (schema) or an array (OpenAPI) */
    size_t n_privacy;
    bool has_created_at;     /* createdAt present and not null */
    char *created_at;        /* its text when it is a string, else NULL (then never in force) */
    bool has_revoked_at;     /* revokedAt present and not null */
    char *revoked_at;        /* its text when it is a string, else NULL (then revoked) */
    wrp_regset credentials;  /* `credentials` (schema) or `credential` (OpenAPI); absent: empty */
    char *credentials_text;  /* the list as compact JSON ("[]" when absent), to compare copies */
    size_t service;          /* index into the party's services, or WRP_REG_NO_SERVICE */
} wrp_reg_use;

/* services[] (drafts after TS5 v1.3): a relying party's service with its own intended uses. */
typedef struct wrp_reg_service {
    char *id;         /* serviceIdentifier, or NULL */
    char *trade_name; /* serviceTradeName, or NULL */
    bool has_entitlements;
    char **entitlements;
    size_t n_entitlements;
    int is_intermediary; /* -1 absent, 0 false, 1 true */
    struct wrp_reg_party *intermediaries; /* the service's usesIntermediary[] */
    size_t n_intermediaries;
} wrp_reg_service;

typedef struct wrp_reg_party {
    wrp_reg_identifier *ids;
    size_t n_ids;
    char *trade_name;
    char **legal_names; /* legalPerson.legalName */
    size_t n_legal_names;
    char *given_name, *family_name; /* naturalPerson */
    char *country;
    char *registry_uri;
    bool has_entitlements;
    char **entitlements;
    size_t n_entitlements;
    wrp_reg_use *uses; /* top-level intendedUse[] and every services[].intendedUses[], in order */
    size_t n_uses;
    wrp_reg_service *services;
    size_t n_services;
    int is_intermediary; /* -1 absent, 0 false, 1 true */
    int is_psb;          /* -1 absent, 0 false, 1 true */
    struct wrp_reg_party *intermediaries; /* usesIntermediary[] */
    size_t n_intermediaries;
} wrp_reg_party;

typedef enum wrp_regdoc_form {
    WRP_REGDOC_COMPACT = 0,        /* compact JWS */
    WRP_REGDOC_JSON_GENERAL = 1,   /* JWS JSON serialization {payload, signatures[]} */
    WRP_REGDOC_JSON_FLATTENED = 2, /* JWS JSON serialization {payload, protected, signature} */
    WRP_REGDOC_UNSIGNED = 3        /* plain JSON */
} wrp_regdoc_form;

typedef enum wrp_regdoc_content {
    WRP_REGDOC_WRP = 0,          /* {iss, iat, data: one relying party} (SignedWRP) */
    WRP_REGDOC_WRP_ARRAY = 1,    /* {iss, iat, data: [...], pagination?} (SignedWRPArray) */
    WRP_REGDOC_CHECK_RESULT = 2, /* {iss, iat, data: {isRegistered, details?}} (check-intended-use) */
    WRP_REGDOC_BARE_WRP = 3,     /* unsigned only: one relying party object on its own */
    WRP_REGDOC_BARE_ARRAY = 4    /* unsigned only: an array of relying party objects */
} wrp_regdoc_content;

/* One signature of a signed document. Compact form: jws is the whole JWS. JWS JSON serialization:
 * jws holds this signature's own parts only (header, alg, typ, crit_ok, sig; text and payload are
 * NULL), protected_b64 its protected header as written; the payload is the document's, decoded
 * once, and the signing input BASE64URL(protected) '.' BASE64URL(payload) is built by
 * wrp_reg_sig_signed when this signature is verified. */
typedef struct wrp_reg_sig {
    bool usable;         /* false when it has no protected header (alg must be protected) */
    wrp_jws jws;         /* valid when usable */
    char *protected_b64; /* JWS JSON serialization: the `protected` member, when usable */
    cJSON *unprotected;  /* the JWS JSON serialization's `header`, or NULL */
} wrp_reg_sig;

typedef struct wrp_regdoc {
    wrp_regdoc_form form;
    wrp_regdoc_content content;
    wrp_reg_sig *sigs; /* none for an unsigned document; at most WRP_MAX_REGISTER_SIGNATURES */
    size_t n_sigs;
    char *payload_b64; /* JWS JSON serialization: the `payload` member, which every signature signs */
    size_t payload_b64_len;
    char *iss;         /* NULL for the bare forms */
    int64_t iat;
    bool has_pagination;
    char *next_cursor;  /* pagination.next_cursor, or NULL */
    int has_next_page;  /* pagination.has_next_page: -1 absent, 0 false, 1 true */
    int is_registered;  /* check result: 0 or 1 */
    char *details;      /* check result details, or NULL */
    wrp_reg_party *parties;
    size_t n_parties;
} wrp_regdoc;

/*
 * Reads one register document: a compact JWS, a JWS JSON serialization (general or flattened),
 * or unsigned JSON (the payload object {iss, iat, data, pagination?}, one relying party object, or
 * an array of them). Signatures are taken apart but not verified. Every problem is
 * WRP_ERR_MALFORMED (or WRP_ERR_LIMIT) with the member named in err; nothing partial is returned.
 */
wrp_status wrp_regdoc_parse(const uint8_t *in, size_t len, wrp_regdoc *out, wrp_err *err);
void wrp_regdoc_free(wrp_regdoc *d);

/* The signer chain of one signature: x5c from the protected header, or from the unprotected one. */
wrp_status wrp_reg_sig_chain(const wrp_reg_sig *s, wrp_chain *out, wrp_err *err);

/* What signature s of document d signs, for wrp_signer_verify: the compact JWS as it is; for the
 * JWS JSON serialization, protected '.' payload assembled into *input (malloc'ed, the caller
 * frees it after verifying; NULL for the compact form). WRP_ERR_ARG when s is not usable or d has
 * no payload, WRP_ERR_NOMEM. */
wrp_status wrp_reg_sig_signed(const wrp_regdoc *d, const wrp_reg_sig *s, wrp_signed *out,
                              uint8_t **input);

typedef enum wrp_reg_use_state {
    WRP_REG_USE_IN_FORCE = 0,
    WRP_REG_USE_REVOKED = 1,    /* revokedAt at or before t, or not a date / date-time */
    WRP_REG_USE_NOT_CREATED = 2 /* createdAt after t, or not a date / date-time */
} wrp_reg_use_state;

/* The state of an intended use at Unix time t (a date counts from 00:00:00 UTC). */
wrp_reg_use_state wrp_reg_use_state_at(const wrp_reg_use *u, int64_t t);

#endif
