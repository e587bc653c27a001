/* Embedded disclosure policies (ARF EDP_01..03): each policy of a credential the wallet holds
 * that applies to a requested credential must authorize the relying party this judgement
 * verified (SPEC.md, "Embedded disclosure policies"). */
#ifndef WRP_POLICY_DISCLOSURE_H
#define WRP_POLICY_DISCLOSURE_H

#include <stdbool.h>
#include <stddef.h>
#include "model/dcql.h"
#include "model/disclosure.h"
#include "policy/checks.h"
#include "policy/findings.h"

/* The relying party as far as the judgement verified it. */
typedef struct wrp_dp_party {
    const char *unverified;    /* NULL when verified; otherwise why not */
    const char *identifier;    /* the registration certificate's sub */
    char *const *entitlements; /* the registration certificate's */
    size_t n_entitlements;
    const wrp_chain *path;     /* the access certificate's validated path, leaf to anchor */
} wrp_dp_party;

/*
 * The party is verified when the request authenticated its signer (request_authenticated: the
 * Request Object's signature and client_id binding, or every reader authentication), the access
 * certificate chain validated (ac->trusted) and no error finding with an AC_ code was made, and the
 * registration certificate parsed, its signature and provider chain verified, it has a sub, and no
 * error finding with an RC_ code was made (so it is current, not revoked, its status known and its
 * sub bound to the access certificate). ac and rc stay owned by the caller and must outlive out.
 */
void wrp_dp_party_read(bool request_authenticated, const wrp_ac_result *ac, const wrp_rc_result *rc,
                       const wrp_findings *f, wrp_dp_party *out);

/*
 * For each requested (credential query, type) and each policy that applies to it (the same
 * format, dc+sd-jwt and vc+sd-jwt being one; the same vct or doctype; for jwt_vc_json and ldp_vc
 * a requested type set within the policy's), one DISCLOSURE_POLICY finding with credential_id and
 * type when the policy does not authorize rp: rp not verified; authorized_relying_parties not
 * naming its identifier; root_of_trust naming no certificate of its path; entitlement naming none
 * of its entitlements. Status WRP_OK or WRP_ERR_NOMEM.
 */
wrp_status wrp_disclosure_check(const wrp_dpolicy *policies, size_t n, const wrp_dcql *q,
                                const wrp_dp_party *rp, wrp_findings *f);

#endif
