/* bytes in -> request stage -> access certificate -> registration certificate -> coverage. */
#include "policy/audit.h"

#include <stdlib.h>
#include <string.h>

#include "policy/reader_auth.h"
#include "policy/request_check.h"
#include "policy/registrar.h"
#include "util/limits.h"
#include "util/mem.h"
#include "util/sniff.h"

int wrp_audit_detect(const uint8_t *req, size_t len)
{
    return wrp_sniff_shape(req, len) == WRP_SHAPE_BINARY ? 2 : 1;
}

/* The request's relying party as far as the request stage could authenticate it. */
typedef struct stage {
    const wrp_chain *chain;     /* the access certificate chain, or NULL */
    const uint8_t *rc;          /* the registration certificate the request carries */
    size_t rc_len;
    size_t n_rc;
    wrp_dcql *query;            /* moved into the judgement */
    bool has_query;
    const wrp_registrar_datasets *datasets; /* sent beside the certificate */
    bool authenticated; /* the request authenticated its signer (signature or reader authentication) */
} stage;

/* The register: the relying party and intended use of the certificate, and coverage against
 * that intended use. A register given but not matched leaves every item unregistered (the
 * REGISTER_* finding says why). */
static wrp_status register_stage(const wrp_ctx *ctx, wrp_judgement *j)
{
    wrp_findings *f = &j->findings;
    wrp_register_result res;
    memset(&res, 0, sizeof res);
    wrp_status st = wrp_check_register_loaded(ctx->register_anchors, ctx->time, ctx->registers,
                                              j->rc.parsed ? &j->rc.rc : NULL, &res, f);
    for (size_t i = 0; st == WRP_OK && i < res.notes.n; i++)
        wrp_findings_add(f, WRP_CODE_REGISTER_INCONSISTENT, "%s", res.notes.v[i].message);
    if (st == WRP_OK && j->has_query) {
        if (res.regset != NULL) {
            wrp_cov_index *ix = NULL;
            st = wrp_cov_index_new(res.regset, &ix);
            if (st == WRP_OK)
                st = wrp_coverage_eval(&j->query, ix, WRP_SRC_REGISTER, &j->cov, f);
            wrp_cov_index_free(ix);
        } else {
            for (size_t i = 0; i < j->cov.n; i++)
                j->cov.items[i].registered = false;
        }
    }
    wrp_register_result_free(&res);
    return st;
}

/* The access certificate as the result shows it: its leaf, and whether the checks of
 * wrp_check_ac (from finding `first` on) found nothing wrong with it. */
static wrp_status note_ac(const wrp_chain *chain, const wrp_ac_result *ac, size_t first, wrp_judgement *j)
{
    wrp_status st = wrp_cert_summary_get(chain->certs[0], &j->ac);
    if (st != WRP_OK)
        return st;
    j->has_ac = true;
    bool clean = ac->trusted && ac->info_ok;
    for (size_t i = first; clean && i < j->findings.n; i++) {
        const char *code = wrp_code_str(j->findings.v[i].code);
        clean = strncmp(code, "AC_", 3) != 0 || j->findings.v[i].severity != WRP_SEV_ERROR;
    }
    j->ac_verified = clean;
    if (ac->info_ok && ac->leaf.common_name != NULL &&
        (j->ac_common_name = wrp_strdup(ac->leaf.common_name)) == NULL)
        return wrp_nomem();
    return WRP_OK;
}

/* The embedded disclosure policies of the credentials asked for, against the relying party as far
 * as the stages before verified it. */
static wrp_status disclosure_stage(const wrp_req_inputs *in, const stage *s, const wrp_ac_result *ac,
                                   wrp_judgement *j)
{
    wrp_dp_party rp;
    wrp_dp_party_read(s->authenticated, ac, &j->rc, &j->findings, &rp);
    return wrp_disclosure_check(in->policies, in->n_policies, j->has_query ? &j->query : NULL, &rp,
                                &j->findings);
}

