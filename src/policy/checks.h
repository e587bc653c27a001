/* The trust stages of a judgement: the access certificate chain and profile, and the
 * registration certificate with its revocation status. Each appends findings. */
#ifndef WRP_CHECKS_H
#define WRP_CHECKS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "crypto/x509.h"
#include "model/rc.h"
#include "policy/context.h"
#include "policy/findings.h"

/* What the access certificate stage learnt. */
typedef struct wrp_ac_result {
    bool trusted;          /* the chain validated to an AC anchor at the time */
    wrp_cert_info leaf;    /* fields of chain->certs[0] (valid when info_ok) */
    bool info_ok;
    const char *identifier; /* leaf organizationIdentifier, else serialNumber, else NULL */
    wrp_chain path;         /* when trusted: the validated path, leaf first, the anchor last */
} wrp_ac_result;

/* Chain to the AC anchors (AC_UNTRUSTED, AC_EXPIRED), profile (AC_PROFILE, AC_POLICY) and, when
 * revocation is on and the leaf names a CRL distribution point, the CRL (AC_REVOKED,
 * AC_REVOCATION_UNKNOWN). Status WRP_ERR_NOMEM only; every other problem is a finding. */
wrp_status wrp_check_ac(const wrp_ctx *ctx, const wrp_chain *chain, wrp_ac_result *out,
                        wrp_findings *f);
void wrp_ac_result_free(wrp_ac_result *r);

/* What the registration certificate stage learnt. */
typedef struct wrp_rc_result {
    bool parsed;    /* the payload parsed into rc (coverage is evaluated against it) */
    bool authentic; /* signature verified and the signer chains to an RC anchor */
    wrp_rc rc;
} wrp_rc_result;

/*
 * Verifies a registration certificate (JWT or CWT): RC_MALFORMED, RC_TYP, RC_ALG, RC_SIGNATURE,
 * RC_UNTRUSTED, RC_EXPIRED, RC_POLICY, RC_ENTITLEMENT (when for_request), RC_SUBJECT_MISMATCH
 * (when ac_identifier is non-NULL) and, when revocation is on, RC_REVOKED / RC_STATUS_UNKNOWN.
 */
wrp_status wrp_check_rc(const wrp_ctx *ctx, const uint8_t *in, size_t len, bool for_request,
                        const char *ac_identifier, wrp_rc_result *out, wrp_findings *f);
void wrp_rc_result_free(wrp_rc_result *r);

#define WRP_RC_POLICY_OID "0.4.0.19475.3.1"
#define WRP_ENTITLEMENT_SP_URI "https://uri.etsi.org/19475/Entitlement/Service_Provider"
#define WRP_ENTITLEMENT_SP_OID "0.4.0.19475.1.1"

#endif
