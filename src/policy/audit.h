/* The verification pipeline: one judgement of one request, every stage in order, every finding
 * collected (a stage does not stop the next). */
#ifndef WRP_AUDIT_H
#define WRP_AUDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "model/dcql.h"
#include "policy/checks.h"
#include "policy/coverage.h"
#include "policy/disclosure.h"
#include "policy/findings.h"


/* Policy beyond the trust context. */
typedef struct wrp_policy {
    bool warn_mode;
    const char *const *tx_types;
    size_t n_tx_types;
} wrp_policy;

/* The caller's per-request inputs. */
typedef struct wrp_req_inputs {
    int kind; /* 0 detect, 1 openid4vp, 2 mdoc */
    const char *client_id, *origin;
    const uint8_t *transcript;
    size_t transcript_len;
    const uint8_t *rc;
    size_t rc_len;
    const wrp_dpolicy *policies; /* embedded disclosure policies of credentials the wallet holds */
    size_t n_policies;
} wrp_req_inputs;

typedef struct wrp_judgement {
    const char *kind;   /* "openid4vp", "mdoc", or NULL */
    wrp_findings findings;
    wrp_rc_result rc;
    bool rp_verified;   /* the registration certificate is authentic */
    /* The whole relying party is verified (SPEC.md 8a): the request authenticated its signer, the
     * access certificate chain validated with no AC_ error, the registration certificate is
     * authentic with a sub and no RC_ error. Only then does the log record name it. */
    bool party_verified;
    bool has_query;
    wrp_dcql query;     /* requested items */
    wrp_coverage cov;
    bool any_source;    /* at least one registered set was evaluated */
    bool has_ac;        /* the request carried an access certificate: ac describes its leaf */
    bool ac_verified;   /* its chain reached an anchor at the time; profile and revocation held */
    wrp_cert_summary ac;
    char *ac_common_name; /* the leaf's commonName, or NULL */
} wrp_judgement;

/* The kind of a request by its bytes (wrp_sniff): binary is a DeviceRequest (2), anything else
 * OpenID4VP (1). */
int wrp_audit_detect(const uint8_t *req, size_t len);

/* Runs the pipeline. WRP_OK or WRP_ERR_NOMEM; everything else is a finding. */
wrp_status wrp_audit_run(const wrp_ctx *ctx, const wrp_policy *policy, const wrp_req_inputs *in,
                         const uint8_t *req, size_t len, wrp_judgement *j);

/* A registration certificate judged on its own (wrp_check_registration): the access certificate
 * chain (PEM or DER, leaf first) when given, the certificate bound to it, revocation. WRP_OK or
 * WRP_ERR_NOMEM; everything else is a finding. */
wrp_status wrp_registration_run(const wrp_ctx *ctx, const uint8_t *rc, size_t rc_len,
                                const uint8_t *ac_chain, size_t ac_len, bool for_request,
                                wrp_judgement *j);

void wrp_judgement_free(wrp_judgement *j);

#endif
