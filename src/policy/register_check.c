/* The register (EUDI TS5): documents verified to the register anchors, then the relying party and
 * the intended use of the registration certificate looked up among everything that was read. */
#include "policy/register.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/err.h>

#include "policy/checks.h"
#include "util/datetime.h"
#include "util/limits.h"
#include "util/mem.h"

/* ---------------------------------------------------------------------------------------------
 * Signatures */

/* What the time does not change: algorithm, critical parameters, signer chain, and the signature
 * verified with x5c[0]. */
static void load_sig(const wrp_regdoc *d, const wrp_reg_sig *s, wrp_register_sig_state *out)
{
    wrp_err *why = &out->why;
    out->outcome = WRP_REGISTER_SIG_BAD;
    if (!s->usable) {
        wrp_fail(why, WRP_ERR_CRYPTO, "a signature has no protected header, so its alg is not "
                                      "protected");
        return;
    }
    if (s->jws.alg == WRP_ALG_INVALID) {
        wrp_fail(why, WRP_ERR_CRYPTO, "alg is absent, none, HMAC or not supported");
        return;
    }
    if (!s->jws.crit_ok) {
        wrp_fail(why, WRP_ERR_CRYPTO, "a critical header parameter is not understood");
        return;
    }
    wrp_err err = {{0}};
    if (wrp_reg_sig_chain(s, &out->chain, &err) != WRP_OK) {
        wrp_fail(why, WRP_ERR_CRYPTO, "no usable signer chain: %s", err.msg);
        out->outcome = WRP_REGISTER_SIG_NO_CHAIN;
        return;
    }
    wrp_signed sd;
    uint8_t *input = NULL;
    wrp_signer_result r = {.outcome = WRP_SIGNER_BAD_SIGNATURE};
    wrp_status st = wrp_reg_sig_signed(d, s, &sd, &input);
    if (st == WRP_ERR_ARG)
        wrp_fail(&r.why, st, "no payload");
    else if (st == WRP_OK)
        wrp_signer_verify(&sd, &out->chain, NULL, 0, &r);
    free(input);
    if (r.outcome != WRP_SIGNER_OK) {
        wrp_fail(why, WRP_ERR_CRYPTO, "the signature does not verify with x5c[0]%s%s",
                 r.why.msg[0] ? ": " : "", r.why.msg);
        wrp_chain_free(&out->chain);
        return;
    }
    out->outcome = WRP_REGISTER_SIG_VERIFIED;
}

wrp_status wrp_register_load(const wrp_register_input *inputs, size_t n_inputs, wrp_register_docs *out)
{
    memset(out, 0, sizeof *out);
    if ((inputs == NULL && n_inputs > 0) || n_inputs > WRP_MAX_REGISTER_DOCS)
        return WRP_ERR_ARG;
    size_t n = n_inputs ? n_inputs : 1;
    out->docs = wrp_calloc(n, sizeof *out->docs);
    out->parsed = wrp_calloc(n, sizeof *out->parsed);
    out->why = wrp_calloc(n, sizeof *out->why);
    out->sigs = wrp_calloc(n, sizeof *out->sigs);
    if (out->docs == NULL || out->parsed == NULL || out->why == NULL || out->sigs == NULL) {
        wrp_register_docs_free(out);
        return wrp_nomem();
    }
    out->n = n_inputs;
    for (size_t i = 0; i < n_inputs; i++) {
        wrp_status st = wrp_regdoc_parse(inputs[i].data, inputs[i].len, &out->docs[i], &out->why[i]);
        if (st == WRP_ERR_NOMEM) {
            wrp_register_docs_free(out);
            return st;
        }
        if (st != WRP_OK)
            continue;
        out->parsed[i] = true;
        const wrp_regdoc *d = &out->docs[i];
        if (d->n_sigs == 0)
            continue;
        if ((out->sigs[i] = wrp_calloc(d->n_sigs, sizeof *out->sigs[i])) == NULL) {
            wrp_register_docs_free(out);
            return wrp_nomem();
        }
        for (size_t k = 0; k < d->n_sigs; k++)
            load_sig(d, &d->sigs[k], &out->sigs[i][k]);
    }
    wrp_status st = wrp_reg_parties_new(out->docs, out->parsed, out->n, &out->parties);
    if (st != WRP_OK)
        wrp_register_docs_free(out);
    return st;
}

