/* What the findings and the registered items decide: the verdict, and which DCQL alternatives can
 * be presented within what is registered. */
#include "policy/verdict.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/mem.h"

wrp_verdict wrp_verdict_of(const wrp_findings *f)
{
    wrp_verdict v = WRP_VERDICT_ALLOW;
    for (size_t i = 0; i < f->n; i++) {
        if (f->v[i].code == WRP_CODE_REQUEST_MALFORMED || f->v[i].code == WRP_CODE_INPUT_UNREADABLE)
            return WRP_VERDICT_ERROR;
        if (f->v[i].severity == WRP_SEV_ERROR)
            v = WRP_VERDICT_DENY;
        else if (v == WRP_VERDICT_ALLOW && wrp_code_is_overask(f->v[i].code))
            v = WRP_VERDICT_WARN;
    }
    return v;
}

bool wrp_item_registered(const wrp_judgement *j, const wrp_cov_item *it)
{
    return j->any_source && it->registered;
}

void wrp_alternatives_free(wrp_alternatives *a)
{
    free(a->base);
    free(a->claim_ok);
    free(a->cred_ok);
}

bool wrp_alternatives_refs(const wrp_alternatives *a, size_t cred, const wrp_dcql_refs *r, size_t *work)
{
    for (size_t k = 0; k < r->n; k++) {
        ++*work;
        if (!a->claim_ok[a->base[cred] + r->idx[k]])
            return false;
    }
    return true;
}

/* Computed once from the requested items: the output then costs time in proportion to the query,
 * however often an option names the same credential or claim. */
wrp_status wrp_alternatives_judge(const wrp_judgement *j, wrp_alternatives *a, size_t *work)
{
    const wrp_dcql *q = &j->query;
    memset(a, 0, sizeof *a);
    size_t slots = 0;
    a->base = wrp_calloc(q->n_creds ? q->n_creds : 1, sizeof *a->base);
    a->cred_ok = wrp_calloc(q->n_creds ? q->n_creds : 1, sizeof *a->cred_ok);
    if (a->base == NULL || a->cred_ok == NULL)
        return wrp_nomem();
    for (size_t c = 0; c < q->n_creds; c++) {
        a->base[c] = slots;
        slots += q->creds[c].has_claims ? q->creds[c].n_claims : 1;
    }
    if ((a->claim_ok = wrp_malloc((slots ? slots : 1) * sizeof *a->claim_ok)) == NULL)
        return wrp_nomem();
    for (size_t i = 0; i < slots; i++)
        a->claim_ok[i] = true;
    /* A claim is registered when it is for every type of its credential query. */
    for (size_t i = 0; i < j->cov.n; i++) {
        const wrp_cov_item *it = &j->cov.items[i];
        size_t slot = a->base[it->cred] + (it->claim == SIZE_MAX ? 0 : it->claim);
        a->claim_ok[slot] = a->claim_ok[slot] && wrp_item_registered(j, it);
    }
    *work += j->cov.n + slots;
    /* A credential can be presented within its registration when one of its claim_sets options
     * (or, without claim_sets, all of its claims) is registered. */
    for (size_t c = 0; c < q->n_creds; c++) {
        const wrp_dcql_cred *cr = &q->creds[c];
        bool ok = cr->n_claim_sets == 0;
        for (size_t k = 0; ok && cr->n_claim_sets == 0 && k < (cr->has_claims ? cr->n_claims : 1); k++)
            ok = a->claim_ok[a->base[c] + k];
        for (size_t s = 0; !ok && s < cr->n_claim_sets; s++)
            ok = wrp_alternatives_refs(a, c, &cr->claim_sets[s], work);
        a->cred_ok[c] = ok;
    }
    return WRP_OK;
}

