/* Whether a trusted list may be used (lote_check.h). */
#include "policy/lote_check.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include "crypto/signer.h"
#include "util/b64.h"
#include "util/datetime.h"
#include "util/json.h"
#include "util/limits.h"

const char *wrp_lote_result_str(wrp_lote_result r)
{
    switch (r) {
    case WRP_LOTE_OK:
        return "ok";
    case WRP_LOTE_UNSIGNED:
        return "unsigned";
    case WRP_LOTE_BAD_SIGNATURE:
        return "bad signature";
    case WRP_LOTE_UNTRUSTED:
        return "untrusted signer";
    case WRP_LOTE_NOT_YET_ISSUED:
        return "not yet issued";
    case WRP_LOTE_OUTDATED:
        return "past its next update";
    }
    return "unknown";
}

/* Records why and returns r. */
static wrp_lote_result refuse(wrp_err *why, wrp_lote_result r, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static wrp_lote_result refuse(wrp_err *why, wrp_lote_result r, const char *fmt, ...)
{
    if (why != NULL) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(why->msg, sizeof why->msg, fmt, ap);
        va_end(ap);
    }
    return r;
}

/* The header's x5t#S256 (RFC 7515 section 4.1.8: the base64url SHA-256 of the signer's DER
 * certificate) into want; *named false without one. */
static wrp_lote_result signer_named(const wrp_jws *jws, uint8_t want[32], bool *named, wrp_err *why)
{
    const cJSON *x5t = wrp_json_get(jws->header, "x5t#S256");
    *named = x5t != NULL;
    if (x5t == NULL)
        return WRP_LOTE_OK;
    uint8_t *md = NULL;
    size_t len = 0;
    wrp_status st = cJSON_IsString(x5t) ? wrp_b64url_decode((const uint8_t *)x5t->valuestring,
                                                            strlen(x5t->valuestring), &md, &len, NULL)
                                        : WRP_ERR_MALFORMED;
    if (st == WRP_OK && len == 32)
        memcpy(want, md, 32);
    free(md);
    if (st == WRP_OK && len == 32)
        return WRP_LOTE_OK;
    return refuse(why, WRP_LOTE_BAD_SIGNATURE, "x5t#S256 is not the base64url of a SHA-256 digest");
}

/* With an x5c: x5c[0] signs and the chain reaches the signers. Without: one of the signers'
 * certificates signs (the one x5t#S256 names, when the header names one; otherwise each in turn,
 * when there are at most WRP_MAX_LOTE_SIGNER_TRIALS of them), and it is valid at the time. With
 * signers NULL only the first half: x5c[0] signs (a list trusted as given must still be intact),
 * and without x5c there is nothing to check the signature against. */
