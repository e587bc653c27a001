/* One sorted array of (identifier, document, party) entries: a lookup is a binary search for the
 * first entry of the identifier, then a walk over its entries, which the sort leaves in document
 * and listing order. */
#include "model/regparties.h"

#include <stdlib.h>
#include <string.h>

#include "util/mem.h"

typedef struct entry {
    const char *key;
    size_t doc, party;
} entry;

struct wrp_reg_parties {
    const wrp_regdoc *docs;
    entry *v;
    size_t n;
    size_t parties;
};

static int by_key(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    if (c != 0)
        return c;
    if (x->doc != y->doc)
        return x->doc < y->doc ? -1 : 1;
    if (x->party != y->party)
        return x->party < y->party ? -1 : 1;
    return 0;
}

void wrp_reg_parties_free(wrp_reg_parties *ix)
{
    if (ix == NULL)
        return;
    free(ix->v);
    free(ix);
}

static void add_party(wrp_reg_parties *ix, size_t doc, size_t k)
{
    const wrp_reg_party *p = &ix->docs[doc].parties[k];
    for (size_t i = 0; i < p->n_ids; i++)
        if (p->ids[i].value != NULL)
            ix->v[ix->n++] = (entry){p->ids[i].value, doc, k};
}

wrp_status wrp_reg_parties_new(const wrp_regdoc *docs, const bool *parsed, size_t n,
                               wrp_reg_parties **out)
{
    *out = NULL;
    wrp_reg_parties *ix = wrp_calloc(1, sizeof *ix);
    if (ix == NULL)
        return wrp_nomem();
    ix->docs = docs;
    size_t ids = 0;
    for (size_t i = 0; i < n; i++) {
        if (!parsed[i])
            continue;
        ix->parties += docs[i].n_parties;
        for (size_t k = 0; k < docs[i].n_parties; k++)
            ids += docs[i].parties[k].n_ids;
    }
    ix->v = wrp_calloc(ids ? ids : 1, sizeof *ix->v);
    if (ix->v == NULL) {
        wrp_reg_parties_free(ix);
        return wrp_nomem();
    }
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; parsed[i] && k < docs[i].n_parties; k++)
            add_party(ix, i, k);
    qsort(ix->v, ix->n, sizeof *ix->v, by_key);
    *out = ix;
    return WRP_OK;
}

size_t wrp_reg_parties_count(const wrp_reg_parties *ix)
{
    return ix != NULL ? ix->parties : 0;
}

/* The first entry whose key is not less than sub. */
static size_t lower_bound(const wrp_reg_parties *ix, const char *sub)
{
    size_t lo = 0, hi = ix->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(ix->v[mid].key, sub) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

wrp_status wrp_reg_parties_find(const wrp_reg_parties *ix, const char *sub,
                                const wrp_reg_party ***out, size_t *n)
{
    *out = NULL;
    *n = 0;
    if (ix == NULL || sub == NULL)
        return WRP_OK;
    size_t first = lower_bound(ix, sub), last = first;
    while (last < ix->n && strcmp(ix->v[last].key, sub) == 0)
        last++;
    if (last == first)
        return WRP_OK;
    const wrp_reg_party **hits = wrp_calloc(last - first, sizeof *hits);
    if (hits == NULL)
        return wrp_nomem();
    const entry *prev = NULL;
    for (size_t i = first; i < last; i++) {
        const entry *e = &ix->v[i];
        if (prev != NULL && prev->doc == e->doc && prev->party == e->party)
            continue; /* the party lists the identifier more than once */
        hits[(*n)++] = &ix->docs[e->doc].parties[e->party];
        prev = e;
    }
    *out = hits;
    return WRP_OK;
}
