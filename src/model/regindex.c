/* A registered set compiled for matching: see regindex.h. Every count below is bounded by the
 * registered set's limits (WRP_MAX_REGISTERED_ITEMS claims, WRP_MAX_PATH_LEN elements each), so
 * uint32_t indexes suffice. */
#include "model/regindex.h"

#include <stdlib.h>
#include <string.h>

#include "util/mem.h"

#define NONE32 UINT32_MAX
/* A requested key that no registered path holds: it matches nothing. */
#define KIND_UNKNOWN 3u

/* One claims path pointer element: kind as wrp_path_kind; v the string's id (its rank among the
 * registered strings), the index, or 0 for null. */
typedef struct label {
    int64_t v;
    uint32_t kind;
} label;

static int label_cmp(const label *a, const label *b)
{
    if (a->kind != b->kind)
        return a->kind < b->kind ? -1 : 1;
    return (a->v > b->v) - (a->v < b->v);
}

/* A registered claim's path as labels; id: its entry. */
typedef struct lpath {
    const label *l;
    uint32_t n, id;
} lpath;

static int lpath_cmp(const lpath *a, const lpath *b)
{
    uint32_t n = a->n < b->n ? a->n : b->n;
    for (uint32_t i = 0; i < n; i++) {
        int c = label_cmp(&a->l[i], &b->l[i]);
        if (c != 0)
            return c;
    }
    return (a->n > b->n) - (a->n < b->n);
}

static int lpath_qcmp(const void *a, const void *b)
{
    return lpath_cmp(a, b);
}

typedef struct group {
    const char *format, *type;
    bool all;             /* an entry without a claim list */
    uint32_t e_off, e_n;  /* its entries: gent[e_off .. e_off + e_n), sorted */
} group;

/* A registered claim with values. */
typedef struct vclaim {
    lpath p;            /* p.id: its entry */
    const cJSON **v;    /* its values, sorted, each once */
    uint32_t n_v;
} vclaim;

/* One value of one claim with values, for the inverted index. */
typedef struct vref {
    const cJSON *v;
    uint32_t run, claim;
} vref;

typedef struct vrun {
    uint32_t first, n; /* vc[first .. first + n): the claims with values of one path */
} vrun;

struct wrp_regindex {
    group *g;
    size_t n_g;
    uint32_t *gent;
    const char **str; /* the registered path strings, sorted, each once: a string's id is its rank */
    size_t n_str;
    label *labels;    /* every registered claim's path, one after another */
    /* The automaton: state s has transitions tr_l/tr_to[tr_off[s] .. tr_off[s + 1]) sorted by
     * label (strings and indexes), null_to[s] for null and for an index without a transition of
     * its own (NONE32: none), and accepts the groups acc[acc_off[s] .. acc_off[s + 1]) (sorted). */
    size_t n_states;
    uint32_t *tr_off, *tr_to, *null_to, *acc_off, *acc;
    label *tr_l;
    /* Claims with values, sorted by path then entry; runs of equal paths; the inverted index
     * sorted by (run, value, claim). */
    vclaim *vc;
    size_t n_vc;
    const cJSON **vals;
    vrun *runs;
    size_t n_runs;
    vref *vx;
    size_t n_vx;
};

size_t wrp_sort_cost(size_t n)
{
    size_t l = 1;
    while (((size_t)1 << l) < n && l < 63)
        l++;
    return n * l;
}

void wrp_regindex_free(wrp_regindex *ix)
{
    if (ix == NULL)
        return;
    free(ix->g);
    free(ix->gent);
    free(ix->str);
    free(ix->labels);
    free(ix->tr_off);
    free(ix->tr_to);
    free(ix->tr_l);
    free(ix->null_to);
    free(ix->acc_off);
    free(ix->acc);
    free(ix->vc);
    free(ix->vals);
    free(ix->runs);
    free(ix->vx);
    free(ix);
}

/* ---------------------------------------------------------------------------------------------
 * Growing arrays of uint32_t and of labels */

typedef struct u32v {
    uint32_t *v;
    size_t n, cap;
} u32v;

static wrp_status u32_push(u32v *a, uint32_t x)
{
    if (a->n == a->cap) {
        size_t cap = a->cap ? a->cap * 2 : 64;
        uint32_t *v = wrp_realloc(a->v, cap * sizeof *v);
        if (v == NULL)
            return wrp_nomem();
        a->v = v;
        a->cap = cap;
    }
    a->v[a->n++] = x;
    return WRP_OK;
}

