/* Contract rules 1-6 over a registered set compiled by model/regindex.c: a requested path is
 * looked up once (a walk of the set's automaton, one transition per element, and a binary search
 * for the claims with values of exactly its path), whatever the number of types it is asked for;
 * each (credential query, type, claim) item then costs a few binary searches. Values (rule 5) are
 * matched once per distinct (path, requested values) and (that, group) pair. */
#include "policy/coverage.h"

#include <stdlib.h>
#include <string.h>

#include "model/regindex.h"
#include "util/mem.h"
#include "util/json_build.h"

struct wrp_cov_index {
    wrp_regindex *rx; /* NULL: a set that could not be indexed covers nothing */
    size_t work;      /* the steps reading the set and building this took */
};

void wrp_cov_index_free(wrp_cov_index *ix)
{
    if (ix == NULL)
        return;
    wrp_regindex_free(ix->rx);
    free(ix);
}

wrp_status wrp_cov_index_new(const wrp_regset *reg, wrp_cov_index **out)
{
    *out = NULL;
    wrp_cov_index *ix = wrp_calloc(1, sizeof *ix);
    if (ix == NULL)
        return wrp_nomem();
    /* The set was checked when it was read (wrp_regset_from_json builds the same automaton): a
     * limit here cannot happen, and would leave the set covering nothing (fail closed). */
    ix->work = reg->work;
    wrp_status st = wrp_regindex_new(reg, &ix->rx, &ix->work, NULL);
    if (st == WRP_ERR_NOMEM) {
        free(ix);
        return st;
    }
    *out = ix;
    return WRP_OK;
}

static size_t cred_types(const wrp_dcql_cred *c)
{
    return c->n_types ? c->n_types : 1;
}

static size_t cred_claims(const wrp_dcql_cred *c)
{
    return c->has_claims ? c->n_claims : 1;
}

size_t wrp_coverage_count(const wrp_dcql *q)
{
    /* At most WRP_MAX_DCQL_CREDENTIALS x WRP_MAX_DCQL_VALUES x WRP_MAX_DCQL_CLAIMS (2^30): no
     * overflow. */
    size_t n = 0;
    for (size_t c = 0; c < q->n_creds; c++)
        n += cred_types(&q->creds[c]) * cred_claims(&q->creds[c]);
    return n;
}

wrp_status wrp_coverage_init(const wrp_dcql *q, wrp_coverage *out)
{
    size_t n = wrp_coverage_count(q);
    out->items = wrp_calloc(n ? n : 1, sizeof *out->items);
    out->n = 0;
    out->work = n;
    if (out->items == NULL)
        return wrp_nomem();
    for (size_t c = 0; c < q->n_creds; c++) {
        const wrp_dcql_cred *cr = &q->creds[c];
        for (size_t t = 0; t < cred_types(cr); t++)
            for (size_t k = 0; k < cred_claims(cr); k++)
                out->items[out->n++] = (wrp_cov_item){c, cr->n_types ? t : SIZE_MAX,
                                                      cr->has_claims ? k : SIZE_MAX, true};
    }
    return WRP_OK;
}

static const wrp_path empty_path = {NULL, 0};

static void report(wrp_findings *f, wrp_code code, const wrp_dcql_cred *cr, size_t t,
                   const wrp_path *path, wrp_source source)
{
    const char *type = t == SIZE_MAX ? NULL : cr->types[t];
    const char *src = source == WRP_SRC_REGISTER ? "the register's intended use" : "the registration certificate";
    wrp_finding *x;
    if (code == WRP_CODE_OVERASK_CREDENTIAL) {
        x = wrp_findings_add(f, code, "credential query %s asks for %s %s, which %s does not register",
                             cr->id, cr->format, type ? type : "(a format without types)", src);
    } else {
        cJSON *pj = wrp_path_to_json(path);
        char *ps = pj ? cJSON_PrintUnformatted(pj) : NULL;
        cJSON_Delete(pj);
        x = wrp_findings_add(f, code, "credential query %s asks for %s of %s, which %s does not register",
                             cr->id, ps ? ps : "a claim", type ? type : cr->format, src);
        free(ps);
    }
    if (x == NULL)
        return;
    x->source = source;
    wrp_finding_set_str(f, &x->credential_id, cr->id);
    wrp_finding_set_str(f, &x->type, type);
    if (code == WRP_CODE_OVERASK) {
        x->has_path = true;
        if (wrp_path_copy(path, &x->path) != WRP_OK)
            f->oom = true;
    }
}

