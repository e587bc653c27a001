/* Reader authentication of an ISO/IEC 18013-5 DeviceRequest judged: every DocRequest signed (its
 * own readerAuth, or readerAuthAll), every signature verified over the caller's SessionTranscript
 * by one and the same reader certificate; and what the request stage reports of a DeviceRequest
 * that model/mdoc.c read. */
#include "policy/reader_auth.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/signer.h"
#include "util/limits.h"

#define AT_LEN 96

typedef struct auth {
    const wrp_mdoc_request *dr;
    const uint8_t *st; /* the SessionTranscript to embed, or NULL when none is usable */
    size_t st_len;
    wrp_mdoc *out;
    wrp_findings *f;
    size_t failures;
} auth;

__attribute__((format(printf, 3, 4))) static void auth_fail(auth *a, const char *cred_id,
                                                            const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    a->failures++;
    wrp_finding *x = wrp_findings_add(a->f, WRP_CODE_READER_AUTH_SIGNATURE, "%s", msg);
    if (x != NULL && cred_id != NULL)
        wrp_finding_set_str(a->f, &x->credential_id, cred_id);
}

/* The reader certificate chain of one signature; the first one met becomes the request's, every
 * later one must carry the same leaf certificate. *leaf is borrowed from the chain that is kept. */
static wrp_status take_chain(auth *a, const wrp_cose_sign1 *c, const char *who, const char *cred_id,
                             X509 **leaf, wrp_chain *own)
{
    wrp_err err = {{0}};
    wrp_status st = wrp_cose_x5chain(c, own, &err);
    if (st == WRP_ERR_NOMEM)
        return st;
    if (st != WRP_OK) {
        auth_fail(a, cred_id, "%s: %s", who, err.msg);
        return WRP_ERR_CRYPTO;
    }
    if (a->out->chain.n == 0) {
        a->out->chain = *own;
        memset(own, 0, sizeof *own);
        *leaf = a->out->chain.certs[0];
        return WRP_OK;
    }
    *leaf = own->certs[0];
    if (X509_cmp(a->out->chain.certs[0], own->certs[0]) != 0) {
        auth_fail(a, cred_id, "%s: signed by a different reader certificate than the other "
                              "reader authentication", who);
        return WRP_ERR_CRYPTO;
    }
    return WRP_OK;
}

/* Builds the payload one signature is checked over; a payload built once serves every later
 * signature over the same structure. */
typedef wrp_status (*payload_fn)(const auth *a, size_t i, wrp_cbor_out *out);

static wrp_status doc_payload(const auth *a, size_t i, wrp_cbor_out *out)
{
    return wrp_mdoc_reader_authentication(a->st, a->st_len, &a->dr->docs[i], out);
}

static wrp_status all_payload(const auth *a, size_t i, wrp_cbor_out *out)
{
    (void)i;
    return wrp_mdoc_reader_authentication_all(a->st, a->st_len, a->dr, out);
}

/* One COSE_Sign1: detached payload, alg and crit, x5chain, the same reader as the others, and,
 * when a transcript is usable, the signature. The payload (which embeds the transcript) is built
 * only for a signature that passed every other check, and only once into *payload. */
static wrp_status check_sign1(auth *a, const wrp_cose_sign1 *c, const char *who, const char *cred_id,
                              payload_fn build, size_t i, wrp_cbor_out *payload)
{
    if (c->payload != NULL) {
        auth_fail(a, cred_id, "%s: the payload is not detached", who);
        return WRP_OK;
    }
    if (c->alg == WRP_ALG_INVALID) {
        auth_fail(a, cred_id, "%s: alg absent from the protected header or refused", who);
        return WRP_OK;
    }
    if (!c->crit_ok) {
        auth_fail(a, cred_id, "%s: crit names a header parameter not understood", who);
        return WRP_OK;
    }
    wrp_chain own = {0};
    X509 *leaf = NULL;
    wrp_status st = take_chain(a, c, who, cred_id, &leaf, &own);
    if (st == WRP_OK && a->st != NULL && payload->p == NULL)
        st = build(a, i, payload);
    if (st == WRP_OK && a->st != NULL) {
        X509 *one[1] = {leaf};
        wrp_chain signer = {one, 1};
        wrp_signed sd = wrp_signed_cose(c, payload->p, payload->len);
        wrp_signer_result sr;
        wrp_signer_verify(&sd, &signer, NULL, 0, &sr);
        if (sr.nomem)
            st = WRP_ERR_NOMEM;
        else if (sr.outcome == WRP_SIGNER_BAD_KEY)
            auth_fail(a, cred_id, "%s: reader certificate key unusable", who);
        else if (sr.outcome != WRP_SIGNER_OK)
            auth_fail(a, cred_id, "%s: %s", who, sr.why.msg);
    }
    wrp_chain_free(&own);
    return st == WRP_ERR_NOMEM ? st : WRP_OK;
}

static wrp_status check_doc_auth(auth *a, size_t i)
{
    const wrp_mdoc_doc *d = &a->dr->docs[i];
    char who[AT_LEN], id[24];
    snprintf(who, sizeof who, "docRequests[%zu].readerAuth", i);
    snprintf(id, sizeof id, "%zu", i);
    wrp_cbor_out payload = {0};
    wrp_status st = check_sign1(a, &d->auth, who, id, doc_payload, i, &payload);
    wrp_cbor_out_free(&payload);
    return st;
}