void wrp_register_docs_free(wrp_register_docs *d)
{
    if (d == NULL)
        return;
    wrp_reg_parties_free(d->parties);
    for (size_t i = 0; i < d->n; i++) {
        for (size_t k = 0; d->sigs != NULL && d->sigs[i] != NULL && k < d->docs[i].n_sigs; k++)
            wrp_chain_free(&d->sigs[i][k].chain);
        if (d->sigs != NULL)
            free(d->sigs[i]);
        wrp_regdoc_free(&d->docs[i]);
    }
    free(d->docs);
    free(d->parsed);
    free(d->why);
    free(d->sigs);
    memset(d, 0, sizeof *d);
}

/* The outcomes of a signature at a time, best last: a verified signature whose signer chains to
 * an anchor is the only good one; a verified but untrusted signer is reported before a bad
 * signature, and a missing chain counts as a bad signature. */
typedef enum sig_outcome { SIG_BAD = 0, SIG_NO_CHAIN = 1, SIG_UNTRUSTED = 2, SIG_OK = 3 } sig_outcome;

static int rank(sig_outcome o) { return o == SIG_NO_CHAIN ? SIG_BAD : (int)o; }

/* The signer chains one judgement has validated, with their outcome: the pages of a listing are
 * signed by one signer, whose chain is then validated once per judgement, not once per page. */
typedef struct chain_memo {
    const wrp_chain *chain;
    sig_outcome outcome;
    wrp_err why;
} chain_memo;

typedef struct chain_memos {
    chain_memo *v;
    size_t n, cap;
} chain_memos;

static bool same_chain(const wrp_chain *a, const wrp_chain *b)
{
    if (a->n != b->n)
        return false;
    for (size_t i = 0; i < a->n; i++)
        if (a->certs[i] != b->certs[i] && X509_cmp(a->certs[i], b->certs[i]) != 0)
            return false;
    return true;
}

static sig_outcome sig_at(const wrp_register_sig_state *st, const wrp_anchors *anchors, int64_t time,
                          chain_memos *memo, wrp_err *why)
{
    if (st->outcome != WRP_REGISTER_SIG_VERIFIED) {
        *why = st->why;
        return st->outcome == WRP_REGISTER_SIG_NO_CHAIN ? SIG_NO_CHAIN : SIG_BAD;
    }
    for (size_t i = 0; i < memo->n; i++)
        if (same_chain(memo->v[i].chain, &st->chain)) {
            *why = memo->v[i].why;
            return memo->v[i].outcome;
        }
    wrp_err err = {{0}};
    sig_outcome o = SIG_OK;
    if (wrp_chain_verify(anchors, &st->chain, time, NULL, &err) != WRP_CHAIN_OK) {
        wrp_fail(why, WRP_ERR_CRYPTO, "the signer does not chain to a register anchor at the "
                                      "time: %s", err.msg);
        o = SIG_UNTRUSTED;
    }
    if (memo->n == memo->cap) {
        size_t cap = memo->cap ? memo->cap * 2 : 8;
        chain_memo *v = wrp_realloc(memo->v, cap * sizeof *v);
        if (v == NULL)
            return o; /* not remembered: validated again when met again */
        memo->v = v;
        memo->cap = cap;
    }
    memo->v[memo->n++] = (chain_memo){&st->chain, o, *why};
    return o;
}

/* A document is authentic when one of its signatures verifies and chains to an anchor; otherwise
 * the best failure is reported (a verified but untrusted signer before a bad signature). */
static bool check_doc_sigs(const wrp_register_docs *docs, size_t idx, const wrp_anchors *anchors,
                           int64_t time, chain_memos *memo, wrp_findings *f)
{
    sig_outcome best = SIG_BAD;
    wrp_err best_why = {{0}};
    for (size_t i = 0; i < docs->docs[idx].n_sigs; i++) {
        wrp_err why = {{0}};
        sig_outcome o = sig_at(&docs->sigs[idx][i], anchors, time, memo, &why);
        if (i == 0 || rank(o) > rank(best)) {
            best = o;
            best_why = why;
        }
        if (o == SIG_OK)
            return true;
    }
    if (best == SIG_UNTRUSTED) {
        wrp_findings_add(f, WRP_CODE_REGISTER_UNTRUSTED, "register document %zu: %s", idx,
                         best_why.msg);
        return false;
    }
    wrp_findings_add(f, WRP_CODE_REGISTER_SIGNATURE, "register document %zu: %s", idx, best_why.msg);
    if (best == SIG_NO_CHAIN)
        wrp_findings_add(f, WRP_CODE_REGISTER_UNTRUSTED,
                         "register document %zu has no signer chain to verify", idx);
    return false;
}

