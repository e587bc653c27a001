/*
 * Trusted lists (model/lote.h): wrp_lote_parse on the input (a list as it is, or a compact JAdES
 * in the structured form of fuzz.h), then wrp_lote_check at FUZZ_TIME without signers and with
 * the list signer root lote-root (testvectors/register/pki), and wrp_lote_add_anchors for the four
 * service types. Invariants: a refused list leaves nothing and adds no anchor; check results are
 * documented ones, with a UTF-8 reason for a refusal; without signers only the time or a broken
 * signature can refuse, and a list accepted with signers is accepted without; an unsigned list is
 * UNSIGNED with signers; the anchors added are exactly the certificates of the services of that
 * type that grant at the time, less those a non-granting service of the type also lists; the
 * OpenSSL error queue is left empty.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "policy/lote_check.h"

static const char *const types[] = {WRP_LOTE_SVC_WRPAC_ISSUANCE, WRP_LOTE_SVC_WRPRC_ISSUANCE,
                                    WRP_LOTE_SVC_WRPRC_REVOCATION, WRP_LOTE_SVC_REGISTER};

static const wrp_anchors *signers(void)
{
    static wrp_anchors *a;
    if (a != NULL)
        return a;
    const fuzz_blob *b = fuzz_file("register/pki/lote-root.pem");
    a = wrp_anchors_new();
    if (a == NULL || wrp_anchors_add(a, b->p, b->n, NULL) != WRP_OK)
        fuzz_fail(__FILE__, __LINE__, "lote-root.pem");
    return a;
}

static bool same_der(X509 *a, X509 *b)
{
    unsigned char *da = NULL, *db = NULL;
    int na = i2d_X509(a, &da), nb = i2d_X509(b, &db);
    FUZZ_ASSERT(na > 0 && nb > 0);
    bool same = na == nb && memcmp(da, db, (size_t)na) == 0;
    OPENSSL_free(da);
    OPENSSL_free(db);
    return same;
}

static bool grants(const wrp_lote_service *s)
{
    if (s->has_status_start && s->status_start > FUZZ_TIME)
        return false;
    if (s->status == NULL)
        return true;
    const char *last = strrchr(s->status, '/');
    last = last != NULL ? last + 1 : s->status;
    return strcmp(last, "granted") == 0 || strcmp(last, "notified") == 0 || strcmp(last, "active") == 0;
}

/* Whether a service of the type that does not grant lists cert (compared by DER). */
static bool denied(const wrp_lote *l, const char *type, X509 *cert)
{
    for (size_t i = 0; i < l->n_entities; i++)
        for (size_t k = 0; k < l->entities[i].n_services; k++) {
            const wrp_lote_service *o = &l->entities[i].services[k];
            if (o->type == NULL || strcmp(o->type, type) != 0 || grants(o))
                continue;
            for (size_t c = 0; c < o->n_certs; c++)
                if (same_der(o->certs[c], cert))
                    return true;
        }
    return false;
}

/* The certificates of the granting services of the type, less the denied ones. */
static size_t offered(const wrp_lote *l, const char *type)
{
    size_t n = 0;
    for (size_t i = 0; i < l->n_entities; i++)
        for (size_t k = 0; k < l->entities[i].n_services; k++) {
            const wrp_lote_service *s = &l->entities[i].services[k];
            if (s->type == NULL || strcmp(s->type, type) != 0 || !grants(s))
                continue;
            for (size_t c = 0; c < s->n_certs; c++)
                n += !denied(l, type, s->certs[c]);
        }
    return n;
}

static wrp_lote_result check(const wrp_lote *l, const wrp_anchors *a)
{
    wrp_err why = {0};
    wrp_lote_result r = wrp_lote_check(l, a, FUZZ_TIME, &why);
    FUZZ_ASSERT(ERR_peek_error() == 0);
    FUZZ_ASSERT(r >= WRP_LOTE_OK && r <= WRP_LOTE_OUTDATED);
    FUZZ_ASSERT(wrp_lote_result_str(r) != NULL);
    if (r != WRP_LOTE_OK)
        FUZZ_ASSERT(why.msg[0] != 0 && fuzz_utf8_ok((const uint8_t *)why.msg, strlen(why.msg)));
    if (r == WRP_LOTE_NOT_YET_ISSUED)
        FUZZ_ASSERT(FUZZ_TIME < l->issued);
    if (r == WRP_LOTE_OUTDATED)
        FUZZ_ASSERT(FUZZ_TIME >= l->next_update);
    return r;
}