static int u32_qcmp(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* Sorts and removes repeats; returns the new length. */
static size_t u32_sort_unique(uint32_t *v, size_t n, size_t *work)
{
    if (n < 2)
        return n;
    qsort(v, n, sizeof *v, u32_qcmp);
    *work += wrp_sort_cost(n);
    size_t k = 1;
    for (size_t i = 1; i < n; i++)
        if (v[i] != v[k - 1])
            v[k++] = v[i];
    return k;
}

/* ---------------------------------------------------------------------------------------------
 * Groups: (format, type) -> entries */

typedef struct key {
    const char *format, *type;
    uint32_t entry;
} key;

static int key_qcmp(const void *a, const void *b)
{
    const key *x = a, *y = b;
    int c = strcmp(x->format, y->format);
    if (c == 0)
        c = strcmp(x->type, y->type);
    if (c == 0)
        c = (x->entry > y->entry) - (x->entry < y->entry);
    return c;
}

/* Fills ix->g and ix->gent, and the groups of each entry: egrp[egrp_off[e] .. egrp_off[e + 1]),
 * sorted. */
static wrp_status build_groups(wrp_regindex *ix, const wrp_regset *reg, uint32_t **egrp_off,
                               uint32_t **egrp, size_t *work)
{
    size_t nk = 0;
    for (size_t e = 0; e < reg->n; e++)
        nk += reg->v[e].n_types;
    key *k = wrp_malloc(nk * sizeof *k);
    *egrp_off = wrp_calloc(reg->n + 1, sizeof **egrp_off);
    *egrp = wrp_malloc(nk * sizeof **egrp);
    ix->g = wrp_calloc(nk, sizeof *ix->g);
    ix->gent = wrp_malloc(nk * sizeof *ix->gent);
    if (k == NULL || *egrp_off == NULL || *egrp == NULL || ix->g == NULL || ix->gent == NULL) {
        free(k);
        return wrp_nomem();
    }
    nk = 0;
    for (size_t e = 0; e < reg->n; e++)
        for (size_t t = 0; t < reg->v[e].n_types; t++)
            k[nk++] = (key){reg->v[e].format, reg->v[e].types[t], (uint32_t)e};
    if (nk > 1)
        qsort(k, nk, sizeof *k, key_qcmp);
    *work += wrp_sort_cost(nk) + nk;
    size_t ne = 0;
    for (size_t i = 0; i < nk; i++) {
        if (i > 0 && key_qcmp(&k[i - 1], &k[i]) == 0)
            continue; /* a type listed twice in one entry */
        group *last = ix->n_g ? &ix->g[ix->n_g - 1] : NULL;
        if (last == NULL || strcmp(last->format, k[i].format) != 0 || strcmp(last->type, k[i].type) != 0) {
            ix->g[ix->n_g++] = (group){k[i].format, k[i].type, false, (uint32_t)ne, 0};
            last = &ix->g[ix->n_g - 1];
        }
        last->all = last->all || reg->v[k[i].entry].all_claims;
        last->e_n++;
        ix->gent[ne++] = k[i].entry;
        (*egrp_off)[k[i].entry + 1]++;
    }
    for (size_t e = 0; e < reg->n; e++)
        (*egrp_off)[e + 1] += (*egrp_off)[e];
    /* In key order the group ids only grow: each entry's list comes out sorted. */
    uint32_t *fill = wrp_calloc(reg->n + 1, sizeof *fill);
    if (fill == NULL) {
        free(k);
        return wrp_nomem();
    }
    for (size_t gi = 0; gi < ix->n_g; gi++)
        for (uint32_t j = 0; j < ix->g[gi].e_n; j++) {
            uint32_t e = ix->gent[ix->g[gi].e_off + j];
            (*egrp)[(*egrp_off)[e] + fill[e]++] = (uint32_t)gi;
        }
    free(fill);
    free(k);
    return WRP_OK;
}

/* ---------------------------------------------------------------------------------------------
 * Labels: every registered path element, strings replaced by their rank */

typedef struct strref {
    const char *s;
    size_t pos;
} strref;

static int strref_qcmp(const void *a, const void *b)
{
    return strcmp(((const strref *)a)->s, ((const strref *)b)->s);
}

static wrp_status build_labels(wrp_regindex *ix, const wrp_regset *reg, size_t *work)
{
    size_t n = 0, ns = 0;
    for (size_t e = 0; e < reg->n; e++)
        for (size_t c = 0; c < reg->v[e].n_claims; c++) {
            const wrp_path *p = &reg->v[e].claims[c].path;
            n += p->n;
            for (size_t i = 0; i < p->n; i++)
                ns += p->e[i].kind == WRP_PATH_STR;
        }
    ix->labels = wrp_malloc(n * sizeof *ix->labels);
    strref *s = wrp_malloc(ns * sizeof *s);
    ix->str = wrp_malloc(ns * sizeof *ix->str);
    if (ix->labels == NULL || s == NULL || ix->str == NULL) {
        free(s);
        return wrp_nomem();
    }
    n = ns = 0;
    for (size_t e = 0; e < reg->n; e++)
        for (size_t c = 0; c < reg->v[e].n_claims; c++) {
            const wrp_path *p = &reg->v[e].claims[c].path;
            for (size_t i = 0; i < p->n; i++, n++) {
                ix->labels[n].kind = (uint32_t)p->e[i].kind;
                ix->labels[n].v = p->e[i].kind == WRP_PATH_INT ? p->e[i].idx : 0;
                if (p->e[i].kind == WRP_PATH_STR)
                    s[ns++] = (strref){p->e[i].str, n};
            }
        }
    if (ns > 1)
        qsort(s, ns, sizeof *s, strref_qcmp);
    *work += wrp_sort_cost(ns) + n;
    for (size_t i = 0; i < ns; i++) {
        if (ix->n_str == 0 || strcmp(ix->str[ix->n_str - 1], s[i].s) != 0)
            ix->str[ix->n_str++] = s[i].s;
        ix->labels[s[i].pos].v = (int64_t)(ix->n_str - 1);
    }
    free(s);
    return WRP_OK;
}

/* ---------------------------------------------------------------------------------------------
 * The automaton over the claims without values */

typedef struct trie {
    label *l;           /* each node's label (the root's unused) */
    uint32_t *first, *next, *last; /* children lists, in label order */
    uint32_t *coff, *child;        /* the same, contiguous: child[coff[v] .. coff[v + 1]) */
    uint32_t *aoff, *acc;          /* groups accepted at each node, sorted */
    size_t n;
} trie;

static void trie_free(trie *t)
{
    free(t->l);
    free(t->first);
    free(t->next);
    free(t->last);
    free(t->coff);
    free(t->child);
    free(t->aoff);
    free(t->acc);
}

/* The trie of the sorted paths p[0 .. n); node 0 is the root. */
static wrp_status build_trie(trie *t, const lpath *p, size_t n, const uint32_t *egrp_off,
                             const uint32_t *egrp, size_t *work)
{
    size_t max = 1, np = 0;
    for (size_t i = 0; i < n; i++) {
        max += p[i].n;
        np += egrp_off[p[i].id + 1] - egrp_off[p[i].id];
    }
    t->l = wrp_calloc(max, sizeof *t->l);
    t->first = wrp_malloc(max * sizeof *t->first);
    t->next = wrp_malloc(max * sizeof *t->next);
    t->last = wrp_malloc(max * sizeof *t->last);
    t->coff = wrp_calloc(max + 1, sizeof *t->coff);
    t->child = wrp_malloc(max * sizeof *t->child);
    t->aoff = wrp_calloc(max + 1, sizeof *t->aoff);
    t->acc = wrp_malloc(np * sizeof *t->acc);
    uint32_t *term = wrp_malloc(n * sizeof *term);
    if (t->l == NULL || t->first == NULL || t->next == NULL || t->last == NULL || t->coff == NULL ||
        t->child == NULL || t->aoff == NULL || t->acc == NULL || term == NULL) {
        free(term);
        return wrp_nomem();
    }
    t->first[0] = t->next[0] = t->last[0] = NONE32;
    t->n = 1;
    uint32_t stack[WRP_MAX_PATH_LEN + 1];
    stack[0] = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t lcp = 0;
        if (i > 0)
            while (lcp < p[i].n && lcp < p[i - 1].n && label_cmp(&p[i].l[lcp], &p[i - 1].l[lcp]) == 0)
                lcp++;
        *work += p[i].n + 1;
        for (uint32_t d = lcp; d < p[i].n; d++) {
            uint32_t v = (uint32_t)t->n++, parent = stack[d];
            t->l[v] = p[i].l[d];
            t->first[v] = t->next[v] = t->last[v] = NONE32;
            if (t->last[parent] == NONE32)
                t->first[parent] = v;
            else
                t->next[t->last[parent]] = v;
            t->last[parent] = v;
            stack[d + 1] = v;
        }
        term[i] = stack[p[i].n];
    }
    /* Children, contiguous. */
    size_t k = 0;
    for (size_t v = 0; v < t->n; v++) {
        t->coff[v] = (uint32_t)k;
        for (uint32_t c = t->first[v]; c != NONE32; c = t->next[c])
            t->child[k++] = c;
    }
    t->coff[t->n] = (uint32_t)k;
    /* The groups accepted at each node. The claims of one path are adjacent (the paths are
     * sorted, a prefix first), and their nodes ascend: each node's groups are one block, sorted
     * already when one claim ends there. */
    k = 0;
    for (size_t i = 0; i < n;) {
        size_t start = k, j = i;
        for (; j < n && term[j] == term[i]; j++)
            for (uint32_t g = egrp_off[p[j].id]; g < egrp_off[p[j].id + 1]; g++)
                t->acc[k++] = egrp[g];
        if (j - i > 1 && k - start > 1)
            k = start + u32_sort_unique(t->acc + start, k - start, work);
        *work += k - start;
        t->aoff[term[i] + 1] = (uint32_t)(k - start);
        i = j;
    }
    for (size_t v = 0; v < t->n; v++)
        t->aoff[v + 1] += t->aoff[v];
    free(term);
    return WRP_OK;
}

