/* The verifier context: trust anchors, revocation data and policy, built once and read-only
 * afterwards (shareable across threads). */
#ifndef WRP_CONTEXT_H
#define WRP_CONTEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <openssl/x509.h>
#include "crypto/signer.h"
#include "crypto/x509.h"
#include "model/statuslist.h"
#include "policy/register.h"

typedef struct wrp_ctx {
    wrp_anchors *ac_anchors;
    wrp_anchors *rc_anchors;
    X509_CRL **crls;
    size_t n_crls;
    wrp_crl_memo *crl_memo; /* the CRLs' signature outcomes (x509.h), or NULL; locks itself */
    wrp_sig_memo *sig_memo; /* registration certificate and status list token signatures
                             * verified (crypto/signer.h), or NULL; locks itself */
    wrp_status_list *lists;
    size_t n_lists;
    wrp_anchors *register_anchors;
    const wrp_register_docs *registers; /* register documents read once, or NULL */
    int64_t time;
    bool revocation;          /* check status lists and CRLs */
    bool require_ac_policy;   /* AC_POLICY is an error when the leaf has no TS 119 411-8 policy */
} wrp_ctx;

#endif
