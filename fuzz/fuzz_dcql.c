/* DCQL queries (model/dcql.h) from strict JSON: the query itself, or the `dcql_query` member of a
 * request object. Invariants: an accepted query keeps every rule the parser documents (ids
 * non-empty, unique and found by wrp_dcql_find; references in range; mdoc paths of two strings;
 * no path twice), its paths survive path -> JSON -> path and cover themselves; a refused query
 * leaves the output empty. */
#include <string.h>

#include "fuzz.h"
#include "model/dcql.h"
#include "util/json.h"
#include "util/limits.h"

static bool id_ok(const char *id)
{
    if (id == NULL || id[0] == 0)
        return false;
    for (const char *p = id; *p; p++)
        if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
              *p == '_' || *p == '-'))
            return false;
    return true;
}

static void check_refs(const wrp_dcql_refs *r, size_t bound)
{
    FUZZ_ASSERT(r->n >= 1 && r->idx != NULL);
    for (size_t i = 0; i < r->n; i++)
        FUZZ_ASSERT(r->idx[i] < bound);
}

static void check_path(const wrp_path *p, bool mdoc)
{
    FUZZ_ASSERT(p->n >= 1 && p->n <= WRP_MAX_PATH_LEN);
    if (mdoc)
        FUZZ_ASSERT(p->n == 2 && p->e[0].kind == WRP_PATH_STR && p->e[1].kind == WRP_PATH_STR);
    FUZZ_ASSERT(wrp_path_equal(p, p) && wrp_path_cmp(p, p) == 0 && wrp_path_covers(p, p));
    cJSON *json = wrp_path_to_json(p);
    FUZZ_ASSERT(json != NULL);
    wrp_path back;
    FUZZ_ASSERT(wrp_path_from_json(json, mdoc, &back, NULL) == WRP_OK);
    FUZZ_ASSERT(wrp_path_equal(p, &back));
    wrp_path_free(&back);
    cJSON_Delete(json);
}

static void check_cred(const wrp_dcql *q, size_t k)
{
    const wrp_dcql_cred *c = &q->creds[k];
    FUZZ_ASSERT(id_ok(c->id) && wrp_dcql_find(q, c->id) == c);
    FUZZ_ASSERT(c->format != NULL && c->format[0] != 0);
    bool mdoc = strcmp(c->format, "mso_mdoc") == 0;
    FUZZ_ASSERT(c->has_claims ? c->n_claims >= 1 : c->n_claims == 0 && c->n_claim_sets == 0);
    FUZZ_ASSERT(c->n_claims <= WRP_MAX_DCQL_CLAIMS);
    for (size_t i = 0; i < c->n_claims; i++) {
        const wrp_dcql_claim *cl = &c->claims[i];
        check_path(&cl->path, mdoc);
        if (cl->id != NULL)
            FUZZ_ASSERT(id_ok(cl->id));
        if (c->n_claim_sets > 0)
            FUZZ_ASSERT(cl->id != NULL);
        if (!mdoc)
            FUZZ_ASSERT(cl->intent_to_retain == -1);
        FUZZ_ASSERT(cl->values == NULL || (cJSON_IsArray(cl->values) && cl->values->child != NULL));
        for (size_t j = 0; j < i; j++) {
            FUZZ_ASSERT(!wrp_path_equal(&cl->path, &c->claims[j].path));
            if (cl->id != NULL && c->claims[j].id != NULL)
                FUZZ_ASSERT(strcmp(cl->id, c->claims[j].id) != 0);
        }
    }
    for (size_t i = 0; i < c->n_claim_sets; i++)
        check_refs(&c->claim_sets[i], c->n_claims);
}

static void check(const cJSON *query)
{
    wrp_dcql q;
    wrp_status st = wrp_dcql_parse(query, &q, NULL);
    if (st != WRP_OK) {
        FUZZ_ASSERT(st == WRP_ERR_MALFORMED || st == WRP_ERR_LIMIT);
        FUZZ_ASSERT(q.creds == NULL && q.n_creds == 0 && q.sets == NULL && q.n_sets == 0);
        wrp_dcql_free(&q);
        return;
    }
    FUZZ_ASSERT(q.n_creds >= 1 && q.n_creds <= WRP_MAX_DCQL_CREDENTIALS);
    for (size_t k = 0; k < q.n_creds; k++)
        check_cred(&q, k);
    for (size_t k = 0; k < q.n_sets; k++) {
        FUZZ_ASSERT(q.sets[k].n_options >= 1);
        for (size_t i = 0; i < q.sets[k].n_options; i++)
            check_refs(&q.sets[k].options[i], q.n_creds);
    }
    FUZZ_ASSERT(wrp_dcql_find(&q, "") == NULL);
    wrp_dcql_free(&q);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cJSON *root = NULL;
    if (wrp_json_parse(data, size, &root, NULL) != WRP_OK)
        return 0;
    check(root);
    const cJSON *inner = wrp_json_get(root, "dcql_query");
    if (inner != NULL)
        check(inner);
    cJSON_Delete(root);
    return 0;
}