/* The automaton under construction: the members (trie nodes) of each state, and a hash table of
 * the states by their members. */
typedef struct dfa {
    u32v mem, moff;
    uint32_t *slot; /* state id + 1; 0 empty */
    size_t cap;
    u32v tr_off, tr_to, null_to, acc_off, acc;
    label *tr_l;
    size_t tr_l_cap;
    size_t size, limit; /* the automaton's size so far, and its limit */
} dfa;

static uint64_t set_hash(const uint32_t *v, size_t n)
{
    uint64_t h = 1469598103934665603u;
    for (size_t i = 0; i < n; i++) {
        h ^= v[i];
        h *= 1099511628211u;
    }
    return h ^ n;
}

static bool set_is(const dfa *d, uint32_t s, const uint32_t *v, size_t n)
{
    size_t off = d->moff.v[s], len = d->moff.v[s + 1] - off;
    return len == n && memcmp(d->mem.v + off, v, n * sizeof *v) == 0;
}

static wrp_status dfa_rehash(dfa *d)
{
    size_t cap = d->cap ? d->cap * 2 : 256;
    uint32_t *slot = wrp_calloc(cap, sizeof *slot);
    if (slot == NULL)
        return wrp_nomem();
    size_t states = d->moff.n ? d->moff.n - 1 : 0;
    for (uint32_t s = 0; s < states; s++) {
        size_t off = d->moff.v[s];
        uint64_t h = set_hash(d->mem.v + off, d->moff.v[s + 1] - off);
        size_t i = (size_t)h & (cap - 1);
        while (slot[i] != 0)
            i = (i + 1) & (cap - 1);
        slot[i] = s + 1;
    }
    free(d->slot);
    d->slot = slot;
    d->cap = cap;
    return WRP_OK;
}