static wrp_lote_result verify_form(const wrp_jws *jws, const wrp_anchors *signers, int64_t t,
                                   wrp_err *why)
{
    if (jws->alg == WRP_ALG_INVALID)
        return refuse(why, WRP_LOTE_BAD_SIGNATURE, "alg is absent, none, HMAC or not supported");
    if (!jws->crit_ok)
        return refuse(why, WRP_LOTE_BAD_SIGNATURE, "a critical header parameter is not understood");
    wrp_err err = {{0}};
    wrp_chain chain = {0};
    wrp_lote_result r;
    wrp_signed sd = wrp_signed_jws(jws);
    wrp_signer_result sr;
    if (wrp_json_get(jws->header, "x5c") != NULL) {
        if (wrp_jws_x5c(jws, &chain, &err) != WRP_OK)
            return refuse(why, WRP_LOTE_BAD_SIGNATURE, "x5c: %s", err.msg);
        wrp_signer_verify(&sd, &chain, signers, t, &sr);
        if (sr.outcome == WRP_SIGNER_UNTRUSTED)
            r = refuse(why, WRP_LOTE_UNTRUSTED, "the signer does not chain to a list-signer anchor "
                                               "at the time: %s", sr.why.msg);
        else if (sr.outcome != WRP_SIGNER_OK)
            r = refuse(why, WRP_LOTE_BAD_SIGNATURE, "the signature does not verify with x5c[0]");
        else
            r = WRP_LOTE_OK;
        wrp_chain_free(&chain);
        return r;
    }
    if (signers == NULL)
        return WRP_LOTE_OK;
    size_t n = wrp_anchors_count(signers);
    uint8_t want[32];
    bool named = false;
    if ((r = signer_named(jws, want, &named, why)) != WRP_LOTE_OK)
        return r;
    if (!named && n > WRP_MAX_LOTE_SIGNER_TRIALS)
        return refuse(why, WRP_LOTE_BAD_SIGNATURE, "neither x5c nor x5t#S256 names the signer, and "
                                                   "%zu list-signer certificates are configured (it "
                                                   "is tried against at most %u)", n,
                      WRP_MAX_LOTE_SIGNER_TRIALS);
    for (size_t i = 0; i < n; i++) {
        X509 *cert = wrp_anchors_get0(signers, i);
        if (named) {
            uint8_t md[32];
            unsigned int md_len = 0;
            bool made = X509_digest(cert, EVP_sha256(), md, &md_len) == 1 && md_len == sizeof md;
            wrp_ossl_clear();
            if (!made)
                wrp_oom_note(); /* digesting a decoded certificate fails only for want of memory */
            if (!made || memcmp(md, want, sizeof md) != 0)
                continue;
        }
        X509 *one[1] = {cert};
        wrp_chain self = {one, 1};
        wrp_signer_verify(&sd, &self, signers, t, &sr);
        if (sr.outcome == WRP_SIGNER_OK)
            return WRP_LOTE_OK;
        if (sr.outcome == WRP_SIGNER_UNTRUSTED)
            return refuse(why, WRP_LOTE_UNTRUSTED, "the list signer is not valid at the time: %s",
                          sr.why.msg);
    }
    if (named)
        return refuse(why, WRP_LOTE_BAD_SIGNATURE, "no x5c, and the list-signer certificate that "
                                                   "x5t#S256 names is not configured or does not "
                                                   "verify the signature");
    return refuse(why, WRP_LOTE_BAD_SIGNATURE, "no x5c, and no list-signer certificate verifies the "
                                         "signature");
}

static wrp_lote_result verify(const wrp_lote *l, const wrp_anchors *signers, int64_t t, wrp_err *why)
{
    if (l->sig_form == WRP_LOTE_SIG_NONE)
        return signers != NULL ? refuse(why, WRP_LOTE_UNSIGNED, "the list is not signed")
                               : WRP_LOTE_OK;
    if (l->sig_form == WRP_LOTE_SIG_JADES)
        return verify_form(&l->jws, signers, t, why);
    if (l->n_detached_forms == 0)
        return refuse(why, WRP_LOTE_BAD_SIGNATURE, "detached signature: %s", l->detached_error);
    wrp_lote_result r = verify_form(&l->jws, signers, t, why);
    if (r == WRP_LOTE_BAD_SIGNATURE && l->n_detached_forms == 2)
        r = verify_form(&l->jws_utf8, signers, t, why);
    return r;
}

wrp_lote_result wrp_lote_check(const wrp_lote *l, const wrp_anchors *signers, int64_t t, wrp_err *why)
{
    wrp_lote_result r = verify(l, signers, t, why);
    if (r != WRP_LOTE_OK)
        return r;
    char at[WRP_DATETIME_BUF], now[WRP_DATETIME_BUF];
    if (t < l->issued)
        return refuse(why, WRP_LOTE_NOT_YET_ISSUED, "the list is issued at %s, after the time %s",
                      wrp_datetime_str(l->issued, at), wrp_datetime_str(t, now));
    if (t >= l->next_update)
        return refuse(why, WRP_LOTE_OUTDATED, "the list's next update was due at %s (time %s): "
                                              "it must not be used",
                      wrp_datetime_str(l->next_update, at), wrp_datetime_str(t, now));
    return WRP_LOTE_OK;
}
