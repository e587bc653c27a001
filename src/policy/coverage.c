/* Contract rules 1-6. The registered claims of each (format, type) are merged and sorted once; a
 * requested path is then covered when one of its prefixes, with integer positions optionally
 * replaced by null (the only wildcard), is found among them: a few binary searches per path. */
#include "policy/coverage.h"

#include <stdlib.h>
#include <string.h>

#include "util/limits.h"
#include "util/mem.h"
#include "util/json_build.h"

/* Beyond this many integer positions in one path, candidates are not enumerated (2^n of them):
 * the group's claims are scanned instead. */
#define MAX_WILDCARD_BRANCHES 8

typedef struct claim_ref {
    const wrp_path *path;
    const cJSON *values;
} claim_ref;

typedef struct group {
    const char *format, *type;
    bool all_claims;
    claim_ref *claims;
    size_t n;
} group;

struct wrp_cov_index {
    group *g;
    size_t n;
};

typedef struct key {
    const char *format, *type;
    const wrp_reg_cred *entry;
} key;

static int key_cmp(const void *a, const void *b)
{
    const key *x = a, *y = b;
    int c = strcmp(x->format, y->format);
    return c != 0 ? c : strcmp(x->type, y->type);
}

static int claim_cmp(const void *a, const void *b)
{
    return wrp_path_cmp(((const claim_ref *)a)->path, ((const claim_ref *)b)->path);
}

void wrp_cov_index_free(wrp_cov_index *ix)
{
    if (ix == NULL)
        return;
    for (size_t i = 0; i < ix->n; i++)
        free(ix->g[i].claims);
    free(ix->g);
    free(ix);
}

/* Appends the claims of one entry to its group. */
static wrp_status group_add(group *g, const wrp_reg_cred *e)
{
    g->all_claims = g->all_claims || e->all_claims;
    if (e->n_claims == 0)
        return WRP_OK;
    claim_ref *v = wrp_realloc(g->claims, (g->n + e->n_claims) * sizeof *v);
    if (v == NULL)
        return wrp_nomem();
    g->claims = v;
    for (size_t i = 0; i < e->n_claims; i++)
        g->claims[g->n++] = (claim_ref){&e->claims[i].path, e->claims[i].values};
    return WRP_OK;
}

static wrp_status build_groups(wrp_cov_index *ix, key *keys, size_t nk)
{
    qsort(keys, nk, sizeof *keys, key_cmp);
    ix->g = wrp_calloc(nk ? nk : 1, sizeof *ix->g);
    if (ix->g == NULL)
        return wrp_nomem();
    for (size_t i = 0; i < nk; i++) {
        if (ix->n == 0 || key_cmp(&keys[i], &(key){ix->g[ix->n - 1].format, ix->g[ix->n - 1].type, NULL}) != 0)
            ix->g[ix->n++] = (group){keys[i].format, keys[i].type, false, NULL, 0};
        if (group_add(&ix->g[ix->n - 1], keys[i].entry) != WRP_OK)
            return wrp_nomem();
    }
    for (size_t i = 0; i < ix->n; i++)
        if (ix->g[i].n > 1) /* a group without claims has no array: qsort(NULL, 0) is undefined */
            qsort(ix->g[i].claims, ix->g[i].n, sizeof *ix->g[i].claims, claim_cmp);
    return WRP_OK;
}

wrp_status wrp_cov_index_new(const wrp_regset *reg, wrp_cov_index **out)
{
    *out = NULL;
    wrp_cov_index *ix = wrp_calloc(1, sizeof *ix);
    if (ix == NULL)
        return wrp_nomem();
    size_t nk = 0;
    for (size_t i = 0; i < reg->n; i++)
        nk += reg->v[i].n_types;
    key *keys = wrp_malloc((nk ? nk : 1) * sizeof *keys);
    if (keys == NULL) {
        free(ix);
        return wrp_nomem();
    }
    nk = 0;
    for (size_t i = 0; i < reg->n; i++)
        for (size_t t = 0; t < reg->v[i].n_types; t++)
            keys[nk++] = (key){reg->v[i].format, reg->v[i].types[t], &reg->v[i]};
    wrp_status st = build_groups(ix, keys, nk);
    free(keys);
    if (st != WRP_OK) {
        wrp_cov_index_free(ix);
        return st;
    }
    *out = ix;
    return WRP_OK;
}