/* The state of the node set v[0 .. n) (sorted, each once), made when new. */
static wrp_status dfa_state(dfa *d, const uint32_t *v, size_t n, uint32_t *out, size_t *work)
{
    d->size += n;
    *work += n + 1;
    uint64_t h = set_hash(v, n);
    size_t i = (size_t)h & (d->cap - 1);
    for (; d->slot[i] != 0; i = (i + 1) & (d->cap - 1)) {
        ++*work;
        if (set_is(d, d->slot[i] - 1, v, n)) {
            *out = d->slot[i] - 1;
            return WRP_OK;
        }
    }
    uint32_t s = (uint32_t)(d->moff.n - 1);
    for (size_t j = 0; j < n; j++)
        if (u32_push(&d->mem, v[j]) != WRP_OK)
            return wrp_nomem();
    if (u32_push(&d->moff, (uint32_t)d->mem.n) != WRP_OK)
        return wrp_nomem();
    d->slot[i] = s + 1;
    *out = s;
    if (2 * (d->moff.n - 1) > d->cap)
        return dfa_rehash(d);
    return WRP_OK;
}

static wrp_status dfa_transition(dfa *d, label l, uint32_t to)
{
    if (d->tr_to.n == d->tr_l_cap) {
        size_t cap = d->tr_l_cap ? d->tr_l_cap * 2 : 64;
        label *v = wrp_realloc(d->tr_l, cap * sizeof *v);
        if (v == NULL)
            return wrp_nomem();
        d->tr_l = v;
        d->tr_l_cap = cap;
    }
    d->tr_l[d->tr_to.n] = l;
    return u32_push(&d->tr_to, to);
}

typedef struct edge {
    label l;
    uint32_t node;
} edge;

static int edge_qcmp(const void *a, const void *b)
{
    const edge *x = a, *y = b;
    int c = label_cmp(&x->l, &y->l);
    return c != 0 ? c : (x->node > y->node) - (x->node < y->node);
}

static void dfa_free(dfa *d)
{
    free(d->mem.v);
    free(d->moff.v);
    free(d->slot);
    free(d->tr_off.v);
    free(d->tr_to.v);
    free(d->null_to.v);
    free(d->acc_off.v);
    free(d->acc.v);
    free(d->tr_l);
}

