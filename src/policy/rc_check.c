/* The registration certificate (WRPRC): envelope, signer, payload rules, binding, revocation. */
#include <string.h>

#include <openssl/err.h>

#include "model/statuslist.h"
#include "policy/checks.h"
#include "util/datetime.h"

static const wrp_cbor_json_key rc_keys[] = {
    {1, "iss"}, {2, "sub"}, {4, "exp"}, {6, "iat"}, {7, "cti"}, {65535, "status"},
};

static bool typ_ok(const wrp_token *t)
{
    if (t->typ == NULL)
        return false;
    if (t->encoding == WRP_TOKEN_JWT)
        return strcmp(t->typ, "rc-wrp+jwt") == 0;
    return t->typ_in_protected &&
           (strcmp(t->typ, "rc-wrp+cwt") == 0 || strcmp(t->typ, "application/rc-wrp+cwt") == 0);
}

/* The token signed by the first certificate of its chain, and that chain valid to the RC anchors
 * at the time (wrp_signer_verify, with the verifier's memo of signatures); *err says why not. */
static wrp_signer_outcome check_signer(const wrp_ctx *ctx, const wrp_token *t, wrp_err *err)
{
    wrp_chain chain = {0};
    if (wrp_token_chain(t, &chain, err) != WRP_OK)
        return WRP_SIGNER_NO_CHAIN;
    wrp_signed s = wrp_token_signed(t);
    wrp_signer_result r;
    wrp_signer_verify_memo(&s, &chain, ctx->rc_anchors, ctx->time, ctx->sig_memo, &r);
    *err = r.why;
    wrp_chain_free(&chain);
    return r.outcome;
}

static void check_envelope(const wrp_ctx *ctx, const wrp_token *t, wrp_rc_result *out,
                           wrp_findings *f)
{
    if (!typ_ok(t))
        wrp_findings_add(f, WRP_CODE_RC_TYP, "registration certificate typ is %s%s%s, not %s",
                         t->typ ? "\"" : "", t->typ ? t->typ : "absent", t->typ ? "\"" : "",
                         t->encoding == WRP_TOKEN_JWT ? "rc-wrp+jwt"
                                                      : "rc-wrp+cwt in the protected header");
    if (t->alg == WRP_ALG_INVALID) {
        wrp_findings_add(f, WRP_CODE_RC_ALG, "registration certificate alg is absent, none, HMAC "
                                             "or not supported");
        wrp_findings_add(f, WRP_CODE_RC_SIGNATURE, "registration certificate signature not verified");
        return;
    }
    if (!t->crit_ok) {
        wrp_findings_add(f, WRP_CODE_RC_SIGNATURE,
                         "registration certificate has a critical header parameter not understood");
        return;
    }
    wrp_err err = {{0}};
    switch (check_signer(ctx, t, &err)) {
    case WRP_SIGNER_OK:
        out->authentic = true;
        break;
    case WRP_SIGNER_ALG:
    case WRP_SIGNER_CRIT: /* refused above */
    case WRP_SIGNER_NO_CHAIN:
        wrp_findings_add(f, WRP_CODE_RC_SIGNATURE, "registration certificate signer: %s", err.msg);
        wrp_findings_add(f, WRP_CODE_RC_UNTRUSTED, "registration certificate has no usable signer chain");
        break;
    case WRP_SIGNER_BAD_KEY:
    case WRP_SIGNER_BAD_SIGNATURE:
        wrp_findings_add(f, WRP_CODE_RC_SIGNATURE,
                         "registration certificate signature does not verify with its signer "
                         "certificate%s%s", err.msg[0] ? ": " : "", err.msg);
        break;
    case WRP_SIGNER_UNTRUSTED:
        wrp_findings_add(f, WRP_CODE_RC_UNTRUSTED,
                         "registration certificate signer does not chain to an RC anchor at the "
                         "time: %s", err.msg);
        break;
    }
}