static void add(const wrp_lote *l, bool parsed)
{
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        wrp_anchors *to = wrp_anchors_new();
        FUZZ_ASSERT(to != NULL);
        size_t added = 99;
        wrp_status st = wrp_lote_add_anchors(l, types[i], FUZZ_TIME, to, &added);
        FUZZ_ASSERT(ERR_peek_error() == 0);
        FUZZ_ASSERT(st == WRP_OK || st == WRP_ERR_LIMIT || st == WRP_ERR_NOMEM);
        if (!parsed)
            FUZZ_ASSERT(st == WRP_OK && added == 0 && wrp_anchors_count(to) == 0);
        if (st == WRP_OK) {
            FUZZ_ASSERT(added == offered(l, types[i]));
            FUZZ_ASSERT(wrp_anchors_count(to) <= added);
            FUZZ_ASSERT((wrp_anchors_count(to) == 0) == (added == 0));
        }
        wrp_anchors_free(to);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t *in;
    size_t n;
    FUZZ_ASSERT(fuzz_token(data, size, &in, &n));
    wrp_lote l;
    wrp_err err = {0};
    wrp_status st = wrp_lote_parse(in, n, &l, &err);
    FUZZ_ASSERT(ERR_peek_error() == 0);
    FUZZ_ASSERT(st == WRP_OK || st == WRP_ERR_MALFORMED || st == WRP_ERR_LIMIT || st == WRP_ERR_NOMEM);
    if (st != WRP_OK) {
        FUZZ_ASSERT(l.entities == NULL && l.n_entities == 0 && l.type == NULL && l.territory == NULL &&
                    l.operator_name == NULL && l.n_detached_forms == 0);
        FUZZ_ASSERT(st == WRP_ERR_NOMEM || err.msg[0] != 0);
        add(&l, false);
        wrp_lote_free(&l);
        free(in);
        return 0;
    }
    FUZZ_ASSERT(l.sig_form >= WRP_LOTE_SIG_NONE && l.sig_form <= WRP_LOTE_SIG_DETACHED);
    FUZZ_ASSERT(l.n_detached_forms <= 2);
    if (l.sig_form != WRP_LOTE_SIG_DETACHED)
        FUZZ_ASSERT(l.n_detached_forms == 0);
    for (size_t i = 0; i < l.n_entities; i++)
        for (size_t k = 0; k < l.entities[i].n_services; k++)
            for (size_t c = 0; c < l.entities[i].services[k].n_certs; c++)
                FUZZ_ASSERT(l.entities[i].services[k].certs[c] != NULL);
    wrp_lote_result plain = check(&l, NULL);
    FUZZ_ASSERT(plain == WRP_LOTE_OK || plain == WRP_LOTE_NOT_YET_ISSUED || plain == WRP_LOTE_OUTDATED ||
                (plain == WRP_LOTE_BAD_SIGNATURE && l.sig_form != WRP_LOTE_SIG_NONE));
    wrp_lote_result signed_ = check(&l, signers());
    if (l.sig_form == WRP_LOTE_SIG_NONE)
        FUZZ_ASSERT(signed_ == WRP_LOTE_UNSIGNED);
    if (signed_ == WRP_LOTE_OK)
        FUZZ_ASSERT(plain == WRP_LOTE_OK && l.sig_form != WRP_LOTE_SIG_NONE);
    if (signed_ == WRP_LOTE_NOT_YET_ISSUED || signed_ == WRP_LOTE_OUTDATED)
        FUZZ_ASSERT(plain == signed_);
    add(&l, true);
    wrp_lote_free(&l);
    free(in);
    return 0;
}