/* Processes state s: its transitions, its null transition and the groups it accepts. */
static wrp_status dfa_expand(dfa *d, const trie *t, uint32_t s, edge **buf, size_t *buf_cap,
                             u32v *tmp, size_t *work)
{
    size_t off = d->moff.v[s], n = d->moff.v[s + 1] - off, ne = 0;
    /* Gather before making states: that may move d->mem. */
    for (size_t i = 0; i < n; i++) {
        uint32_t v = d->mem.v[off + i];
        ne += t->coff[v + 1] - t->coff[v];
    }
    if (ne > *buf_cap) {
        edge *b = wrp_realloc(*buf, ne * sizeof *b);
        if (b == NULL)
            return wrp_nomem();
        *buf = b;
        *buf_cap = ne;
    }
    edge *e = *buf;
    ne = 0;
    size_t first_acc = d->acc.n;
    for (size_t i = 0; i < n; i++) {
        uint32_t v = d->mem.v[off + i];
        for (uint32_t c = t->coff[v]; c < t->coff[v + 1]; c++)
            e[ne++] = (edge){t->l[t->child[c]], t->child[c]};
        for (uint32_t a = t->aoff[v]; a < t->aoff[v + 1]; a++)
            if (u32_push(&d->acc, t->acc[a]) != WRP_OK)
                return wrp_nomem();
    }
    /* One node: its groups and its children are sorted already. */
    size_t gathered = d->acc.n - first_acc;
    if (n > 1 && gathered > 0) /* none gathered: acc.v may still be NULL */
        d->acc.n = first_acc + u32_sort_unique(d->acc.v + first_acc, gathered, work);
    if (u32_push(&d->acc_off, (uint32_t)d->acc.n) != WRP_OK)
        return wrp_nomem();
    d->size += n + ne + gathered;
    if (n > 1 && ne > 1) {
        qsort(e, ne, sizeof *e, edge_qcmp);
        *work += wrp_sort_cost(ne);
    }
    *work += n + ne + gathered;
    /* Null children sort last. */
    size_t nulls = ne;
    while (nulls > 0 && e[nulls - 1].l.kind == WRP_PATH_NULL)
        nulls--;
    uint32_t to = NONE32;
    tmp->n = 0;
    for (size_t i = nulls; i < ne; i++)
        if (u32_push(tmp, e[i].node) != WRP_OK)
            return wrp_nomem();
    if (tmp->n > 0 && dfa_state(d, tmp->v, tmp->n, &to, work) != WRP_OK)
        return wrp_nomem();
    if (u32_push(&d->null_to, to) != WRP_OK)
        return wrp_nomem();
    for (size_t i = 0; i < nulls;) {
        size_t j = i;
        tmp->n = 0;
        /* The run of one label; for an index, merged with the null children (both sorted by
         * node, and disjoint). */
        size_t a = i, b = nulls;
        while (j < nulls && label_cmp(&e[j].l, &e[i].l) == 0)
            j++;
        bool merge = e[i].l.kind == WRP_PATH_INT;
        while (a < j || (merge && b < ne)) {
            bool take_a = a < j && (!merge || b >= ne || e[a].node < e[b].node);
            if (u32_push(tmp, take_a ? e[a++].node : e[b++].node) != WRP_OK)
                return wrp_nomem();
        }
        if (dfa_state(d, tmp->v, tmp->n, &to, work) != WRP_OK || dfa_transition(d, e[i].l, to) != WRP_OK)
            return wrp_nomem();
        i = j;
    }
    return u32_push(&d->tr_off, (uint32_t)d->tr_to.n);
}

static wrp_status build_automaton(wrp_regindex *ix, lpath *p, size_t n, const uint32_t *egrp_off,
                                  const uint32_t *egrp, size_t *work, wrp_err *err)
{
    if (n > 1)
        qsort(p, n, sizeof *p, lpath_qcmp);
    *work += wrp_sort_cost(n) + n;
    trie t = {0};
    dfa d = {0};
    edge *buf = NULL;
    size_t buf_cap = 0;
    u32v tmp = {0};
    wrp_status st = build_trie(&t, p, n, egrp_off, egrp, work);
    uint32_t root = 0, s0;
    if (st == WRP_OK) {
        /* An automaton of one node per state (a set without null and an index at one position)
         * has this size: each node once as a member, once as a child, once as a target, and the
         * groups accepted at each. */
        size_t base = 3 * t.n + t.aoff[t.n];
        d.limit = WRP_REGISTERED_MATCH_GROWTH * base + WRP_REGISTERED_MATCH_SLACK;
        st = dfa_rehash(&d);
    }
    if (st == WRP_OK)
        st = u32_push(&d.moff, 0);
    if (st == WRP_OK)
        st = u32_push(&d.tr_off, 0);
    if (st == WRP_OK)
        st = u32_push(&d.acc_off, 0);
    if (st == WRP_OK)
        st = dfa_state(&d, &root, 1, &s0, work);
    for (uint32_t s = 0; st == WRP_OK && s < d.moff.n - 1; s++) {
        st = dfa_expand(&d, &t, s, &buf, &buf_cap, &tmp, work);
        if (st == WRP_OK && d.size > d.limit)
            st = wrp_fail(err, WRP_ERR_LIMIT,
                          "matching its claim paths would take an automaton of more than %zu "
                          "elements (null and indexes at the same positions of many paths)",
                          d.limit);
    }
    if (st == WRP_OK) {
        ix->n_states = d.moff.n - 1;
        ix->tr_off = d.tr_off.v;
        ix->tr_to = d.tr_to.v;
        ix->tr_l = d.tr_l;
        ix->null_to = d.null_to.v;
        ix->acc_off = d.acc_off.v;
        ix->acc = d.acc.v;
        d.tr_off.v = d.tr_to.v = d.null_to.v = d.acc_off.v = d.acc.v = NULL;
        d.tr_l = NULL;
    }
    dfa_free(&d);
    trie_free(&t);
    free(buf);
    free(tmp.v);
    return st;
}

/* ---------------------------------------------------------------------------------------------
 * Claims with values */

static int value_rank(const cJSON *v)
{
    if (cJSON_IsString(v))
        return 0;
    if (cJSON_IsNumber(v))
        return 1;
    if (cJSON_IsBool(v))
        return 2;
    return 3;
}

int wrp_regindex_value_cmp(const cJSON *a, const cJSON *b)
{
    int ra = value_rank(a), rb = value_rank(b);
    if (ra != rb)
        return ra < rb ? -1 : 1;
    switch (ra) {
    case 0: {
        int c = strcmp(a->valuestring, b->valuestring);
        return (c > 0) - (c < 0);
    }
    case 1: /* integers within 2^53 (wrp_values_valid, DCQL): exact as doubles */
        return (a->valuedouble > b->valuedouble) - (a->valuedouble < b->valuedouble);
    case 2:
        return (int)cJSON_IsTrue(a) - (int)cJSON_IsTrue(b);
    default:
        return 0;
    }
}