static const group *find_group(const wrp_cov_index *ix, const char *format, const char *type)
{
    size_t lo = 0, hi = ix->n;
    key k = {format, type, NULL};
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = key_cmp(&(key){ix->g[mid].format, ix->g[mid].type, NULL}, &k);
        if (c == 0)
            return &ix->g[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* Rule 5: the same JSON type and value. */
static bool value_equal(const cJSON *a, const cJSON *b)
{
    if (cJSON_IsString(a) && cJSON_IsString(b))
        return strcmp(a->valuestring, b->valuestring) == 0;
    if (cJSON_IsBool(a) && cJSON_IsBool(b))
        return cJSON_IsTrue(a) == cJSON_IsTrue(b);
    if (cJSON_IsNumber(a) && cJSON_IsNumber(b))
        return a->valuedouble == b->valuedouble;
    return false;
}

static bool values_within(const cJSON *requested, const cJSON *registered, size_t *work)
{
    if (requested == NULL)
        return false;
    const cJSON *v, *r;
    cJSON_ArrayForEach(v, requested)
    {
        bool found = false;
        cJSON_ArrayForEach(r, registered)
        {
            ++*work;
            if (value_equal(v, r)) {
                found = true;
                break;
            }
        }
        if (!found)
            return false;
    }
    return true;
}

/* Does registered claim c cover the requested (p, values) (rules 4 and 5)? */
static bool claim_covers(const claim_ref *c, const wrp_path *p, const cJSON *values, size_t *work)
{
    ++*work;
    if (c->values != NULL)
        return wrp_path_equal(c->path, p) && values_within(values, c->values, work);
    return wrp_path_covers(c->path, p);
}

/* The first claim whose path is not below `pat` in the group's order. */
static size_t lower_bound(const group *g, const wrp_path *pat, size_t *work)
{
    size_t lo = 0, hi = g->n;
    while (lo < hi) {
        ++*work;
        size_t mid = lo + (hi - lo) / 2;
        if (wrp_path_cmp(g->claims[mid].path, pat) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Any claim with exactly the path `pat` covering (p, values)? */
static bool lookup(const group *g, const wrp_path *pat, const wrp_path *p, const cJSON *values,
                   size_t *work)
{
    for (size_t i = lower_bound(g, pat, work); i < g->n && wrp_path_cmp(g->claims[i].path, pat) == 0; i++)
        if (claim_covers(&g->claims[i], p, values, work))
            return true;
    return false;
}

static bool covered(const group *g, const wrp_path *p, const cJSON *values, size_t *work)
{
    if (g->all_claims)
        return true;
    size_t ints = 0;
    for (size_t i = 0; i < p->n; i++)
        ints += p->e[i].kind == WRP_PATH_INT;
    if (ints > MAX_WILDCARD_BRANCHES || p->n > WRP_MAX_PATH_LEN) {
        for (size_t i = 0; i < g->n; i++)
            if (claim_covers(&g->claims[i], p, values, work))
                return true;
        return false;
    }
    wrp_path_elem buf[WRP_MAX_PATH_LEN];
    size_t int_pos[MAX_WILDCARD_BRANCHES];
    for (size_t k = 1; k <= p->n; k++) {
        size_t m = 0;
        for (size_t i = 0; i < k; i++)
            if (p->e[i].kind == WRP_PATH_INT)
                int_pos[m++] = i;
        /* Every registered path that can cover p's prefix of length k: each integer position
         * either equal or null. */
        for (unsigned mask = 0; mask < (1u << m); mask++) {
            memcpy(buf, p->e, k * sizeof *buf);
            for (size_t j = 0; j < m; j++)
                if (mask & (1u << j))
                    buf[int_pos[j]].kind = WRP_PATH_NULL;
            wrp_path pat = {buf, k};
            if (lookup(g, &pat, p, values, work))
                return true;
        }
    }
    return false;
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

wrp_status wrp_coverage_eval(const wrp_dcql *q, const wrp_cov_index *ix, wrp_source source,
                             wrp_coverage *cov, wrp_findings *f)
{
    size_t item = 0;
    for (size_t c = 0; c < q->n_creds; c++) {
        const wrp_dcql_cred *cr = &q->creds[c];
        for (size_t t = 0; t < cred_types(cr); t++) {
            const group *g = cr->n_types ? find_group(ix, cr->format, cr->types[t]) : NULL;
            size_t type = cr->n_types ? t : SIZE_MAX;
            if (g == NULL)
                report(f, WRP_CODE_OVERASK_CREDENTIAL, cr, type, NULL, source);
            for (size_t k = 0; k < cred_claims(cr); k++, item++) {
                if (g == NULL) {
                    cov->items[item].registered = false;
                    continue;
                }
                bool ok = cr->has_claims ? covered(g, &cr->claims[k].path, cr->claims[k].values, &cov->work)
                                         : g->all_claims;
                if (!ok) {
                    cov->items[item].registered = false;
                    report(f, WRP_CODE_OVERASK, cr, type,
                           cr->has_claims ? &cr->claims[k].path : &empty_path, source);
                }
            }
        }
    }
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
