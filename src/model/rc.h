/* Registration certificates (ETSI TS 119 475): the signed envelope (JWT or CWT) and the payload
 * model. Parsing only; the trust decisions are in policy/rc_check.c. */
#ifndef WRP_RC_H
#define WRP_RC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cJSON.h>
#include "model/regset.h"
#include "util/err.h"

typedef struct wrp_text {
    char *lang;
    char *value;
} wrp_text;

typedef struct wrp_texts {
    wrp_text *v;
    size_t n;
} wrp_texts;

/* A member of an object whose value is a string. */
typedef struct wrp_kv {
    char *key;
    char *value;
} wrp_kv;

typedef struct wrp_rc {
    char *name;
    char *sub_ln, *sub_gn, *sub_fn;
    char *sub;
    char *country;
    char *registry_uri;
    wrp_texts srv_description; /* flattened: a flat array or an array of arrays */
    char **entitlements;
    size_t n_entitlements;
    char *privacy_policy, *info_uri, *support_uri;
    char *sa_email, *sa_phone, *sa_uri; /* supervisory_authority */
    wrp_kv *sa;                         /* ... every string member of it, in order */
    size_t n_sa;
    char **policy_ids;
    size_t n_policy_ids;
    char *certificate_policy;
    int64_t iat;
    bool has_exp;
    int64_t exp;
    bool has_status; /* status.status_list.{idx, uri} or status.{idx, uri} (contract v1.1) */
    int64_t status_idx;
    char *status_uri;
    bool has_credentials;
    wrp_regset credentials;
    wrp_texts purpose;
    char *intended_use_id;
    int public_body; /* -1 absent, 0 false, 1 true */
    char *intermediary_sub, *intermediary_sname;
    char *intermediary_name; /* intermediary.name (the Annex C spelling of sname) */
    char *act_sub;
    bool provides_attestations;
    char *jti;
} wrp_rc;

/* One problem with the payload: the claim it is about and why. */
typedef struct wrp_rc_problem {
    char claim[48];
    char reason[208];
} wrp_rc_problem;

typedef struct wrp_rc_problems {
    wrp_rc_problem v[32];
    size_t n;
} wrp_rc_problems;

/*
 * Builds the model from a payload object (JSON, or a CWT payload converted to JSON). Every
 * problem with a claim (mandatory claim missing, wrong type) is appended to problems, and the
 * remaining claims are still read; the model is usable for coverage even with problems.
 * Status: WRP_OK (problems may be non-empty), WRP_ERR_MALFORMED when payload is not an object,
 * WRP_ERR_NOMEM.
 */
wrp_status wrp_rc_from_json(const cJSON *payload, wrp_rc *out, wrp_rc_problems *problems);

void wrp_rc_free(wrp_rc *rc);

/* The identifying name for a consent screen: `name`, else sub_ln, else sub_gn + sub_fn. */
const char *wrp_rc_display_name(const wrp_rc *rc);

/* An intermediated certificate (TS 119 475 clause 4.5, Annex E.3) names the intermediary that
 * signs the requests for the served party `sub`: intermediary.sub, else act.sub; NULL when the
 * certificate is not intermediated. */
const char *wrp_rc_intermediary_id(const wrp_rc *rc);

/* The intermediary's name as the certificate gives it: intermediary.sname, else .name; or NULL. */
const char *wrp_rc_intermediary_name(const wrp_rc *rc);

#endif