static wrp_status check_all_auth(auth *a)
{
    wrp_cbor_out payload = {0};
    wrp_status st = WRP_OK;
    for (size_t i = 0; i < a->dr->n_all && st == WRP_OK; i++) {
        char who[AT_LEN];
        snprintf(who, sizeof who, "readerAuthAll[%zu]", i);
        st = check_sign1(a, &a->dr->all[i], who, NULL, all_payload, 0, &payload);
    }
    wrp_cbor_out_free(&payload);
    return st;
}

/* Every DocRequest needs its own readerAuth unless readerAuthAll covers them all; every signature
 * present must verify, over the caller's SessionTranscript, by one and the same reader. */
static wrp_status check_auth(const wrp_mdoc_request *dr, const uint8_t *transcript, size_t transcript_len,
                             wrp_mdoc *out, wrp_findings *f)
{
    auth a = {.dr = dr, .out = out, .f = f};
    size_t present = dr->n_all;
    for (size_t i = 0; i < dr->n_docs; i++) {
        if (dr->docs[i].has_auth) {
            present++;
        } else if (dr->n_all == 0) {
            a.failures++;
            wrp_finding *x = wrp_findings_add(f, WRP_CODE_READER_AUTH_MISSING,
                                              "DocRequest %zu has no readerAuth", i);
            char id[24];
            snprintf(id, sizeof id, "%zu", i);
            if (x != NULL)
                wrp_finding_set_str(f, &x->credential_id, id);
        }
    }
    if (present == 0)
        return WRP_OK;
    cbor_item_t *tree = NULL;
    wrp_status st = WRP_OK;
    if (transcript == NULL) {
        a.failures++;
        wrp_findings_add(f, WRP_CODE_READER_AUTH_UNVERIFIED,
                         "no SessionTranscript given: reader authentication cannot be verified");
    } else {
        wrp_err err = {{0}};
        st = transcript_len > WRP_MAX_TRANSCRIPT_BYTES
                 ? wrp_fail(&err, WRP_ERR_LIMIT, "longer than %u bytes", WRP_MAX_TRANSCRIPT_BYTES)
                 : wrp_mdoc_transcript_bytes(transcript, transcript_len, &tree, &a.st, &a.st_len, &err);
        if (st != WRP_OK && st != WRP_ERR_NOMEM) {
            a.st = NULL;
            a.failures++;
            wrp_findings_add(f, WRP_CODE_READER_AUTH_UNVERIFIED,
                             "the SessionTranscript given is unusable: %s", err.msg);
            st = WRP_OK;
        }
    }
    for (size_t i = 0; i < dr->n_docs && st == WRP_OK; i++)
        if (dr->docs[i].has_auth)
            st = check_doc_auth(&a, i);
    if (st == WRP_OK && dr->n_all > 0)
        st = check_all_auth(&a);
    if (tree != NULL)
        cbor_decref(&tree);
    out->authenticated = st == WRP_OK && a.failures == 0;
    return st;
}

/* ---- entry point -------------------------------------------------------------------------------- */

wrp_status wrp_mdoc_check(const uint8_t *in, size_t len, const uint8_t *transcript,
                          size_t transcript_len, wrp_mdoc *out, wrp_findings *f)
{
    if (out == NULL || f == NULL)
        return WRP_ERR_ARG;
    memset(out, 0, sizeof *out);
    wrp_mdoc_request dr = {0};
    wrp_err err = {{0}};
    wrp_status st = in == NULL && len > 0
                        ? wrp_fail(&err, WRP_ERR_MALFORMED, "DeviceRequest: no input")
                        : wrp_mdoc_read(in, len, &dr, &err);
    if (st != WRP_OK && st != WRP_ERR_NOMEM) {
        wrp_findings_add(f, WRP_CODE_REQUEST_MALFORMED, "%s", err.msg);
        st = WRP_OK;
    } else if (st == WRP_OK) {
        out->parsed = true;
        st = wrp_mdoc_items(&dr, &out->items);
        if (st == WRP_OK)
            st = wrp_mdoc_rc(&dr, &out->rc, &out->rc_len, &out->n_rc);
        if (st == WRP_OK && out->n_rc > 1)
            wrp_findings_add(f, WRP_CODE_RC_MULTIPLE,
                             "requestInfo.euWrprc: %zu different registration certificates across "
                             "the DocRequests", out->n_rc);
        if (st == WRP_OK)
            st = wrp_mdoc_datasets(&dr, &out->datasets);
        if (st == WRP_OK)
            st = check_auth(&dr, transcript, transcript_len, out, f);
    }
    wrp_mdoc_request_free(&dr);
    if (st == WRP_OK && f->oom)
        st = wrp_nomem();
    if (st != WRP_OK)
        wrp_mdoc_free(out);
    return st;
}

void wrp_mdoc_free(wrp_mdoc *m)
{
    if (m == NULL)
        return;
    wrp_chain_free(&m->chain);
    wrp_dcql_free(&m->items);
    free(m->rc);
    wrp_registrar_datasets_free(&m->datasets);
    memset(m, 0, sizeof *m);
}

