/* The public verifier: configuration, context and the registration certificate entry point. */
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>

#include "lib/result.h"
#include "policy/lote_check.h"
#include "policy/checks.h"
#include "util/lang.h"
#include "util/limits.h"
#include "util/mem.h"

typedef struct blob {
    uint8_t *p;
    size_t n;
} blob;

typedef struct blobs {
    blob *v;
    size_t n;
} blobs;

typedef struct strs {
    char **v;
    size_t n;
} strs;

/* Anchors and CRLs are kept decoded, as checked when added: a verifier built from the
 * configuration takes references to them instead of decoding every file again. So are the signer
 * certificates of status list tokens and register documents, in a certificate cache that every
 * verifier built from the configuration shares (and fills with the certificates it decodes). */
struct wrp_config {
    wrp_anchors *ac_anchors, *rc_anchors, *register_anchors, *lote_signers;
    wrp_cert_cache *certs;
    X509_CRL **crls;
    size_t n_crls; /* at most WRP_MAX_ANCHORS, in all the files */
    blobs lists, registers;
    wrp_lote *lotes; /* trusted lists as read, each judged when the verifier is made */
    size_t n_lotes;
    strs tx_types;
    int64_t time;
    bool time_set;
    bool revocation;
    bool require_ac_policy;
    bool warn_mode;
    wrp_err last;
};

/* Immutable once built, except for the certificate cache, which only ever saves decoding work
 * (see x509.h) and locks itself. */
struct wrp_verifier {
    wrp_ctx ctx;
    wrp_cert_cache *certs;
    wrp_register_docs registers; /* read and their signatures verified once */
    wrp_policy policy;
    strs tx_types;
};

struct wrp_request {
    wrp_req_inputs in;
    char *client_id, *origin, *langs;
    blob transcript, rc;
    wrp_dpolicy *policies; /* in.policies */
    wrp_err last;
};

static void strs_free(strs *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->v[i]);
    free(s->v);
    s->v = NULL;
    s->n = 0;
}

static wrp_status strs_push(strs *s, const char *value)
{
    if (s->n >= WRP_MAX_ANCHORS)
        return WRP_ERR_LIMIT;
    char **v = wrp_realloc(s->v, (s->n + 1) * sizeof *v);
    if (v == NULL)
        return wrp_nomem();
    s->v = v;
    if ((s->v[s->n] = wrp_strdup(value)) == NULL)
        return wrp_nomem();
    s->n++;
    return WRP_OK;
}

wrp_config *wrp_config_new(void)
{
    wrp_config *c = wrp_calloc(1, sizeof *c);
    if (c == NULL)
        return NULL;
    c->revocation = true;
    c->ac_anchors = wrp_anchors_new();
    c->rc_anchors = wrp_anchors_new();
    c->register_anchors = wrp_anchors_new();
    c->lote_signers = wrp_anchors_new();
    c->certs = wrp_cert_cache_new(WRP_CERT_CACHE_SIZE);
    if (c->ac_anchors == NULL || c->rc_anchors == NULL || c->register_anchors == NULL ||
        c->lote_signers == NULL || c->certs == NULL) {
        wrp_config_free(c);
        return NULL;
    }
    return c;
}

static void blobs_free(blobs *b)
{
    for (size_t i = 0; i < b->n; i++)
        free(b->v[i].p);
    free(b->v);
}

void wrp_config_free(wrp_config *c)
{
    if (c == NULL)
        return;
    wrp_anchors_free(c->ac_anchors);
    wrp_anchors_free(c->rc_anchors);
    wrp_anchors_free(c->register_anchors);
    wrp_crls_free(c->crls, c->n_crls);
    wrp_cert_cache_free(c->certs);
    blobs_free(&c->lists);
    blobs_free(&c->registers);
    for (size_t i = 0; i < c->n_lotes; i++)
        wrp_lote_free(&c->lotes[i]);
    free(c->lotes);
    wrp_anchors_free(c->lote_signers);
    strs_free(&c->tx_types);
    free(c);
}