static int vclaim_qcmp(const void *a, const void *b)
{
    const vclaim *x = a, *y = b;
    int c = lpath_cmp(&x->p, &y->p);
    return c != 0 ? c : (x->p.id > y->p.id) - (x->p.id < y->p.id);
}

static int vref_qcmp(const void *a, const void *b)
{
    const vref *x = a, *y = b;
    if (x->run != y->run)
        return x->run < y->run ? -1 : 1;
    int c = wrp_regindex_value_cmp(x->v, y->v);
    return c != 0 ? c : (x->claim > y->claim) - (x->claim < y->claim);
}

/* vc[i].v holds each claim's values as written (in ix->vals). Sorts the claims by path, makes the
 * inverted index with one sort of every value, and from it each claim's values sorted and each
 * once (in a new ix->vals). */
static wrp_status build_values(wrp_regindex *ix, vclaim *vc, size_t n, size_t *work)
{
    ix->vc = vc;
    ix->n_vc = n;
    size_t nv = 0;
    for (size_t i = 0; i < n; i++)
        nv += vc[i].n_v;
    ix->runs = wrp_malloc(n * sizeof *ix->runs);
    ix->vx = wrp_malloc(nv * sizeof *ix->vx);
    const cJSON **sorted = wrp_malloc(nv * sizeof *sorted);
    uint32_t *fill = wrp_calloc(n + 1, sizeof *fill);
    if (ix->runs == NULL || ix->vx == NULL || sorted == NULL || fill == NULL) {
        free(sorted);
        free(fill);
        return wrp_nomem();
    }
    if (n > 1)
        qsort(vc, n, sizeof *vc, vclaim_qcmp);
    *work += wrp_sort_cost(n) + n;
    for (size_t i = 0; i < n; i++) {
        if (ix->n_runs == 0 || lpath_cmp(&vc[ix->runs[ix->n_runs - 1].first].p, &vc[i].p) != 0)
            ix->runs[ix->n_runs++] = (vrun){(uint32_t)i, 0};
        ix->runs[ix->n_runs - 1].n++;
        for (uint32_t j = 0; j < vc[i].n_v; j++)
            ix->vx[ix->n_vx++] = (vref){vc[i].v[j], (uint32_t)(ix->n_runs - 1), (uint32_t)i};
    }
    if (ix->n_vx > 1)
        qsort(ix->vx, ix->n_vx, sizeof *ix->vx, vref_qcmp);
    *work += wrp_sort_cost(ix->n_vx) + ix->n_vx;
    /* A value listed twice in one claim counts once. */
    size_t k = 0;
    for (size_t i = 0; i < ix->n_vx; i++)
        if (k == 0 || vref_qcmp(&ix->vx[k - 1], &ix->vx[i]) != 0)
            ix->vx[k++] = ix->vx[i];
    ix->n_vx = k;
    /* Within a run the index is ordered by value: each claim's values come out sorted. */
    for (size_t i = 0; i < ix->n_vx; i++)
        fill[ix->vx[i].claim + 1]++;
    for (size_t i = 0; i < n; i++) {
        fill[i + 1] += fill[i];
        vc[i].v = sorted + fill[i];
        vc[i].n_v = 0;
    }
    for (size_t i = 0; i < ix->n_vx; i++) {
        vclaim *c = &ix->vc[ix->vx[i].claim];
        c->v[c->n_v++] = ix->vx[i].v;
    }
    free(fill);
    free(ix->vals);
    ix->vals = sorted;
    return WRP_OK;
}

/* ---------------------------------------------------------------------------------------------
 * Building */