static const char *form_name(wrp_regdoc_form form)
{
    switch (form) {
    case WRP_REGDOC_COMPACT:
        return "compact JWS";
    case WRP_REGDOC_JSON_GENERAL:
    case WRP_REGDOC_JSON_FLATTENED:
        return "JWS JSON serialization";
    case WRP_REGDOC_UNSIGNED:
        return "plain JSON";
    }
    return "?";
}

static void judge_docs(const wrp_anchors *anchors, int64_t time, const wrp_register_docs *docs,
                       wrp_register_result *out, wrp_findings *f)
{
    chain_memos memo = {0};
    for (size_t i = 0; i < docs->n; i++) {
        if (!docs->parsed[i]) {
            wrp_findings_add(f, WRP_CODE_REGISTER_MALFORMED, "register document %zu: %s", i,
                             docs->why[i].msg);
            continue;
        }
        const wrp_regdoc *d = &docs->docs[i];
        if (d->form == WRP_REGDOC_UNSIGNED)
            wrp_findings_add(f, WRP_CODE_REGISTER_UNSIGNED,
                             "register document %zu is unsigned (%s): it is used without "
                             "authentication", i, form_name(d->form));
        else
            out->doc_authentic[i] = check_doc_sigs(docs, i, anchors, time, &memo, f);
    }
    free(memo.v);
}

/* ---------------------------------------------------------------------------------------------
 * Lookup */

typedef struct candidate {
    const wrp_reg_party *party;
    const wrp_reg_use *use;
} candidate;

typedef struct lookup {
    candidate *parties; /* every relying party whose identifier is sub (use unset) */
    size_t n_parties, cap_parties;
    candidate *uses;    /* every intended use of theirs named intended_use_id */
    size_t n_uses, cap_uses;
    size_t n_seen;      /* relying parties read in all */
} lookup;

static bool push(candidate **v, size_t *n, size_t *cap, candidate c)
{
    if (*n == *cap) {
        size_t ncap = *cap ? *cap * 2 : 8;
        candidate *nv = wrp_realloc(*v, ncap * sizeof *nv);
        if (nv == NULL)
            return false;
        *v = nv;
        *cap = ncap;
    }
    (*v)[(*n)++] = c;
    return true;
}

/* The relying parties whose identifier is sub, from the index: the same parties in the same
 * order as a scan of every document would find them. */
static wrp_status find_parties(const wrp_register_docs *docs, const char *sub, lookup *lk)
{
    lk->n_seen = wrp_reg_parties_count(docs->parties);
    const wrp_reg_party **hits = NULL;
    size_t n = 0;
    if (wrp_reg_parties_find(docs->parties, sub, &hits, &n) != WRP_OK)
        return wrp_nomem();
    wrp_status st = WRP_OK;
    for (size_t i = 0; i < n; i++) {
        if (!push(&lk->parties, &lk->n_parties, &lk->cap_parties, (candidate){hits[i], NULL})) {
            st = wrp_nomem();
            break;
        }
    }
    free(hits);
    return st;
}

/* A listing whose pages say that more follow, and none of which is the last page. */
static bool listing_incomplete(const wrp_register_result *r)
{
    bool more = false, last = false;
    for (size_t i = 0; i < r->n_docs; i++) {
        if (!r->doc_parsed[i])
            continue;
        more = more || r->docs[i].has_next_page == 1;
        last = last || r->docs[i].has_next_page == 0;
    }
    return more && !last;
}

static void use_finding(const char *iu, const wrp_reg_use *u, wrp_reg_use_state s, wrp_findings *f)
{
    bool revoked = s == WRP_REG_USE_REVOKED;
    const char *when = revoked ? u->revoked_at : u->created_at;
    const char *name = revoked ? "revokedAt" : "createdAt";
    int64_t t;
    if (when == NULL || !wrp_datetime_parse(when, WRP_DT_DATE_OR_TIME, &t))
        wrp_findings_add(f, WRP_CODE_REGISTER_INTENDED_USE,
                         "intended use \"%s\": %s is not a date or an RFC 3339 date-time (%s), so it "
                         "counts as %s", iu, name, when != NULL ? when : "not a string",
                         revoked ? "revoked" : "not yet registered");
    else if (revoked)
        wrp_findings_add(f, WRP_CODE_REGISTER_INTENDED_USE,
                         "intended use \"%s\" was revoked at %s, at or before the time", iu, when);
    else
        wrp_findings_add(f, WRP_CODE_REGISTER_INTENDED_USE,
                         "intended use \"%s\" was registered at %s, after the time", iu, when);
}