/* The relying party is verified when its registration certificate was read, is authentic and
 * names it. */
static void verify_party(wrp_judgement *j)
{
    j->rp_verified = j->rc.parsed && j->rc.authentic && wrp_rc_display_name(&j->rc.rc) != NULL;
}

/* Said last, whatever else was found. */
static void note_revocation(const wrp_ctx *ctx, wrp_findings *f)
{
    if (!ctx->revocation)
        wrp_findings_add(f, WRP_CODE_REVOCATION_SKIPPED,
                         "revocation checking is off: status lists and CRLs were not consulted");
}

/* Access certificate, registration certificate, coverage: the same for both request kinds. */
static wrp_status judge(const wrp_ctx *ctx, const wrp_policy *policy, const wrp_req_inputs *in,
                        stage *s, wrp_judgement *j)
{
    wrp_findings *f = &j->findings;
    wrp_ac_result ac = {0};
    const char *ac_id = NULL;
    wrp_status st = WRP_OK;
    if (s->chain != NULL && s->chain->n > 0) {
        size_t first = f->n;
        st = wrp_check_ac(ctx, s->chain, &ac, f);
        ac_id = ac.identifier; /* none: AC_PROFILE already denies */
        if (st == WRP_OK)
            st = note_ac(s->chain, &ac, first, j);
    }
    /* The out-of-band certificate only when the request carries none: a carried one that could
     * not even be taken out (rc NULL) is RC_MALFORMED already, not missing. */
    bool carried = s->n_rc > 0;
    const uint8_t *rc = carried ? s->rc : in->rc;
    size_t rc_len = carried ? s->rc_len : in->rc_len;
    if (st == WRP_OK && rc == NULL && !carried)
        wrp_findings_add(f, WRP_CODE_RC_MISSING, "no registration certificate in the request and none "
                                                 "given out of band");
    else if (st == WRP_OK && rc != NULL)
        st = wrp_check_rc(ctx, rc, rc_len, true, ac_id, &j->rc, f);
    verify_party(j);
    if (st == WRP_OK)
        wrp_check_registrar(s->datasets, j->rp_verified ? &j->rc.rc : NULL, f);
    if (st == WRP_OK && s->has_query) {
        j->query = *s->query;
        memset(s->query, 0, sizeof *s->query);
        j->has_query = true;
        st = wrp_coverage_init(&j->query, &j->cov);
    }
    if (st == WRP_OK && j->has_query && j->rc.parsed) {
        wrp_cov_index *ix = NULL;
        st = wrp_cov_index_new(&j->rc.rc.credentials, &ix);
        if (st == WRP_OK)
            st = wrp_coverage_eval(&j->query, ix, WRP_SRC_RC, &j->cov, f);
        wrp_cov_index_free(ix);
        j->any_source = true;
    }
    if (st == WRP_OK && ctx->registers != NULL && ctx->registers->n > 0)
        st = register_stage(ctx, j);
    if (st == WRP_OK && in->n_policies > 0)
        st = disclosure_stage(in, s, &ac, j);
    if (st == WRP_OK) {
        wrp_dp_party party;
        wrp_dp_party_read(s->authenticated, &ac, &j->rc, f, &party);
        j->party_verified = party.unverified == NULL;
    }
    wrp_ac_result_free(&ac);
    if (st == WRP_OK)
        note_revocation(ctx, f);
    if (st == WRP_OK && policy->warn_mode) {
        /* Warn mode: overasking alone does not deny. */
        bool other_error = false, overask = false;
        for (size_t i = 0; i < f->n; i++) {
            bool oa = wrp_code_is_overask(f->v[i].code);
            overask |= oa;
            other_error |= !oa && f->v[i].severity == WRP_SEV_ERROR;
        }
        for (size_t i = 0; overask && !other_error && i < f->n; i++)
            if (wrp_code_is_overask(f->v[i].code))
                f->v[i].severity = WRP_SEV_WARNING;
    }
    if (st == WRP_OK && f->oom)
        st = wrp_nomem();
    return st;
}