/* Without values: the groups and the automaton only (what wrp_regindex_check needs). */
static wrp_status build(const wrp_regset *reg, bool values, wrp_regindex **out, size_t *work,
                        wrp_err *err)
{
    *out = NULL;
    wrp_regindex *ix = wrp_calloc(1, sizeof *ix);
    uint32_t *egrp_off = NULL, *egrp = NULL;
    lpath *plain = NULL;
    vclaim *vc = NULL;
    if (ix == NULL)
        return wrp_nomem();
    wrp_status st = build_groups(ix, reg, &egrp_off, &egrp, work);
    if (st == WRP_OK)
        st = build_labels(ix, reg, work);
    size_t np = 0, nv = 0, nvals = 0;
    for (size_t e = 0; st == WRP_OK && e < reg->n; e++)
        for (size_t c = 0; c < reg->v[e].n_claims; c++) {
            const wrp_reg_claim *cl = &reg->v[e].claims[c];
            if (cl->values == NULL) {
                np++;
            } else if (values) {
                nv++;
                nvals += (size_t)cJSON_GetArraySize(cl->values);
            }
            if (cl->path.n > WRP_MAX_PATH_LEN)
                st = wrp_fail(err, WRP_ERR_LIMIT, "a claim path has more than %u elements",
                              WRP_MAX_PATH_LEN);
        }
    if (st == WRP_OK) {
        plain = wrp_malloc(np * sizeof *plain);
        vc = wrp_calloc(nv, sizeof *vc);
        ix->vals = wrp_malloc(nvals * sizeof *ix->vals);
        if (plain == NULL || vc == NULL || ix->vals == NULL)
            st = wrp_nomem();
    }
    if (st == WRP_OK) {
        size_t lab = 0, pi = 0, vi = 0, vv = 0;
        for (size_t e = 0; e < reg->n; e++)
            for (size_t c = 0; c < reg->v[e].n_claims; c++) {
                const wrp_reg_claim *cl = &reg->v[e].claims[c];
                lpath lp = {ix->labels + lab, (uint32_t)cl->path.n, (uint32_t)e};
                lab += cl->path.n;
                if (cl->values == NULL) {
                    plain[pi++] = lp;
                    continue;
                }
                if (!values)
                    continue;
                vclaim *x = &vc[vi++];
                x->p = lp;
                x->v = ix->vals + vv;
                const cJSON *v;
                cJSON_ArrayForEach(v, cl->values)
                {
                    ix->vals[vv++] = v;
                    x->n_v++;
                }
            }
        st = build_automaton(ix, plain, np, egrp_off, egrp, work, err);
    }
    if (st == WRP_OK) {
        st = build_values(ix, vc, nv, work);
        vc = NULL; /* the index's now */
    }
    free(vc);
    free(plain);
    free(egrp_off);
    free(egrp);
    if (st != WRP_OK) {
        wrp_regindex_free(ix);
        return st;
    }
    *out = ix;
    return WRP_OK;
}

wrp_status wrp_regindex_new(const wrp_regset *reg, wrp_regindex **out, size_t *work, wrp_err *err)
{
    return build(reg, true, out, work, err);
}

wrp_status wrp_regindex_check(const wrp_regset *reg, size_t *work, wrp_err *err)
{
    wrp_regindex *ix = NULL;
    wrp_status st = build(reg, false, &ix, work, err);
    wrp_regindex_free(ix);
    return st;
}

/* ---------------------------------------------------------------------------------------------
 * Queries */