/* A requested claim, looked up once. */
typedef struct rclaim {
    wrp_regpath m;
    const cJSON **vals; /* its values, sorted, each once; NULL without values or without a run */
    size_t n_vals;
    size_t key;         /* into the distinct (run, values), or WRP_REGINDEX_NONE */
} rclaim;

typedef struct vkey {
    size_t *entries; /* the entries with a claim of that path holding every value (sorted) */
    size_t n;
} vkey;

/* An item that only rule 5 can still cover. */
typedef struct pending {
    size_t key, group, item;
} pending;

static int value_ptr_qcmp(const void *a, const void *b)
{
    return wrp_regindex_value_cmp(*(const cJSON *const *)a, *(const cJSON *const *)b);
}

static int rclaim_key_cmp(const rclaim *x, const rclaim *y)
{
    if (x->m.run != y->m.run)
        return x->m.run < y->m.run ? -1 : 1;
    if (x->n_vals != y->n_vals)
        return x->n_vals < y->n_vals ? -1 : 1;
    for (size_t i = 0; i < x->n_vals; i++) {
        int c = wrp_regindex_value_cmp(x->vals[i], y->vals[i]);
        if (c != 0)
            return c;
    }
    return 0;
}

static int rclaim_ptr_qcmp(const void *a, const void *b)
{
    return rclaim_key_cmp(*(const rclaim *const *)a, *(const rclaim *const *)b);
}

static int pending_qcmp(const void *a, const void *b)
{
    const pending *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    if (x->group != y->group)
        return x->group < y->group ? -1 : 1;
    return (x->item > y->item) - (x->item < y->item);
}

/* Sorted, each once: the values of a requested claim. */
static wrp_status claim_values(const cJSON *values, rclaim *r, size_t *work)
{
    size_t n = (size_t)cJSON_GetArraySize(values), k = 0;
    r->vals = wrp_malloc(n * sizeof *r->vals);
    if (r->vals == NULL)
        return wrp_nomem();
    const cJSON *v;
    cJSON_ArrayForEach(v, values)
        r->vals[k++] = v;
    if (n > 1)
        qsort(r->vals, n, sizeof *r->vals, value_ptr_qcmp);
    *work += wrp_sort_cost(n);
    k = n ? 1 : 0;
    for (size_t i = 1; i < n; i++)
        if (wrp_regindex_value_cmp(r->vals[k - 1], r->vals[i]) != 0)
            r->vals[k++] = r->vals[i];
    r->n_vals = k;
    return WRP_OK;
}

