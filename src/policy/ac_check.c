/* The access certificate (WRPAC): chain, profile, revocation. */
#include <string.h>

#include "policy/checks.h"

static const char *const ac_policies[] = {
    "0.4.0.194118.1.1", "0.4.0.194118.1.2", "0.4.0.194118.1.3", "0.4.0.194118.1.4",
};

static bool has_ac_policy(const wrp_cert_info *i)
{
    for (size_t k = 0; k < i->n_policies; k++)
        for (size_t j = 0; j < sizeof ac_policies / sizeof ac_policies[0]; j++)
            if (strcmp(i->policies[k], ac_policies[j]) == 0)
                return true;
    return false;
}

static void check_profile(const wrp_ctx *ctx, wrp_ac_result *out, wrp_findings *f)
{
    const wrp_cert_info *i = &out->leaf;
    out->identifier = i->org_id ? i->org_id : i->serial_number;
    if (out->identifier == NULL)
        wrp_findings_add(f, WRP_CODE_AC_PROFILE,
                         "access certificate subject has neither organizationIdentifier nor serialNumber");
    if (i->is_ca)
        wrp_findings_add(f, WRP_CODE_AC_PROFILE, "access certificate is a CA certificate");
    if (i->has_key_usage && !i->ku_digital_signature)
        wrp_findings_add(f, WRP_CODE_AC_PROFILE, "access certificate keyUsage lacks digitalSignature");
    if (ctx->require_ac_policy && !has_ac_policy(i))
        wrp_findings_add(f, WRP_CODE_AC_POLICY,
                         "access certificate carries no ETSI TS 119 411-8 policy (0.4.0.194118.1.1 to .4)");
}

static void check_crl(const wrp_ctx *ctx, const wrp_chain *chain, X509 *issuer, wrp_findings *f)
{
    if (!ctx->revocation || chain->n == 0)
        return;
    X509 *iss = issuer != NULL ? issuer : (chain->n > 1 ? chain->certs[1] : NULL);
    wrp_err err = {{0}};
    switch (wrp_crl_check_memo(chain->certs[0], iss, ctx->crls, ctx->n_crls, ctx->time,
                               ctx->crl_memo, NULL, &err)) {
    case WRP_CRL_GOOD:
        break;
    case WRP_CRL_REVOKED:
        wrp_findings_add(f, WRP_CODE_AC_REVOKED, "access certificate is revoked by its issuer's CRL");
        break;
    case WRP_CRL_UNKNOWN:
        wrp_findings_add(f, WRP_CODE_AC_REVOCATION_UNKNOWN,
                         "no current CRL signed by the access certificate's issuer%s%s",
                         err.msg[0] ? ": " : "", err.msg);
        break;
    }
}

wrp_status wrp_check_ac(const wrp_ctx *ctx, const wrp_chain *chain, wrp_ac_result *out,
                        wrp_findings *f)
{
    memset(out, 0, sizeof *out);
    if (chain == NULL || chain->n == 0) {
        wrp_findings_add(f, WRP_CODE_AC_UNTRUSTED, "no access certificate chain");
        return f->oom ? wrp_nomem() : WRP_OK;
    }
    wrp_err err = {{0}};
    wrp_chain_result r = wrp_chain_verify_path(ctx->ac_anchors, chain, ctx->time, &out->path, &err);
    X509 *issuer = out->path.n > 1 ? out->path.certs[1] : NULL; /* NULL: the leaf is an anchor */
    switch (r) {
    case WRP_CHAIN_OK:
        out->trusted = true;
        break;
    case WRP_CHAIN_EXPIRED:
    case WRP_CHAIN_NOT_YET_VALID:
        wrp_findings_add(f, WRP_CODE_AC_EXPIRED, "access certificate chain not valid at the time: %s",
                         err.msg);
        break;
    case WRP_CHAIN_UNTRUSTED:
    case WRP_CHAIN_BAD_SIGNATURE:
    case WRP_CHAIN_INVALID:
        wrp_findings_add(f, WRP_CODE_AC_UNTRUSTED, "access certificate chain: %s: %s",
                         wrp_chain_result_str(r), err.msg);
        break;
    }
    wrp_status st = wrp_cert_info_get(chain->certs[0], &out->leaf, &err);
    if (st == WRP_ERR_NOMEM)
        return st;
    if (st != WRP_OK) {
        wrp_findings_add(f, WRP_CODE_AC_PROFILE, "access certificate: %s", err.msg);
    } else {
        out->info_ok = true;
        check_profile(ctx, out, f);
    }
    if (out->info_ok && out->leaf.has_crl_dp)
        check_crl(ctx, chain, issuer, f);
    return f->oom ? wrp_nomem() : WRP_OK;
}

void wrp_ac_result_free(wrp_ac_result *r)
{
    if (r == NULL)
        return;
    if (r->info_ok)
        wrp_cert_info_free(&r->leaf);
    wrp_chain_free(&r->path);
}