/* Contract v1.1: a request of more items than WRP_MAX_REQUESTED_ITEMS is malformed, refused
 * before anything proportional to the items is allocated or any certificate is judged. */
static bool too_many_items(const wrp_dcql *q, wrp_findings *f)
{
    size_t n = wrp_coverage_count(q);
    if (n <= WRP_MAX_REQUESTED_ITEMS)
        return false;
    wrp_findings_add(f, WRP_CODE_REQUEST_MALFORMED,
                     "the request asks for %zu items (each type of a credential query times its claims), "
                     "more than the limit of %u", n, WRP_MAX_REQUESTED_ITEMS);
    return true;
}

/* In a wallet link, the query parameter `name`: true, and its value at req[*a..*b), when present. */
static bool link_param(const uint8_t *req, size_t len, const char *name, size_t *a, size_t *b)
{
    size_t n = strlen(name);
    for (size_t i = 0; i + n + 1 < len; i++) {
        if ((req[i] != '?' && req[i] != '&') || memcmp(req + i + 1, name, n) != 0 || req[i + 1 + n] != '=')
            continue;
        *a = *b = i + n + 2;
        while (*b < len && req[*b] != '&' && req[*b] != '#')
            ++*b;
        return true;
    }
    return false;
}

/* What to do with a request of the wrong shape, when something can be said. */
static const char *advice(wrp_input_shape shape, const uint8_t *req, size_t len)
{
    size_t a = 0, b = 0;
    switch (shape) {
    case WRP_SHAPE_BOM:
        return ": remove the byte order mark";
    case WRP_SHAPE_HEX:
        return ": decode the hex digits to bytes first";
    case WRP_SHAPE_BASE64:
        return ": decode the base64 first";
    case WRP_SHAPE_LINK:
        if (link_param(req, len, "request", &a, &b) && wrp_sniff_shape(req + a, b - a) == WRP_SHAPE_JWS)
            return ": its request parameter holds a compact JWS, judge that Request Object on its own";
        if (link_param(req, len, "request_uri", &a, &b))
            return ": the Request Object is behind its request_uri, fetch it and judge that";
        return ": the link does not carry a Request Object";
    default:
        return "";
    }
}

/* A request whose bytes cannot be of its kind at all (a PEM file, a hex dump, a wallet link, a
 * web page, a JSON object given as a DeviceRequest) is malformed before a parser sees it, with a
 * message naming what it looks like and what was expected (SPEC.md 1b). Every such input fails
 * the parsers as well: only the message is no longer theirs. kind: 1 OpenID4VP, 2 mdoc. */
static bool wrong_shape(const wrp_req_inputs *in, int kind, const uint8_t *req, size_t len, wrp_findings *f)
{
    wrp_input_shape shape = wrp_sniff_shape(req, len);
    if (shape == WRP_SHAPE_EMPTY)
        return false; /* the parsers say "empty" */
    bool fits = kind == 2 ? shape == WRP_SHAPE_BINARY : shape == WRP_SHAPE_JSON || shape == WRP_SHAPE_JWS;
    if (fits)
        return false;
    const char *expected = in->kind == 0 ? "an OpenID4VP Request Object (compact JWS) or request (JSON), or an "
                                           "ISO/IEC 18013-5 DeviceRequest (CBOR)"
                           : kind == 2   ? "an ISO/IEC 18013-5 DeviceRequest (CBOR), as the kind given says"
                                         : "an OpenID4VP Request Object (compact JWS) or request (JSON), as the "
                                           "kind given says";
    wrp_findings_add(f, WRP_CODE_REQUEST_MALFORMED, "the request looks like %s; expected %s%s",
                     wrp_input_shape_str(shape), expected, advice(shape, req, len));
    return true;
}