size_t wrp_regindex_group(const wrp_regindex *ix, const char *format, const char *type, size_t *work)
{
    size_t lo = 0, hi = ix->n_g;
    while (lo < hi) {
        ++*work;
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(ix->g[mid].format, format);
        if (c == 0)
            c = strcmp(ix->g[mid].type, type);
        if (c == 0)
            return mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return WRP_REGINDEX_NONE;
}

bool wrp_regindex_group_all(const wrp_regindex *ix, size_t g)
{
    return ix->g[g].all;
}

/* The requested element as a label: a string's id, or KIND_UNKNOWN when no registered path holds
 * that string. */
static label to_label(const wrp_regindex *ix, const wrp_path_elem *e, size_t *work)
{
    if (e->kind == WRP_PATH_INT)
        return (label){e->idx, WRP_PATH_INT};
    if (e->kind == WRP_PATH_NULL)
        return (label){0, WRP_PATH_NULL};
    size_t lo = 0, hi = ix->n_str;
    while (lo < hi) {
        ++*work;
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(ix->str[mid], e->str);
        if (c == 0)
            return (label){(int64_t)mid, WRP_PATH_STR};
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (label){0, KIND_UNKNOWN};
}

static uint32_t find_transition(const wrp_regindex *ix, uint32_t s, const label *l, size_t *work)
{
    size_t lo = ix->tr_off[s], hi = ix->tr_off[s + 1];
    while (lo < hi) {
        ++*work;
        size_t mid = lo + (hi - lo) / 2;
        int c = label_cmp(&ix->tr_l[mid], l);
        if (c == 0)
            return ix->tr_to[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NONE32;
}

void wrp_regindex_path(const wrp_regindex *ix, const wrp_path *p, wrp_regpath *out, size_t *work)
{
    out->n_acc = 0;
    out->run = WRP_REGINDEX_NONE;
    if (p->n > WRP_MAX_PATH_LEN)
        return; /* unreachable: paths are parsed to at most that */
    label l[WRP_MAX_PATH_LEN];
    bool unknown = false;
    for (size_t i = 0; i < p->n; i++) {
        l[i] = to_label(ix, &p->e[i], work);
        unknown = unknown || l[i].kind == KIND_UNKNOWN;
    }
    /* Rule 4: walk the automaton; each state reached after a prefix is the set of registered
     * nodes that cover that prefix. */
    uint32_t s = 0;
    for (size_t i = 0; i < p->n && ix->n_states > 0; i++) {
        ++*work;
        uint32_t to = NONE32;
        if (l[i].kind == WRP_PATH_STR || l[i].kind == WRP_PATH_INT)
            to = find_transition(ix, s, &l[i], work);
        if (to == NONE32 && (l[i].kind == WRP_PATH_INT || l[i].kind == WRP_PATH_NULL))
            to = ix->null_to[s];
        if (to == NONE32)
            break;
        s = to;
        if (ix->acc_off[s + 1] > ix->acc_off[s])
            out->acc[out->n_acc++] = s;
    }
    /* Rule 5: the claims with values of exactly this path. */
    if (unknown || ix->n_runs == 0)
        return;
    lpath want = {l, (uint32_t)p->n, 0};
    size_t lo = 0, hi = ix->n_runs;
    while (lo < hi) {
        ++*work;
        size_t mid = lo + (hi - lo) / 2;
        int c = lpath_cmp(&ix->vc[ix->runs[mid].first].p, &want);
        if (c == 0) {
            out->run = mid;
            return;
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
}

static bool u32_find(const uint32_t *v, size_t n, uint32_t x, size_t *work)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        ++*work;
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid] == x)
            return true;
        if (v[mid] < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

bool wrp_regindex_covers(const wrp_regindex *ix, const wrp_regpath *p, size_t g, size_t *work)
{
    for (size_t i = 0; i < p->n_acc; i++) {
        uint32_t s = p->acc[i];
        if (u32_find(ix->acc + ix->acc_off[s], ix->acc_off[s + 1] - ix->acc_off[s], (uint32_t)g, work))
            return true;
    }
    return false;
}

/* The first index of the inverted index at or after (run, v). */
static size_t vx_lower(const wrp_regindex *ix, uint32_t run, const cJSON *v, bool after, size_t *work)
{
    size_t lo = 0, hi = ix->n_vx;
    while (lo < hi) {
        ++*work;
        size_t mid = lo + (hi - lo) / 2;
        const vref *x = &ix->vx[mid];
        int c = x->run != run ? (x->run < run ? -1 : 1) : wrp_regindex_value_cmp(x->v, v);
        if (c < 0 || (after && c == 0))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static bool value_in(const cJSON *const *v, size_t n, const cJSON *x, size_t *work)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        ++*work;
        size_t mid = lo + (hi - lo) / 2;
        int c = wrp_regindex_value_cmp(v[mid], x);
        if (c == 0)
            return true;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

/* Are the n values (sorted, each once) all among the m of have (sorted, each once)? A merge or a
 * binary search of each, whichever costs less; either stops at the first value missing. */
static bool contains(const cJSON *const *have, size_t m, const cJSON *const *vals, size_t n,
                     size_t *work)
{
    ++*work;
    if (n > m)
        return false;
    if (m / 2 > n * 16) {
        for (size_t j = 0; j < n; j++)
            if (!value_in(have, m, vals[j], work))
                return false;
        return true;
    }
    size_t i = 0;
    for (size_t j = 0; j < n; j++) {
        int c = -1;
        while (i < m && (c = wrp_regindex_value_cmp(have[i], vals[j])) < 0) {
            ++*work;
            i++;
        }
        ++*work;
        if (c != 0)
            return false;
        i++;
    }
    return true;
}

static int size_qcmp(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

wrp_status wrp_regindex_values(const wrp_regindex *ix, size_t run, const cJSON *const *vals, size_t n,
                               size_t **entries, size_t *n_entries, size_t *work)
{
    *entries = NULL;
    *n_entries = 0;
    if (run >= ix->n_runs || n == 0)
        return WRP_OK;
    /* The candidates: the claims holding the rarest of the requested values. */
    size_t best_lo = 0, best_n = SIZE_MAX;
    for (size_t i = 0; i < n && best_n > 0; i++) {
        size_t lo = vx_lower(ix, (uint32_t)run, vals[i], false, work);
        size_t hi = vx_lower(ix, (uint32_t)run, vals[i], true, work);
        if (hi - lo < best_n) {
            best_lo = lo;
            best_n = hi - lo;
        }
    }
    if (best_n == 0)
        return WRP_OK;
    size_t *out = wrp_malloc(best_n * sizeof *out), k = 0;
    if (out == NULL)
        return wrp_nomem();
    for (size_t i = best_lo; i < best_lo + best_n; i++) {
        const vclaim *c = &ix->vc[ix->vx[i].claim];
        if (contains(c->v, c->n_v, vals, n, work))
            out[k++] = c->p.id;
    }
    if (k == 0) {
        free(out);
        return WRP_OK;
    }
    if (k > 1)
        qsort(out, k, sizeof *out, size_qcmp);
    *work += wrp_sort_cost(k);
    size_t u = 1;
    for (size_t i = 1; i < k; i++)
        if (out[i] != out[u - 1])
            out[u++] = out[i];
    *entries = out;
    *n_entries = u;
    return WRP_OK;
}

bool wrp_regindex_in_group(const wrp_regindex *ix, const size_t *entries, size_t n, size_t g,
                           size_t *work)
{
    const uint32_t *ge = ix->gent + ix->g[g].e_off;
    size_t gn = ix->g[g].e_n;
    if (n <= gn) {
        for (size_t i = 0; i < n; i++)
            if (u32_find(ge, gn, (uint32_t)entries[i], work))
                return true;
        return false;
    }
    for (size_t i = 0; i < gn; i++) {
        size_t lo = 0, hi = n;
        while (lo < hi) {
            ++*work;
            size_t mid = lo + (hi - lo) / 2;
            if (entries[mid] == ge[i])
                return true;
            if (entries[mid] < ge[i])
                lo = mid + 1;
            else
                hi = mid;
        }
    }
    return false;
}