/* Picks the intended use: every copy of it must be in force at the time and all copies must
 * register the same credentials. */
static void choose_use(const lookup *lk, const char *iu, int64_t time, wrp_register_result *out,
                       wrp_findings *f)
{
    for (size_t i = 0; i < lk->n_uses; i++) {
        const wrp_reg_use *u = lk->uses[i].use;
        wrp_reg_use_state s = wrp_reg_use_state_at(u, time);
        if (s != WRP_REG_USE_IN_FORCE) {
            use_finding(iu, u, s, f);
            return;
        }
    }
    for (size_t i = 1; i < lk->n_uses; i++) {
        if (strcmp(lk->uses[i].use->credentials_text, lk->uses[0].use->credentials_text) != 0) {
            wrp_findings_add(f, WRP_CODE_REGISTER_INTENDED_USE,
                             "intended use \"%s\" is registered %zu times with different "
                             "credentials", iu, lk->n_uses);
            return;
        }
    }
    out->party = lk->uses[0].party;
    out->use = lk->uses[0].use;
    out->regset = &out->use->credentials;
}

static wrp_status look_up(const wrp_register_docs *docs, const wrp_rc *rc, int64_t time,
                          wrp_register_result *out, wrp_findings *f)
{
    lookup lk = {0};
    wrp_status st = find_parties(docs, rc->sub, &lk);
    if (st != WRP_OK)
        goto done;
    if (lk.n_parties == 0) {
        wrp_findings_add(f, WRP_CODE_REGISTER_NOT_FOUND,
                         "no relying party with identifier \"%s\" among the %zu in the register "
                         "documents%s", rc->sub ? rc->sub : "(the certificate has no sub)", lk.n_seen,
                         listing_incomplete(out) ? " (the listing is incomplete: a page says more "
                                                   "pages follow, and no last page was given)"
                                                 : "");
        goto done;
    }
    const char *iu = rc->intended_use_id;
    if (iu == NULL) {
        wrp_findings_add(f, WRP_CODE_REGISTER_INTENDED_USE,
                         "the registration certificate names no intended_use_id to look up");
        goto done;
    }
    for (size_t i = 0; i < lk.n_parties; i++) {
        const wrp_reg_party *p = lk.parties[i].party;
        for (size_t k = 0; k < p->n_uses; k++)
            if (strcmp(p->uses[k].id, iu) == 0 &&
                !push(&lk.uses, &lk.n_uses, &lk.cap_uses, (candidate){p, &p->uses[k]})) {
                st = wrp_nomem();
                goto done;
            }
    }
    if (lk.n_uses == 0)
        wrp_findings_add(f, WRP_CODE_REGISTER_INTENDED_USE,
                         "relying party \"%s\" has no intended use \"%s\" in the register", rc->sub,
                         iu);
    else
        choose_use(&lk, iu, time, out, f);
done:
    free(lk.parties);
    free(lk.uses);
    return st;
}

/* ---------------------------------------------------------------------------------------------
 * Consistency between the certificate and the register */