static bool contains(char *const *v, size_t n, const char *a, const char *b)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i], a) == 0 || (b != NULL && strcmp(v[i], b) == 0))
            return true;
    return false;
}

static void check_payload(const wrp_ctx *ctx, const wrp_rc *rc, bool for_request,
                          const char *ac_identifier, wrp_findings *f)
{
    char at[WRP_DATETIME_BUF], now[WRP_DATETIME_BUF];
    if (rc->iat > ctx->time)
        wrp_findings_add(f, WRP_CODE_RC_EXPIRED, "registration certificate iat %s is after the time %s",
                         wrp_datetime_str(rc->iat, at), wrp_datetime_str(ctx->time, now));
    if (rc->has_exp && ctx->time >= rc->exp)
        wrp_findings_add(f, WRP_CODE_RC_EXPIRED, "registration certificate expired at %s (time %s)",
                         wrp_datetime_str(rc->exp, at), wrp_datetime_str(ctx->time, now));
    if (!contains(rc->policy_ids, rc->n_policy_ids, WRP_RC_POLICY_OID, NULL))
        wrp_findings_add(f, WRP_CODE_RC_POLICY, "policy_id does not contain " WRP_RC_POLICY_OID);
    if (for_request &&
        !contains(rc->entitlements, rc->n_entitlements, WRP_ENTITLEMENT_SP_URI, WRP_ENTITLEMENT_SP_OID))
        wrp_findings_add(f, WRP_CODE_RC_ENTITLEMENT,
                         "entitlements do not contain Service_Provider: the certificate does not "
                         "allow requesting attributes");
    /* Contract v1.1 (TS 119 475 clause 4.5, Annex E.3): an intermediary signs with its own access
     * certificate, so an intermediated certificate binds to the intermediary's identifier and
     * its sub is the served party. */
    const char *intermediary = wrp_rc_intermediary_id(rc);
    if (ac_identifier != NULL && intermediary != NULL && strcmp(intermediary, ac_identifier) != 0)
        wrp_findings_add(f, WRP_CODE_RC_SUBJECT_MISMATCH,
                         "the registration certificate is intermediated by \"%s\", not by the access "
                         "certificate's \"%s\"%s",
                         intermediary, ac_identifier,
                         rc->sub && strcmp(rc->sub, ac_identifier) == 0
                             ? " (the served party's own access certificate: an intermediated "
                               "request is signed by the intermediary)"
                             : "");
    else if (ac_identifier != NULL && intermediary == NULL &&
             (rc->sub == NULL || strcmp(rc->sub, ac_identifier) != 0))
        wrp_findings_add(f, WRP_CODE_RC_SUBJECT_MISMATCH,
                         "registration certificate sub \"%s\" is not the access certificate's "
                         "identifier \"%s\"",
                         rc->sub ? rc->sub : "(absent)", ac_identifier);
}

/* Status of one list token for this certificate: 0 valid, 1/2 revoked, -1 unusable (reason). */
static int list_status(const wrp_ctx *ctx, const wrp_status_list *sl, uint64_t idx, wrp_err *why)
{
    if (!sl->typ_ok) {
        wrp_fail(why, WRP_ERR_MALFORMED, "status list token typ is not statuslist+jwt/cwt");
        return -1;
    }
    if (sl->token.alg == WRP_ALG_INVALID || !sl->token.crit_ok) {
        wrp_fail(why, WRP_ERR_MALFORMED, "status list token alg or crit refused");
        return -1;
    }
    wrp_err err = {{0}};
    if (check_signer(ctx, &sl->token, &err) != WRP_SIGNER_OK) {
        wrp_fail(why, WRP_ERR_CRYPTO, "status list token does not verify to an RC anchor: %s", err.msg);
        return -1;
    }
    if (sl->iat > ctx->time || ctx->time >= wrp_status_list_expiry(sl)) {
        wrp_fail(why, WRP_ERR_MALFORMED, "status list token is not current at the time");
        return -1;
    }
    unsigned v;
    if (wrp_status_list_get(sl, idx, &v, &err) != WRP_OK) {
        wrp_fail(why, WRP_ERR_MALFORMED, "status list: %s", err.msg);
        return -1;
    }
    if (v > 2) {
        wrp_fail(why, WRP_ERR_MALFORMED, "status value %u is neither VALID, INVALID nor SUSPENDED", v);
        return -1;
    }
    return (int)v;
}