static wrp_status run_openid4vp(const wrp_ctx *ctx, const wrp_policy *policy,
                                const wrp_req_inputs *in, const uint8_t *req, size_t len,
                                wrp_judgement *j)
{
    j->kind = "openid4vp";
    if (wrong_shape(in, 1, req, len, &j->findings))
        return WRP_OK;
    wrp_o4vp_opts opts = {in->client_id, in->origin, policy->tx_types, policy->n_tx_types};
    wrp_o4vp o;
    memset(&o, 0, sizeof o);
    wrp_status st = wrp_o4vp_check(req, len, &opts, &o, &j->findings);
    if (st == WRP_OK && o.parsed && !(o.has_dcql && too_many_items(&o.dcql, &j->findings))) {
        stage s = {o.is_signed ? &o.chain : NULL, o.rc, o.rc_len, o.n_rc, &o.dcql, o.has_dcql,
                   &o.datasets, o.authenticated};
        st = judge(ctx, policy, in, &s, j);
    }
    wrp_o4vp_free(&o);
    return st;
}

static wrp_status run_mdoc(const wrp_ctx *ctx, const wrp_policy *policy, const wrp_req_inputs *in,
                           const uint8_t *req, size_t len, wrp_judgement *j)
{
    j->kind = "mdoc";
    if (wrong_shape(in, 2, req, len, &j->findings))
        return WRP_OK;
    wrp_mdoc m;
    memset(&m, 0, sizeof m);
    wrp_status st = wrp_mdoc_check(req, len, in->transcript, in->transcript_len, &m, &j->findings);
    if (st == WRP_OK && m.parsed && !too_many_items(&m.items, &j->findings)) {
        stage s = {&m.chain, m.rc, m.rc_len, m.n_rc, &m.items, true, &m.datasets, m.authenticated};
        st = judge(ctx, policy, in, &s, j);
    }
    wrp_mdoc_free(&m);
    return st;
}

wrp_status wrp_audit_run(const wrp_ctx *ctx, const wrp_policy *policy, const wrp_req_inputs *in,
                         const uint8_t *req, size_t len, wrp_judgement *j)
{
    memset(j, 0, sizeof *j);
    int kind = in->kind != 0 ? in->kind : wrp_audit_detect(req, len);
    return kind == 2 ? run_mdoc(ctx, policy, in, req, len, j)
                     : run_openid4vp(ctx, policy, in, req, len, j);
}

wrp_status wrp_registration_run(const wrp_ctx *ctx, const uint8_t *rc, size_t rc_len,
                                const uint8_t *ac_chain, size_t ac_len, bool for_request,
                                wrp_judgement *j)
{
    wrp_findings *f = &j->findings;
    wrp_status st = WRP_OK;
    const char *ac_id = NULL;
    wrp_ac_result ac = {0};
    if (ac_chain != NULL) {
        wrp_chain chain;
        wrp_err err = {{0}};
        st = wrp_chain_parse(ac_chain, ac_len, &chain, &err);
        if (st == WRP_OK) {
            st = wrp_check_ac(ctx, &chain, &ac, f);
            wrp_chain_free(&chain);
            ac_id = ac.identifier; /* none: AC_PROFILE already denies */
        } else if (st != WRP_ERR_NOMEM) {
            wrp_findings_add(f, WRP_CODE_AC_UNTRUSTED, "access certificate chain: %s", err.msg);
            st = WRP_OK;
        }
    }
    if (st == WRP_OK)
        st = wrp_check_rc(ctx, rc, rc_len, for_request, ac_id, &j->rc, f);
    verify_party(j);
    if (st == WRP_OK)
        note_revocation(ctx, f);
    wrp_ac_result_free(&ac);
    return st;
}

void wrp_judgement_free(wrp_judgement *j)
{
    if (j == NULL)
        return;
    wrp_findings_free(&j->findings);
    wrp_rc_result_free(&j->rc);
    wrp_dcql_free(&j->query);
    wrp_coverage_free(&j->cov);
    wrp_cert_summary_free(&j->ac);
    free(j->ac_common_name);
    memset(j, 0, sizeof *j);
}
