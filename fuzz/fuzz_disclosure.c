/*
 * Embedded disclosure policy documents (wrp_dpolicy_parse, SPEC.md 8a) and the public call that
 * takes them (wrp_request_add_disclosure_policy). Invariants: the two agree on the status; a
 * refusal is MALFORMED or LIMIT with a UTF-8 reason (the request's last error says it too); an
 * accepted policy has one of the five formats, a non-empty type, a kind in range whose own list
 * is non-empty and within WRP_MAX_POLICY_LIST (names non-empty strings, or 32-byte roots), and
 * for jwt_vc_json / ldp_vc its type values sorted, each once; parsing is deterministic (the same
 * bytes give the same facts); the OpenSSL error queue is left empty.
 */
#include <string.h>

#include "fuzz.h"
#include "model/disclosure.h"
#include "util/limits.h"
#include "wrpcheck.h"

static bool vc_format(const char *f)
{
    return strcmp(f, "jwt_vc_json") == 0 || strcmp(f, "ldp_vc") == 0;
}

static void check_policy(const wrp_dpolicy *p)
{
    FUZZ_ASSERT(p->format != NULL && p->type != NULL && p->type[0] != 0);
    bool vc = vc_format(p->format);
    FUZZ_ASSERT(vc || wrp_dp_sdjwt_format(p->format) || strcmp(p->format, "mso_mdoc") == 0);
    if (vc) {
        FUZZ_ASSERT(p->n_type_set >= 1 && p->n_type_set <= WRP_MAX_POLICY_LIST);
        for (size_t i = 0; i < p->n_type_set; i++) {
            FUZZ_ASSERT(p->type_set[i] != NULL);
            FUZZ_ASSERT(i == 0 || strcmp(p->type_set[i - 1], p->type_set[i]) < 0);
        }
    } else {
        FUZZ_ASSERT(p->type_set == NULL && p->n_type_set == 0);
    }
    switch (p->kind) {
    case WRP_DP_AUTHORIZED_RELYING_PARTIES:
    case WRP_DP_ENTITLEMENT:
        FUZZ_ASSERT(p->n_names >= 1 && p->n_names <= WRP_MAX_POLICY_LIST && p->n_roots == 0);
        for (size_t i = 0; i < p->n_names; i++)
            FUZZ_ASSERT(p->names[i] != NULL && p->names[i][0] != 0 &&
                        fuzz_utf8_ok((const uint8_t *)p->names[i], strlen(p->names[i])));
        break;
    case WRP_DP_ROOT_OF_TRUST:
        FUZZ_ASSERT(p->n_roots >= 1 && p->n_roots <= WRP_MAX_POLICY_LIST && p->n_names == 0);
        FUZZ_ASSERT(p->roots != NULL);
        break;
    default:
        fuzz_fail(__FILE__, __LINE__, "policy kind out of range");
    }
    FUZZ_ASSERT(strcmp(wrp_dp_kind_str(p->kind), "") != 0);
}

static bool same_policy(const wrp_dpolicy *a, const wrp_dpolicy *b)
{
    if (strcmp(a->format, b->format) != 0 || strcmp(a->type, b->type) != 0 || a->kind != b->kind ||
        a->n_type_set != b->n_type_set || a->n_names != b->n_names || a->n_roots != b->n_roots)
        return false;
    for (size_t i = 0; i < a->n_type_set; i++)
        if (strcmp(a->type_set[i], b->type_set[i]) != 0)
            return false;
    for (size_t i = 0; i < a->n_names; i++)
        if (strcmp(a->names[i], b->names[i]) != 0)
            return false;
    return a->n_roots == 0 || memcmp(a->roots, b->roots, a->n_roots * sizeof a->roots[0]) == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    wrp_dpolicy p, again;
    wrp_err err = {{0}};
    wrp_status st = wrp_dpolicy_parse(data, size, &p, &err);
    FUZZ_ASSERT(ERR_peek_error() == 0);
    FUZZ_ASSERT(st == WRP_OK || st == WRP_ERR_MALFORMED || st == WRP_ERR_LIMIT || st == WRP_ERR_NOMEM);
    if (st == WRP_OK) {
        check_policy(&p);
        FUZZ_ASSERT(wrp_dpolicy_parse(data, size, &again, NULL) == WRP_OK);
        FUZZ_ASSERT(same_policy(&p, &again));
        wrp_dpolicy_free(&again);
    } else if (st != WRP_ERR_NOMEM) {
        FUZZ_ASSERT(err.msg[0] != 0 && fuzz_utf8_ok((const uint8_t *)err.msg, strlen(err.msg)));
    }
    wrp_dpolicy_free(&p);

    wrp_request *rq = wrp_request_new();
    FUZZ_ASSERT(rq != NULL);
    wrp_status api = wrp_request_add_disclosure_policy(rq, data, size);
    if (st != WRP_ERR_NOMEM && api != WRP_ERR_NOMEM)
        FUZZ_ASSERT(api == st);
    const char *why = wrp_request_last_error(rq);
    FUZZ_ASSERT(why != NULL);
    if (api == WRP_ERR_MALFORMED || api == WRP_ERR_LIMIT)
        FUZZ_ASSERT(why[0] != 0 && fuzz_utf8_ok((const uint8_t *)why, strlen(why)));
    else if (api == WRP_OK)
        FUZZ_ASSERT(why[0] == 0);
    wrp_request_free(rq);
    FUZZ_ASSERT(ERR_peek_error() == 0);
    return 0;
}