/* Every token for the certificate's list is consulted; one usable token saying INVALID or
 * SUSPENDED revokes, otherwise one saying VALID suffices. */
static void check_status(const wrp_ctx *ctx, const wrp_rc *rc, wrp_findings *f)
{
    if (!rc->has_status) {
        wrp_findings_add(f, WRP_CODE_RC_STATUS_UNKNOWN, "registration certificate has no usable "
                                                        "status claim");
        return;
    }
    bool any = false, valid = false;
    int revoked = 0;
    wrp_err why = {{0}};
    for (size_t i = 0; i < ctx->n_lists; i++) {
        const wrp_status_list *sl = &ctx->lists[i];
        if (strcmp(sl->sub, rc->status_uri) != 0)
            continue;
        any = true;
        int s = list_status(ctx, sl, (uint64_t)rc->status_idx, &why);
        if (s == 0)
            valid = true;
        else if (s > 0)
            revoked = s;
    }
    if (revoked)
        wrp_findings_add(f, WRP_CODE_RC_REVOKED, "registration certificate status is %s (index %lld of %s)",
                         revoked == 1 ? "INVALID" : "SUSPENDED", (long long)rc->status_idx,
                         rc->status_uri);
    else if (!any)
        wrp_findings_add(f, WRP_CODE_RC_STATUS_UNKNOWN, "no status list token for %s", rc->status_uri);
    else if (!valid)
        wrp_findings_add(f, WRP_CODE_RC_STATUS_UNKNOWN, "%s", why.msg);
}

wrp_status wrp_check_rc(const wrp_ctx *ctx, const uint8_t *in, size_t len, bool for_request,
                        const char *ac_identifier, wrp_rc_result *out, wrp_findings *f)
{
    memset(out, 0, sizeof *out);
    wrp_token t;
    wrp_err err = {{0}};
    wrp_status st = wrp_token_parse(in, len, rc_keys, sizeof rc_keys / sizeof rc_keys[0], false, &t, &err);
    if (st == WRP_ERR_NOMEM) {
        wrp_token_free(&t);
        return st;
    }
    if (st != WRP_OK) {
        wrp_findings_add(f, WRP_CODE_RC_MALFORMED, "registration certificate: %s", err.msg);
        wrp_token_free(&t);
        return f->oom ? wrp_nomem() : WRP_OK;
    }
    check_envelope(ctx, &t, out, f);
    if (t.payload == NULL) {
        wrp_findings_add(f, WRP_CODE_RC_MALFORMED, "registration certificate %s", t.payload_error);
    } else {
        wrp_rc_problems problems = {0};
        st = wrp_rc_from_json(t.payload, &out->rc, &problems);
        if (st == WRP_OK) {
            out->parsed = true;
            for (size_t i = 0; i < problems.n; i++)
                wrp_findings_add(f, WRP_CODE_RC_MALFORMED, "%s", problems.v[i].reason);
            check_payload(ctx, &out->rc, for_request, ac_identifier, f);
            if (ctx->revocation)
                check_status(ctx, &out->rc, f);
        }
    }
    wrp_token_free(&t);
    if (st == WRP_ERR_NOMEM)
        return st;
    return f->oom ? wrp_nomem() : WRP_OK;
}

void wrp_rc_result_free(wrp_rc_result *r)
{
    if (r != NULL)
        wrp_rc_free(&r->rc);
}
