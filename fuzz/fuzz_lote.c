/*
 * Trusted lists (model/lote.h): wrp_lote_parse on the input (a list as it is, or a compact JAdES
 * in the structured form of fuzz.h), then wrp_lote_check at FUZZ_TIME without signers and with
 * the list signer root lote-root (testvectors/register/pki), and wrp_lote_add_anchors for the four
 * service types. Invariants: a refused list leaves nothing and adds no anchor; check results are
 * documented ones, with a UTF-8 reason for a refusal; without signers only the time can refuse,
 * and a list accepted with signers is accepted without; an unsigned list is UNSIGNED with
 * signers; the anchors added are exactly the certificates of the granting services of that type;
 * the OpenSSL error queue is left empty.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "model/lote.h"

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

static bool grants(const char *status)
{
    if (status == NULL)
        return true;
    const char *last = strrchr(status, '/');
    last = last != NULL ? last + 1 : status;
    return strcmp(last, "granted") == 0 || strcmp(last, "notified") == 0 || strcmp(last, "active") == 0;
}

static size_t offered(const wrp_lote *l, const char *type)
{
    size_t n = 0;
    for (size_t i = 0; i < l->n_entities; i++)
        for (size_t k = 0; k < l->entities[i].n_services; k++) {
            const wrp_lote_service *s = &l->entities[i].services[k];
            if (s->type != NULL && strcmp(s->type, type) == 0 && grants(s->status))
                n += s->n_certs;
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
        wrp_status st = wrp_lote_add_anchors(l, types[i], to, &added);
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
    FUZZ_ASSERT(plain == WRP_LOTE_OK || plain == WRP_LOTE_NOT_YET_ISSUED || plain == WRP_LOTE_OUTDATED);
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