/* Looks up every requested claim of q once; the distinct (run, values) get their entries. */
static wrp_status lookup_claims(const wrp_dcql *q, const wrp_regindex *rx, rclaim *rc, vkey **keys,
                                size_t *n_keys, size_t *work)
{
    size_t n = 0, nv = 0;
    for (size_t c = 0; c < q->n_creds; c++) {
        const wrp_dcql_cred *cr = &q->creds[c];
        for (size_t k = 0; cr->has_claims && k < cr->n_claims; k++, n++) {
            rc[n].key = WRP_REGINDEX_NONE;
            wrp_regindex_path(rx, &cr->claims[k].path, &rc[n].m, work);
            if (cr->claims[k].values == NULL || rc[n].m.run == WRP_REGINDEX_NONE)
                continue;
            if (claim_values(cr->claims[k].values, &rc[n], work) != WRP_OK)
                return wrp_nomem();
            nv++;
        }
    }
    rclaim **order = wrp_malloc(nv * sizeof *order);
    *keys = wrp_calloc(nv, sizeof **keys);
    if (order == NULL || *keys == NULL) {
        free(order);
        return wrp_nomem();
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (rc[i].vals != NULL)
            order[k++] = &rc[i];
    if (nv > 1)
        qsort(order, nv, sizeof *order, rclaim_ptr_qcmp);
    *work += wrp_sort_cost(nv);
    for (size_t i = 0; i < nv; i++) {
        if (i > 0 && rclaim_key_cmp(order[i - 1], order[i]) == 0) {
            order[i]->key = order[i - 1]->key;
            continue;
        }
        order[i]->key = *n_keys;
        vkey *kv = &(*keys)[(*n_keys)++];
        if (wrp_regindex_values(rx, order[i]->m.run, order[i]->vals, order[i]->n_vals, &kv->entries,
                                &kv->n, work) != WRP_OK) {
            free(order);
            return wrp_nomem();
        }
    }
    free(order);
    return WRP_OK;
}

/* Whether each item is covered (rules 1, 2, 4, 5), and the group of each. */
static wrp_status judge_items(const wrp_dcql *q, const wrp_regindex *rx, const rclaim *rc,
                              const vkey *keys, bool *ok, size_t *gid, size_t *work)
{
    size_t item = 0, claim0 = 0, np = 0;
    pending *p = wrp_malloc(wrp_coverage_count(q) * sizeof *p);
    if (p == NULL)
        return wrp_nomem();
    for (size_t c = 0; c < q->n_creds; c++) {
        const wrp_dcql_cred *cr = &q->creds[c];
        for (size_t t = 0; t < cred_types(cr); t++) {
            size_t g = rx != NULL && cr->n_types ? wrp_regindex_group(rx, cr->format, cr->types[t], work)
                                                 : WRP_REGINDEX_NONE;
            for (size_t k = 0; k < cred_claims(cr); k++, item++) {
                ++*work;
                gid[item] = g;
                ok[item] = false;
                if (g == WRP_REGINDEX_NONE)
                    continue;
                if (wrp_regindex_group_all(rx, g)) {
                    ok[item] = true;
                    continue;
                }
                if (!cr->has_claims)
                    continue;
                const rclaim *r = &rc[claim0 + k];
                ok[item] = wrp_regindex_covers(rx, &r->m, g, work);
                if (!ok[item] && r->key != WRP_REGINDEX_NONE && keys[r->key].n > 0)
                    p[np++] = (pending){r->key, g, item};
            }
        }
        claim0 += cr->has_claims ? cr->n_claims : 0;
    }
    /* Rule 5: once per distinct (values, group). */
    if (np > 1)
        qsort(p, np, sizeof *p, pending_qcmp);
    *work += wrp_sort_cost(np);
    bool hit = false;
    for (size_t i = 0; i < np; i++) {
        if (i == 0 || p[i].key != p[i - 1].key || p[i].group != p[i - 1].group)
            hit = wrp_regindex_in_group(rx, keys[p[i].key].entries, keys[p[i].key].n, p[i].group, work);
        ok[p[i].item] = hit;
    }
    free(p);
    return WRP_OK;
}

wrp_status wrp_coverage_eval(const wrp_dcql *q, const wrp_cov_index *ix, wrp_source source,
                             wrp_coverage *cov, wrp_findings *f)
{
    const wrp_regindex *rx = ix->rx;
    cov->work += ix->work;
    size_t n_rc = 0, n_keys = 0, n_items = wrp_coverage_count(q);
    for (size_t c = 0; c < q->n_creds; c++)
        n_rc += q->creds[c].has_claims ? q->creds[c].n_claims : 0;
    rclaim *rc = wrp_calloc(n_rc, sizeof *rc);
    bool *ok = wrp_malloc(n_items * sizeof *ok);
    size_t *gid = wrp_malloc(n_items * sizeof *gid);
    vkey *keys = NULL;
    wrp_status st = rc != NULL && ok != NULL && gid != NULL ? WRP_OK : wrp_nomem();
    if (st == WRP_OK && rx != NULL)
        st = lookup_claims(q, rx, rc, &keys, &n_keys, &cov->work);
    if (st == WRP_OK)
        st = judge_items(q, rx, rc, keys, ok, gid, &cov->work);
    /* The findings, in item order: OVERASK_CREDENTIAL for a type without a group (its claims are
     * not reported one by one), OVERASK for each item of a group that is not covered. */
    size_t item = 0;
    for (size_t c = 0; st == WRP_OK && c < q->n_creds; c++) {
        const wrp_dcql_cred *cr = &q->creds[c];
        for (size_t t = 0; t < cred_types(cr); t++) {
            size_t type = cr->n_types ? t : SIZE_MAX;
            if (gid[item] == WRP_REGINDEX_NONE)
                report(f, WRP_CODE_OVERASK_CREDENTIAL, cr, type, NULL, source);
            for (size_t k = 0; k < cred_claims(cr); k++, item++) {
                if (ok[item])
                    continue;
                cov->items[item].registered = false;
                if (gid[item] != WRP_REGINDEX_NONE)
                    report(f, WRP_CODE_OVERASK, cr, type,
                           cr->has_claims ? &cr->claims[k].path : &empty_path, source);
            }
        }
    }
    for (size_t i = 0; rc != NULL && i < n_rc; i++)
        free(rc[i].vals);
    for (size_t i = 0; i < n_keys; i++)
        free(keys[i].entries);
    free(keys);
    free(rc);
    free(ok);
    free(gid);
    if (st != WRP_OK)
        return st;
    return f->oom ? wrp_nomem() : WRP_OK;
}

void wrp_coverage_free(wrp_coverage *c)
{
    if (c == NULL)
        return;
    free(c->items);
    c->items = NULL;
    c->n = 0;
}