static wrp_status keep(blobs *b, const uint8_t *data, size_t len)
{
    if (b->n >= WRP_MAX_ANCHORS)
        return WRP_ERR_LIMIT;
    blob *v = wrp_realloc(b->v, (b->n + 1) * sizeof *v);
    if (v == NULL)
        return wrp_nomem();
    b->v = v;
    uint8_t *copy = wrp_malloc(len ? len : 1);
    if (copy == NULL)
        return wrp_nomem();
    memcpy(copy, data, len);
    b->v[b->n++] = (blob){copy, len};
    return WRP_OK;
}

static wrp_status check_args(wrp_config *c, const uint8_t *data, size_t len)
{
    if (c == NULL || (data == NULL && len > 0))
        return WRP_ERR_ARG;
    c->last.msg[0] = 0;
    if (len > WRP_MAX_INPUT_BYTES)
        return wrp_fail(&c->last, WRP_ERR_LIMIT, "input larger than %u bytes", WRP_MAX_INPUT_BYTES);
    return WRP_OK;
}

/* All or nothing (wrp_anchors_add), at most WRP_MAX_ANCHORS certificates per kind. */
static wrp_status add_anchors(wrp_config *c, wrp_anchors *set, const uint8_t *data, size_t len)
{
    wrp_status st = check_args(c, data, len);
    return st == WRP_OK ? wrp_anchors_add(set, data, len, &c->last) : st;
}

static wrp_status add_ac_anchors_unbracketed(wrp_config *c, const uint8_t *data, size_t len)
{
    return add_anchors(c, c ? c->ac_anchors : NULL, data, len);
}

static wrp_status add_rc_anchors_unbracketed(wrp_config *c, const uint8_t *data, size_t len)
{
    return add_anchors(c, c ? c->rc_anchors : NULL, data, len);
}

static wrp_status add_crl_unbracketed(wrp_config *c, const uint8_t *data, size_t len)
{
    wrp_status st = check_args(c, data, len);
    if (st != WRP_OK)
        return st;
    if (c->n_crls >= WRP_MAX_ANCHORS)
        return wrp_fail(&c->last, WRP_ERR_LIMIT, "more than %u CRLs in the configuration",
                        WRP_MAX_ANCHORS);
    X509_CRL **v = NULL;
    size_t n = 0;
    st = wrp_crls_parse(data, len, &v, &n, &c->last);
    if (st != WRP_OK)
        return st;
    if (n > WRP_MAX_ANCHORS - c->n_crls) {
        wrp_crls_free(v, n);
        return wrp_fail(&c->last, WRP_ERR_LIMIT, "more than %u CRLs in the configuration",
                        WRP_MAX_ANCHORS);
    }
    X509_CRL **all = wrp_realloc(c->crls, (c->n_crls + n) * sizeof *all);
    if (all == NULL) {
        wrp_crls_free(v, n);
        return wrp_nomem();
    }
    memcpy(all + c->n_crls, v, n * sizeof *v);
    free(v);
    c->crls = all;
    c->n_crls += n;
    return WRP_OK;
}

/* Decoding a signer chain into the configuration's cache; a chain that does not decode is left
 * to the judgements, which report it. */
static void decode_token_chain(wrp_config *c, const wrp_token *t)
{
    wrp_cert_cache *prev = wrp_cert_cache_enter(c->certs);
    wrp_chain chain;
    if (wrp_token_chain(t, &chain, NULL) == WRP_OK)
        wrp_chain_free(&chain);
    wrp_cert_cache_leave(prev);
    wrp_ossl_clear();
}

static void decode_register_chains(wrp_config *c, const uint8_t *data, size_t len)
{
    wrp_regdoc d;
    if (wrp_regdoc_parse(data, len, &d, NULL) != WRP_OK)
        return;
    wrp_cert_cache *prev = wrp_cert_cache_enter(c->certs);
    for (size_t i = 0; i < d.n_sigs; i++) {
        wrp_chain chain;
        if (d.sigs[i].usable && wrp_reg_sig_chain(&d.sigs[i], &chain, NULL) == WRP_OK)
            wrp_chain_free(&chain);
    }
    wrp_cert_cache_leave(prev);
    wrp_regdoc_free(&d);
    wrp_ossl_clear();
}

