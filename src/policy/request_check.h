/* OpenID4VP 1.0 requests judged: the signed Request Object (or its DC API envelope, or an unsigned
 * request), its client identifier, its DCQL query and the registration certificate it carries. */
#ifndef WRP_REQUEST_CHECK_H
#define WRP_REQUEST_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "crypto/x509.h"
#include "model/dcql.h"
#include "model/openid4vp.h"
#include "model/registrar.h"
#include "policy/findings.h"

typedef struct wrp_o4vp_opts {
    const char *client_id;          /* the client_id seen outside the Request Object, or NULL */
    const char *origin;             /* the web origin that passed the request (DC API), or NULL */
    const char *const *tx_types;    /* transaction data types the wallet handles */
    size_t n_tx_types;
} wrp_o4vp_opts;

typedef struct wrp_o4vp {
    bool parsed;           /* the request could be read (false: REQUEST_MALFORMED was reported) */
    bool is_signed;        /* a compact JWS (directly or in a DC API envelope) */
    bool signature_verified; /* the JWS signature verified with the key of x5c[0] (whatever typ,
                              * client_id or prefix say) */
    bool authenticated;    /* signed, typ/alg right, signature verified with x5c[0], client_id
                            * bound to x5c[0] by its prefix: the relying party is x5c's */
    wrp_chain chain;       /* x5c (n == 0 when absent) */
    char *client_id;       /* from the Request Object, or NULL */
    bool has_dcql;
    wrp_dcql dcql;         /* valid when has_dcql (a query that failed validation is not kept) */
    size_t n_rc;           /* verifier_info entries of format registration_cert */
    uint8_t *rc;           /* the first one's serialized certificate (JWS text or CWT bytes);
                            * NULL when its data could not be read (RC_MALFORMED was reported) */
    size_t rc_len;
    wrp_registrar_datasets datasets; /* verifier_info entries of format registrar_dataset, in
                                      * order (ETSI TS 119 472-2); never the certificate */
} wrp_o4vp;

/*
 * Reads and checks a request (bytes as received: a compact JWS, or a JSON object: the DC API
 * envelope {"request": JWS} or an unsigned request). Appends the request-stage findings:
 * REQUEST_MALFORMED, REQUEST_TYP, REQUEST_ALG, REQUEST_SIGNATURE, REQUEST_UNSIGNED,
 * CLIENT_ID_MISMATCH, CLIENT_ID_PREFIX, ORIGIN_MISMATCH, DCQL_INVALID,
 * TRANSACTION_DATA_UNSUPPORTED, RC_MULTIPLE, RC_MALFORMED (a verifier_info entry that cannot
 * carry a registration certificate), VERIFIER_INFO_IGNORED (an entry of a format other than
 * registration_cert and registrar_dataset), REQUEST_PARAMETER. Chain trust (AC_*), the registration
 * certificate's own checks and RC_MISSING are the pipeline's (RC_MISSING only when n_rc is 0).
 * REQUEST_PARAMETER (a warning): the request was read but breaks a rule of a parameter that the
 * judgement does not depend on (nonce, state, response_mode, response_uri, redirect_uri); the
 * contract keeps REQUEST_MALFORMED and its verdict error for a request that cannot be read.
 * opts may be NULL (no outer client_id, no origin, no transaction data types).
 * Status: WRP_OK, WRP_ERR_ARG (no out or f, or no bytes with len > 0), or WRP_ERR_NOMEM (*out is then empty).
 */
wrp_status wrp_o4vp_check(const uint8_t *in, size_t len, const wrp_o4vp_opts *opts, wrp_o4vp *out,
                          wrp_findings *f);

void wrp_o4vp_free(wrp_o4vp *r);

#endif