static void note(wrp_register_notes *out, wrp_register_note_kind kind, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void note(wrp_register_notes *out, wrp_register_note_kind kind, const char *fmt, ...)
{
    if (out->n == sizeof out->v / sizeof out->v[0])
        return;
    wrp_register_note *n = &out->v[out->n++];
    n->kind = kind;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(n->message, sizeof n->message, fmt, ap);
    va_end(ap);
}

/* Entitlements compare as URIs; the one OID whose URI is fixed here (Service_Provider) is read as
 * its URI. */
static const char *entitlement_uri(const char *e)
{
    return strcmp(e, WRP_ENTITLEMENT_SP_OID) == 0 ? WRP_ENTITLEMENT_SP_URI : e;
}

static int uri_cmp(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* A list of entitlements as URIs, sorted; NULL when out of memory. */
static const char **sorted_uris(char *const *v, size_t n, size_t *work)
{
    const char **u = wrp_calloc(n ? n : 1, sizeof *u);
    if (u == NULL)
        return NULL;
    for (size_t i = 0; i < n; i++)
        u[i] = entitlement_uri(v[i]);
    if (n > 1)
        qsort(u, n, sizeof *u, uri_cmp);
    *work += n;
    return u;
}

/* Whether two lists hold the same entitlements as sets (a repeated one counts once): both sorted,
 * then walked side by side, so that the work is (na + nb) log(na + nb), not na x nb. */
static bool same_entitlements(char *const *a, size_t na, char *const *b, size_t nb, size_t *work)
{
    const char **x = sorted_uris(a, na, work), **y = sorted_uris(b, nb, work);
    bool same = true; /* out of memory (noted): the judgement ends with WRP_ERR_NOMEM */
    size_t i = 0, j = 0;
    while (x != NULL && y != NULL && (i < na || j < nb)) {
        ++*work;
        if (i == na || j == nb || strcmp(x[i], y[j]) != 0) {
            same = false;
            break;
        }
        const char *v = x[i];
        for (; i < na && strcmp(x[i], v) == 0; i++)
            ++*work;
        for (; j < nb && strcmp(y[j], v) == 0; j++)
            ++*work;
    }
    free(x);
    free(y);
    return same;
}

static void list_text(char *const *v, size_t n, char *buf, size_t size)
{
    buf[0] = 0;
    for (size_t i = 0; i < n; i++) {
        size_t used = strlen(buf);
        snprintf(buf + used, size - used, "%s%s", i ? ", " : "", v[i]);
    }
}

static void check_entitlements(const wrp_rc *rc, const wrp_reg_party *p, const wrp_reg_use *u,
                               wrp_register_notes *out)
{
    const wrp_reg_service *s = u->service != WRP_REG_NO_SERVICE ? &p->services[u->service] : NULL;
    char *const *reg = p->entitlements;
    size_t n = p->n_entitlements;
    if (s != NULL && s->has_entitlements) {
        reg = s->entitlements;
        n = s->n_entitlements;
    } else if (!p->has_entitlements) {
        return;
    }
    if (same_entitlements(rc->entitlements, rc->n_entitlements, reg, n, &out->work))
        return;
    char a[128], b[128];
    list_text(rc->entitlements, rc->n_entitlements, a, sizeof a);
    list_text(reg, n, b, sizeof b);
    note(out, WRP_REGISTER_NOTE_ENTITLEMENTS, "entitlements differ: certificate [%s], register [%s]",
         a, b);
}

static bool among(const char *name, char *const *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (v[i] != NULL && strcmp(v[i], name) == 0)
            return true;
    return false;
}

static void check_names(const wrp_rc *rc, const wrp_reg_party *p, const wrp_reg_use *u,
                        wrp_register_notes *out)
{
    const wrp_reg_service *s = u->service != WRP_REG_NO_SERVICE ? &p->services[u->service] : NULL;
    char natural[256] = "";
    if (p->given_name != NULL && p->family_name != NULL)
        snprintf(natural, sizeof natural, "%s %s", p->given_name, p->family_name);
    char *names[8] = {p->trade_name, s ? s->trade_name : NULL, natural[0] ? natural : NULL};
    size_t n = 3;
    for (size_t i = 0; i < p->n_legal_names && n < sizeof names / sizeof names[0]; i++)
        names[n++] = p->legal_names[i];
    bool any = false;
    for (size_t i = 0; i < n; i++)
        any = any || names[i] != NULL;
    if (rc->name != NULL && any && !among(rc->name, names, n))
        note(out, WRP_REGISTER_NOTE_NAME,
             "the certificate's name \"%s\" is none of the register's names (trade, service, legal)",
             rc->name);
    if (rc->sub_ln != NULL && p->n_legal_names > 0 &&
        !among(rc->sub_ln, p->legal_names, p->n_legal_names))
        note(out, WRP_REGISTER_NOTE_NAME,
             "the certificate's legal name sub_ln \"%s\" is not the register's legalName", rc->sub_ln);
    if (rc->sub_fn != NULL && p->family_name != NULL &&
        (strcmp(rc->sub_fn, p->family_name) != 0 ||
         (rc->sub_gn != NULL && p->given_name != NULL && strcmp(rc->sub_gn, p->given_name) != 0)))
        note(out, WRP_REGISTER_NOTE_NAME,
             "the certificate's sub_gn/sub_fn differ from the register's givenName/familyName");
}

void wrp_register_consistency(const wrp_rc *rc, const wrp_reg_party *party, const wrp_reg_use *use,
                              wrp_register_notes *out)
{
    memset(out, 0, sizeof *out);
    if (rc == NULL || party == NULL || use == NULL)
        return;
    check_entitlements(rc, party, use, out);
    check_names(rc, party, use, out);
}

/* ---------------------------------------------------------------------------------------------
 * Intermediaries (contract v1.1; CIR 2026/1730 Annex I point 16, EUDI TS5 v1.4 usesIntermediary) */

static bool names_party(const wrp_reg_party *v, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < v[i].n_ids; k++)
            if (v[i].ids[k].value != NULL && strcmp(v[i].ids[k].value, id) == 0)
                return true;
    return false;
}

/* The served party of an intermediated certificate must name its intermediary: in
 * usesIntermediary[] at the top level of its entry, or under the service that holds the intended
 * use (the stricter reading: not under another service of the same party). */
static void check_intermediary(const wrp_rc *rc, const wrp_register_result *r, wrp_findings *f)
{
    const char *id = wrp_rc_intermediary_id(rc);
    if (id == NULL || r->party == NULL || r->use == NULL)
        return;
    const wrp_reg_party *p = r->party;
    bool named = names_party(p->intermediaries, p->n_intermediaries, id);
    if (!named && r->use->service != WRP_REG_NO_SERVICE && r->use->service < p->n_services) {
        const wrp_reg_service *s = &p->services[r->use->service];
        named = names_party(s->intermediaries, s->n_intermediaries, id);
    }
    if (!named)
        wrp_findings_add(f, WRP_CODE_REGISTER_INTERMEDIARY,
                         "relying party \"%s\" does not name the intermediary \"%s\" in "
                         "usesIntermediary in the register", rc->sub ? rc->sub : "", id);
}

/* ---------------------------------------------------------------------------------------------
 * The stage */

wrp_status wrp_check_register_loaded(const wrp_anchors *anchors, int64_t time,
                                     const wrp_register_docs *docs, const wrp_rc *rc,
                                     wrp_register_result *out, wrp_findings *f)
{
    if (out == NULL || f == NULL || docs == NULL)
        return WRP_ERR_ARG;
    memset(out, 0, sizeof *out);
    out->doc_authentic = wrp_calloc(docs->n ? docs->n : 1, sizeof *out->doc_authentic);
    if (out->doc_authentic == NULL)
        return wrp_nomem();
    out->docs = docs->docs;
    out->doc_parsed = docs->parsed;
    out->n_docs = docs->n;
    judge_docs(anchors, time, docs, out, f);
    bool any = false;
    for (size_t i = 0; i < out->n_docs; i++)
        any = any || out->doc_parsed[i];
    wrp_status st = WRP_OK;
    if (rc != NULL && any) {
        out->looked_up = true;
        st = look_up(docs, rc, time, out, f);
    }
    if (st == WRP_OK && out->use != NULL) {
        wrp_register_consistency(rc, out->party, out->use, &out->notes);
        check_intermediary(rc, out, f);
    }
    if (st == WRP_OK && f->oom)
        st = wrp_nomem();
    return st;
}

wrp_status wrp_check_register(const wrp_anchors *anchors, int64_t time,
                              const wrp_register_input *inputs, size_t n_inputs, const wrp_rc *rc,
                              wrp_register_result *out, wrp_findings *f)
{
    if (out == NULL || f == NULL)
        return WRP_ERR_ARG;
    memset(out, 0, sizeof *out);
    wrp_register_docs *docs = wrp_calloc(1, sizeof *docs);
    if (docs == NULL)
        return wrp_nomem();
    wrp_status st = wrp_register_load(inputs, n_inputs, docs);
    if (st != WRP_OK) {
        free(docs);
        return st;
    }
    st = wrp_check_register_loaded(anchors, time, docs, rc, out, f);
    out->own = docs;
    return st;
}

void wrp_register_result_free(wrp_register_result *r)
{
    if (r == NULL)
        return;
    free(r->doc_authentic);
    wrp_register_docs_free(r->own);
    free(r->own);
    memset(r, 0, sizeof *r);
}