static wrp_status add_status_list_unbracketed(wrp_config *c, const uint8_t *data, size_t len)
{
    wrp_status st = check_args(c, data, len);
    if (st != WRP_OK)
        return st;
    wrp_status_list sl;
    st = wrp_status_list_parse(data, len, &sl, &c->last);
    if (st == WRP_OK)
        decode_token_chain(c, &sl.token);
    wrp_status_list_free(&sl);
    return st == WRP_OK ? keep(&c->lists, data, len) : st;
}

static wrp_status add_register_unbracketed(wrp_config *c, const uint8_t *data, size_t len)
{
    wrp_status st = check_args(c, data, len);
    if (st == WRP_OK)
        st = keep(&c->registers, data, len);
    if (st == WRP_OK)
        decode_register_chains(c, data, len);
    return st;
}

static wrp_status add_register_anchors_unbracketed(wrp_config *c, const uint8_t *data, size_t len)
{
    return add_anchors(c, c ? c->register_anchors : NULL, data, len);
}

static wrp_status add_lote_signer_unbracketed(wrp_config *c, const uint8_t *data, size_t len)
{
    return add_anchors(c, c ? c->lote_signers : NULL, data, len);
}

/* Whether a trusted list as read may be used at time t with the configured list signers (policy's
 * wrp_lote_check); err receives the reason when not. */
static wrp_status lote_usable(const wrp_anchors *signers, const wrp_lote *l, int64_t t, wrp_err *err)
{
    wrp_err why = {{0}};
    wrp_lote_result r = wrp_lote_check(l, wrp_anchors_count(signers) > 0 ? signers : NULL, t, &why);
    if (r == WRP_LOTE_OK)
        return WRP_OK;
    return wrp_fail(err, r == WRP_LOTE_BAD_SIGNATURE || r == WRP_LOTE_UNTRUSTED ? WRP_ERR_CRYPTO
                                                                               : WRP_ERR_MALFORMED,
                    "trusted list %s at the time: %s", wrp_lote_result_str(r), why.msg);
}

/* A trusted list is read once, here. It is judged in wrp_verifier_new, with the time and the list
 * signers configured by then; when the time is already set it is also judged at once, so that
 * the caller learns why a list cannot be used from the call that gave it. */
static wrp_status add_lote_unbracketed(wrp_config *c, const uint8_t *data, size_t len)
{
    wrp_status st = check_args(c, data, len);
    if (st != WRP_OK)
        return st;
    if (c->n_lotes >= WRP_MAX_ANCHORS)
        return WRP_ERR_LIMIT;
    wrp_lote *more = wrp_realloc(c->lotes, (c->n_lotes + 1) * sizeof *more);
    if (more == NULL)
        return wrp_nomem();
    c->lotes = more;
    wrp_lote *l = &c->lotes[c->n_lotes];
    if ((st = wrp_lote_parse(data, len, l, &c->last)) != WRP_OK)
        return st;
    if (c->time_set && (st = lote_usable(c->lote_signers, l, c->time, &c->last)) != WRP_OK) {
        wrp_lote_free(l);
        return st;
    }
    c->n_lotes++;
    return WRP_OK;
}

/* An allocation failure noted while loading (one OpenSSL did not report as such) is
 * WRP_ERR_NOMEM, not a verdict on the input. */
static wrp_status bracket_end(wrp_status st)
{
    return wrp_oom_end() && st != WRP_ERR_ARG ? WRP_ERR_NOMEM : st;
}

#define BRACKETED_ADDER(kind)                                                                    \
    wrp_status wrp_config_add_##kind(wrp_config *c, const uint8_t *data, size_t len)             \
    {                                                                                            \
        wrp_oom_begin();                                                                         \
        return bracket_end(add_##kind##_unbracketed(c, data, len));                              \
    }

BRACKETED_ADDER(ac_anchors)
BRACKETED_ADDER(rc_anchors)
BRACKETED_ADDER(crl)
BRACKETED_ADDER(status_list)
BRACKETED_ADDER(register)
BRACKETED_ADDER(register_anchors)
BRACKETED_ADDER(lote_signer)
BRACKETED_ADDER(lote)

void wrp_config_set_time(wrp_config *c, int64_t t)
{
    if (c != NULL) {
        c->time = t;
        c->time_set = true;
    }
}

void wrp_config_set_revocation(wrp_config *c, int enabled)
{
    if (c != NULL)
        c->revocation = enabled != 0;
}

void wrp_config_set_require_ac_policy(wrp_config *c, int enabled)
{
    if (c != NULL)
        c->require_ac_policy = enabled != 0;
}

void wrp_config_set_mode(wrp_config *c, wrp_mode mode)
{
    if (c != NULL)
        c->warn_mode = mode == WRP_MODE_WARN;
}

wrp_status wrp_config_add_transaction_data_type(wrp_config *c, const char *type)
{
    if (c == NULL || type == NULL)
        return WRP_ERR_ARG;
    return strs_push(&c->tx_types, type);
}

const char *wrp_config_last_error(const wrp_config *c)
{
    return c != NULL ? c->last.msg : "";
}

void wrp_verifier_free(wrp_verifier *v)
{
    if (v == NULL)
        return;
    wrp_anchors_free(v->ctx.ac_anchors);
    wrp_anchors_free(v->ctx.rc_anchors);
    wrp_anchors_free(v->ctx.register_anchors);
    wrp_register_docs_free(&v->registers);
    wrp_crls_free(v->ctx.crls, v->ctx.n_crls);
    wrp_crl_memo_free(v->ctx.crl_memo);
    wrp_sig_memo_free(v->ctx.sig_memo);
    for (size_t i = 0; i < v->ctx.n_lists; i++)
        wrp_status_list_free(&v->ctx.lists[i]);
    free(v->ctx.lists);
    strs_free(&v->tx_types);
    wrp_cert_cache_free(v->certs);
    free(v);
}

static wrp_status share_anchors(const wrp_anchors *from, wrp_anchors **out)
{
    *out = wrp_anchors_dup(from);
    return *out != NULL ? WRP_OK : wrp_nomem();
}

static wrp_status share_crls(const wrp_config *c, wrp_ctx *ctx)
{
    ctx->crls = wrp_calloc(c->n_crls ? c->n_crls : 1, sizeof *ctx->crls);
    if (ctx->crls == NULL)
        return wrp_nomem();
    for (size_t i = 0; i < c->n_crls; i++) {
        if (!X509_CRL_up_ref(c->crls[i]))
            return WRP_ERR_INTERNAL;
        ctx->crls[ctx->n_crls++] = c->crls[i];
    }
    ctx->crl_memo = wrp_crl_memo_new(ctx->n_crls);
    return ctx->crl_memo != NULL ? WRP_OK : wrp_nomem();
}

static wrp_status load_lists(const blobs *b, wrp_ctx *ctx)
{
    ctx->lists = wrp_calloc(b->n ? b->n : 1, sizeof *ctx->lists);
    if (ctx->lists == NULL)
        return wrp_nomem();
    for (size_t i = 0; i < b->n; i++) {
        wrp_status st = wrp_status_list_parse(b->v[i].p, b->v[i].n, &ctx->lists[i], NULL);
        ctx->n_lists++;
        if (st == WRP_OK)
            st = wrp_status_list_prepare(&ctx->lists[i]); /* inflated once, not per judgement */
        if (st != WRP_OK)
            return st;
    }
    return WRP_OK;
}

/* Every trusted list, judged at the verifier's time with its list signers (policy), feeds the
 * anchors of its services. */
static wrp_status load_lotes(const wrp_config *c, wrp_ctx *ctx)
{
    for (size_t i = 0; i < c->n_lotes; i++) {
        const wrp_lote *l = &c->lotes[i];
        wrp_status st = lote_usable(c->lote_signers, l, c->time, NULL);
        if (st != WRP_OK)
            return st;
        const struct {
            const char *type;
            wrp_anchors *to;
        } feeds[] = {
            {WRP_LOTE_SVC_WRPAC_ISSUANCE, ctx->ac_anchors},
            {WRP_LOTE_SVC_WRPRC_ISSUANCE, ctx->rc_anchors},
            {WRP_LOTE_SVC_WRPRC_REVOCATION, ctx->rc_anchors},
            {WRP_LOTE_SVC_REGISTER, ctx->register_anchors},
        };
        for (size_t k = 0; st == WRP_OK && k < sizeof feeds / sizeof feeds[0]; k++)
            st = wrp_lote_add_anchors(l, feeds[k].type, c->time, feeds[k].to, NULL);
        if (st != WRP_OK)
            return st;
    }
    return WRP_OK;
}

/* The register documents are read, and their signatures verified, here and once: a judgement
 * only judges what depends on its time (wrp_check_register_loaded). The bytes are not kept. */
static wrp_status load_registers(const blobs *b, wrp_verifier *v)
{
    wrp_register_input *in = wrp_calloc(b->n ? b->n : 1, sizeof *in);
    if (in == NULL)
        return wrp_nomem();
    for (size_t i = 0; i < b->n; i++)
        in[i] = (wrp_register_input){b->v[i].p, b->v[i].n};
    wrp_cert_cache *prev = wrp_cert_cache_enter(v->certs); /* the chains decoded when added */
    wrp_status st = wrp_register_load(in, b->n, &v->registers);
    wrp_cert_cache_leave(prev);
    free(in);
    v->ctx.registers = st == WRP_OK ? &v->registers : NULL;
    return st;
}

static wrp_status verifier_new_unbracketed(const wrp_config *c, wrp_verifier **out)
{
    if (c == NULL || out == NULL)
        return WRP_ERR_ARG;
    *out = NULL;
    wrp_verifier *v = wrp_calloc(1, sizeof *v);
    if (v == NULL)
        return wrp_nomem();
    v->ctx.time = c->time;
    v->ctx.revocation = c->revocation;
    v->ctx.require_ac_policy = c->require_ac_policy;
    v->policy.warn_mode = c->warn_mode;
    v->certs = wrp_cert_cache_share(c->certs);
    wrp_status st = v->certs != NULL ? WRP_OK : wrp_nomem();
    for (size_t i = 0; st == WRP_OK && i < c->tx_types.n; i++)
        st = strs_push(&v->tx_types, c->tx_types.v[i]);
    v->policy.tx_types = (const char *const *)v->tx_types.v;
    v->policy.n_tx_types = v->tx_types.n;
    if (st == WRP_OK)
        st = share_anchors(c->ac_anchors, &v->ctx.ac_anchors);
    if (st == WRP_OK)
        st = share_anchors(c->rc_anchors, &v->ctx.rc_anchors);
    if (st == WRP_OK)
        st = share_anchors(c->register_anchors, &v->ctx.register_anchors);
    if (st == WRP_OK)
        st = load_registers(&c->registers, v);
    if (st == WRP_OK)
        st = load_lotes(c, &v->ctx);
    if (st == WRP_OK)
        st = share_crls(c, &v->ctx);
    if (st == WRP_OK && (v->ctx.sig_memo = wrp_sig_memo_new(WRP_SIG_MEMO_SIZE)) == NULL)
        st = wrp_nomem();
    if (st == WRP_OK)
        st = load_lists(&c->lists, &v->ctx);
    wrp_ossl_clear();
    if (st != WRP_OK) {
        wrp_verifier_free(v);
        return st;
    }
    *out = v;
    return WRP_OK;
}

wrp_status wrp_verifier_new(const wrp_config *c, wrp_verifier **out)
{
    wrp_oom_begin();
    wrp_status st = verifier_new_unbracketed(c, out);
    if (wrp_oom_end() && st != WRP_ERR_ARG) {
        if (st == WRP_OK) {
            wrp_verifier_free(*out);
            *out = NULL;
        }
        st = WRP_ERR_NOMEM;
    }
    return st;
}

/* Finishes a judgement that ran with status st: the result to the caller, or freed. */
static wrp_status hand_out(wrp_result *r, wrp_status st, wrp_result **out)
{
    if (st == WRP_OK)
        st = wrp_result_finish(r);
    if (wrp_oom_end())
        st = WRP_ERR_NOMEM;
    if (st != WRP_OK) {
        wrp_result_free(r);
        return st;
    }
    *out = r;
    return WRP_OK;
}

wrp_status wrp_check_registration(const wrp_verifier *v, const uint8_t *rc, size_t rc_len,
                                  const uint8_t *ac_chain, size_t ac_len, int for_request,
                                  wrp_result **out)
{
    if (v == NULL || out == NULL || (rc == NULL && rc_len > 0) || (ac_chain == NULL && ac_len > 0))
        return WRP_ERR_ARG;
    *out = NULL;
    wrp_result *r = wrp_result_new();
    if (r == NULL)
        return wrp_nomem();
    wrp_oom_begin(); /* ended by hand_out */
    wrp_cert_cache *prev = wrp_cert_cache_enter(v->certs);
    wrp_status st = wrp_registration_run(&v->ctx, rc, rc_len, ac_chain, ac_len, for_request != 0, &r->j);
    wrp_cert_cache_leave(prev);
    return hand_out(r, st, out);
}

wrp_request *wrp_request_new(void)
{
    return wrp_calloc(1, sizeof(wrp_request));
}

void wrp_request_free(wrp_request *rq)
{
    if (rq == NULL)
        return;
    free(rq->client_id);
    free(rq->origin);
    free(rq->langs);
    free(rq->transcript.p);
    free(rq->rc.p);
    for (size_t i = 0; i < rq->in.n_policies; i++)
        wrp_dpolicy_free(&rq->policies[i]);
    free(rq->policies);
    free(rq);
}

static wrp_status set_str(char **field, const char **view, const char *value)
{
    char *copy = NULL;
    if (value != NULL && (copy = wrp_strdup(value)) == NULL)
        return wrp_nomem();
    free(*field);
    *field = copy;
    *view = copy;
    return WRP_OK;
}

static wrp_status set_blob(blob *b, const uint8_t **view, size_t *view_len, const uint8_t *data,
                           size_t len)
{
    if (data == NULL && len > 0)
        return WRP_ERR_ARG;
    if (len > WRP_MAX_INPUT_BYTES)
        return WRP_ERR_LIMIT;
    uint8_t *copy = NULL;
    if (data != NULL) {
        if ((copy = wrp_malloc(len ? len : 1)) == NULL)
            return wrp_nomem();
        memcpy(copy, data, len);
    }
    free(b->p);
    *b = (blob){copy, data != NULL ? len : 0};
    *view = copy;
    *view_len = b->n;
    return WRP_OK;
}

wrp_status wrp_request_set_client_id(wrp_request *rq, const char *client_id)
{
    return rq == NULL ? WRP_ERR_ARG : set_str(&rq->client_id, &rq->in.client_id, client_id);
}

wrp_status wrp_request_set_origin(wrp_request *rq, const char *origin)
{
    return rq == NULL ? WRP_ERR_ARG : set_str(&rq->origin, &rq->in.origin, origin);
}

wrp_status wrp_request_set_transcript(wrp_request *rq, const uint8_t *data, size_t len)
{
    return rq == NULL ? WRP_ERR_ARG
                      : set_blob(&rq->transcript, &rq->in.transcript, &rq->in.transcript_len, data, len);
}

wrp_status wrp_request_set_registration(wrp_request *rq, const uint8_t *data, size_t len)
{
    return rq == NULL ? WRP_ERR_ARG : set_blob(&rq->rc, &rq->in.rc, &rq->in.rc_len, data, len);
}

static wrp_status add_disclosure_policy_unbracketed(wrp_request *rq, const uint8_t *json, size_t len)
{
    if (rq == NULL || (json == NULL && len > 0))
        return WRP_ERR_ARG;
    rq->last.msg[0] = 0;
    if (rq->in.n_policies >= WRP_MAX_DISCLOSURE_POLICIES)
        return wrp_fail(&rq->last, WRP_ERR_LIMIT, "more than %u disclosure policies",
                        WRP_MAX_DISCLOSURE_POLICIES);
    wrp_dpolicy p;
    wrp_err why = {{0}};
    const uint8_t empty = 0;
    wrp_status st = wrp_dpolicy_parse(json != NULL ? json : &empty, len, &p, &why);
    if (st != WRP_OK)
        return wrp_fail(&rq->last, st, "%s", why.msg);
    wrp_dpolicy *v = wrp_realloc(rq->policies, (rq->in.n_policies + 1) * sizeof *v);
    if (v == NULL) {
        wrp_dpolicy_free(&p);
        return wrp_nomem();
    }
    v[rq->in.n_policies] = p;
    rq->policies = v;
    rq->in.policies = v;
    rq->in.n_policies++;
    return WRP_OK;
}

wrp_status wrp_request_add_disclosure_policy(wrp_request *rq, const uint8_t *json, size_t len)
{
    wrp_oom_begin();
    return bracket_end(add_disclosure_policy_unbracketed(rq, json, len));
}

static wrp_status set_lang_unbracketed(wrp_request *rq, const char *langs)
{
    if (rq == NULL)
        return WRP_ERR_ARG;
    rq->last.msg[0] = 0;
    wrp_status st = langs != NULL ? wrp_lang_list_check(langs, &rq->last) : WRP_OK;
    if (st != WRP_OK)
        return st;
    char *copy = NULL;
    if (langs != NULL && (copy = wrp_strdup(langs)) == NULL)
        return wrp_nomem();
    free(rq->langs);
    rq->langs = copy;
    return WRP_OK;
}

wrp_status wrp_request_set_lang(wrp_request *rq, const char *langs)
{
    wrp_oom_begin();
    return bracket_end(set_lang_unbracketed(rq, langs));
}

const char *wrp_request_last_error(const wrp_request *rq)
{
    return rq != NULL ? rq->last.msg : "";
}

void wrp_request_set_kind(wrp_request *rq, wrp_request_kind kind)
{
    if (rq != NULL && (kind == WRP_KIND_AUTO || kind == WRP_KIND_OPENID4VP || kind == WRP_KIND_MDOC))
        rq->in.kind = (int)kind;
}

wrp_request_kind wrp_detect_kind(const uint8_t *req, size_t len)
{
    if (req == NULL && len > 0)
        return WRP_KIND_AUTO;
    return wrp_audit_detect(req, len) == 2 ? WRP_KIND_MDOC : WRP_KIND_OPENID4VP;
}

wrp_status wrp_audit(const wrp_verifier *v, const wrp_request *rq, const uint8_t *req, size_t len,
                     wrp_result **out)
{
    if (v == NULL || out == NULL || (req == NULL && len > 0))
        return WRP_ERR_ARG;
    *out = NULL;
    wrp_result *r = wrp_result_new();
    if (r == NULL)
        return wrp_nomem();
    wrp_oom_begin(); /* ended by hand_out */
    static const wrp_req_inputs none = {0};
    const uint8_t empty = 0;
    wrp_cert_cache *prev = wrp_cert_cache_enter(v->certs);
    wrp_status st = wrp_audit_run(&v->ctx, &v->policy, rq != NULL ? &rq->in : &none,
                                  req != NULL ? req : &empty, len, &r->j);
    wrp_cert_cache_leave(prev);
    if (st == WRP_OK && rq != NULL && rq->langs != NULL && (r->langs = wrp_strdup(rq->langs)) == NULL)
        st = wrp_nomem();
    return hand_out(r, st, out);
}
