/*
 * Differential target of the overasking engine: src/policy/coverage.c against a second, naive
 * implementation of cli-contract.md "Overasking" rules 1-6 written here from the contract text
 * alone (nested loops over the JSON, no index, no sorting), which shares no code with the
 * library beyond cJSON reading the trees.
 *
 * Input, either
 *  - JSON: {"dcql": <dcql_query>, "rc": <credentials array>, "register": <credentials array>}
 *    ("register" optional): the seeds, made from the end-to-end vectors by make_corpus.py; or
 *  - bytes, decoded into a small query and one or two registered sets over tiny alphabets
 *    (claim names a b c, indexes 0 1, null; types t1 t2 t3; values "x" "y" "1" 1 2 true; formats
 *    dc+sd-jwt, mso_mdoc, jwt_vc_json, vc+sd-jwt and one without types), so that mutations keep
 *    producing queries and registrations that collide.
 * The library parses the query (wrp_dcql_parse) and each set (wrp_regset_from_json); when all
 * parse, both judge. Aborts on any difference in: which (credential query, type, claim) items
 * are registered, the verdict (all registered or not), and per source the OVERASK_CREDENTIAL
 * (query, type) pairs and the OVERASK (query, type, path) triples reported.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "model/regset.h"
#include "policy/coverage.h"
#include "policy/findings.h"

#define MAX_SOURCES 2
#define MAX_QUERIES 16 /* the oracle's tables: larger inputs are not judged */
#define MAX_TYPES 16
#define MAX_CLAIMS 32  /* and one more for the whole credential */

/* ---- the naive oracle: the contract's rules read off the JSON trees ---- */

static bool is_str(const cJSON *x, const char *s)
{
    return cJSON_IsString(x) && strcmp(x->valuestring, s) == 0;
}

static const cJSON *member(const cJSON *obj, const char *name)
{
    for (const cJSON *m = obj != NULL ? obj->child : NULL; m != NULL; m = m->next)
        if (m->string != NULL && strcmp(m->string, name) == 0)
            return m;
    return NULL;
}

/* A member that the library's parse has guaranteed. */
static const cJSON *need(const cJSON *obj, const char *name)
{
    const cJSON *m = member(obj, name);
    if (m == NULL)
        fuzz_fail(__FILE__, __LINE__, "a member the parsed input must have is absent");
    return m;
}

static const char *need_str(const cJSON *obj, const char *name)
{
    const cJSON *m = need(obj, name);
    if (!cJSON_IsString(m))
        fuzz_fail(__FILE__, __LINE__, "a string the parsed input must have is not one");
    return m->valuestring;
}

/* Two JSON scalars of a path or a values list: the same JSON type and value (true is not 1,
 * "18" is not 18). Integers are compared as the numbers they are. */
static bool same_scalar(const cJSON *a, const cJSON *b)
{
    if (cJSON_IsString(a) && cJSON_IsString(b))
        return strcmp(a->valuestring, b->valuestring) == 0;
    if (cJSON_IsNumber(a) && cJSON_IsNumber(b))
        return a->valuedouble == b->valuedouble;
    if (cJSON_IsBool(a) && cJSON_IsBool(b))
        return cJSON_IsTrue(a) == cJSON_IsTrue(b);
    return cJSON_IsNull(a) && cJSON_IsNull(b);
}

/* The text naming one type set (jwt_vc_json, ldp_vc): its strings, each once, in byte order, as
 * a compact JSON array. Built by selection: take the smallest string greater than the last. */
static char *set_text(const cJSON *arr)
{
    cJSON *out = cJSON_CreateArray();
    const char *last = NULL;
    for (;;) {
        const char *next = NULL;
        for (const cJSON *x = arr->child; x != NULL; x = x->next)
            if (cJSON_IsString(x) && (last == NULL || strcmp(x->valuestring, last) > 0) &&
                (next == NULL || strcmp(x->valuestring, next) < 0))
                next = x->valuestring;
        if (next == NULL)
            break;
        cJSON_AddItemToArray(out, cJSON_CreateString(next));
        last = next;
    }
    char *text = cJSON_PrintUnformatted(out);
    cJSON_Delete(out);
    FUZZ_ASSERT(text != NULL);
    return text;
}

/* Rule 1 (and the formats of a query): the types of an entry or a credential query, as texts;
 * each once, at most MAX_TYPES. Returns the number (0 for a format without types). */
static size_t types_of(const cJSON *x, char **out)
{
    const cJSON *format = member(x, "format"), *meta = member(x, "meta");
    size_t n = 0;
    const cJSON *list = NULL;
    if (is_str(format, "dc+sd-jwt") || is_str(format, "vc+sd-jwt")) {
        list = member(meta, "vct_values");
    } else if (is_str(format, "mso_mdoc")) {
        out[n++] = strdup(need_str(meta, "doctype_value"));
        return n;
    } else if (is_str(format, "jwt_vc_json") || is_str(format, "ldp_vc")) {
        for (const cJSON *set = need(meta, "type_values")->child; set != NULL && n < MAX_TYPES; set = set->next) {
            char *t = set_text(set);
            bool seen = false;
            for (size_t i = 0; i < n; i++)
                seen |= strcmp(out[i], t) == 0;
            if (seen)
                free(t);
            else
                out[n++] = t;
        }
        return n;
    }
    for (const cJSON *v = list != NULL ? list->child : NULL; v != NULL && n < MAX_TYPES; v = v->next) {
        bool seen = false;
        for (size_t i = 0; i < n; i++)
            seen |= strcmp(out[i], v->valuestring) == 0;
        if (!seen)
            out[n++] = strdup(v->valuestring);
    }
    return n;
}

static void free_types(char **t, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(t[i]);
}

static const cJSON *claims_of(const cJSON *entry)
{
    const cJSON *c = member(entry, "claims");
    return c != NULL ? c : member(entry, "claim");
}

/* Rule 4: registered path r covers requested path p. */
static bool path_covers(const cJSON *r, const cJSON *p)
{
    if (cJSON_GetArraySize(r) > cJSON_GetArraySize(p))
        return false;
    const cJSON *y = p->child;
    for (const cJSON *x = r->child; x != NULL; x = x->next, y = y->next) {
        if (cJSON_IsNull(x) && (cJSON_IsNull(y) || cJSON_IsNumber(y)))
            continue;
        if (!same_scalar(x, y))
            return false;
    }
    return true;
}

static bool path_equal(const cJSON *a, const cJSON *b)
{
    if (cJSON_GetArraySize(a) != cJSON_GetArraySize(b))
        return false;
    for (const cJSON *x = a->child, *y = b->child; x != NULL; x = x->next, y = y->next)
        if (!same_scalar(x, y))
            return false;
    return true;
}

/* Rules 4 and 5: one registered claim covers one requested claim. */
static bool claim_covers(const cJSON *reg, const cJSON *req)
{
    const cJSON *rv = member(reg, "values");
    if (rv == NULL)
        return path_covers(member(reg, "path"), member(req, "path"));
    const cJSON *qv = member(req, "values");
    if (qv == NULL || !path_equal(member(reg, "path"), member(req, "path")))
        return false;
    for (const cJSON *v = qv->child; v != NULL; v = v->next) {
        bool found = false;
        for (const cJSON *w = rv->child; w != NULL; w = w->next)
            found |= same_scalar(v, w);
        if (!found)
            return false;
    }
    return true;
}

#define WHOLE MAX_CLAIMS

/* What the oracle says of one source. */
typedef struct verdicts {
    bool has_entry[MAX_QUERIES][MAX_TYPES];  /* (query, type): an entry of that format and type */
    bool covered[MAX_QUERIES][MAX_TYPES][MAX_CLAIMS + 1]; /* (query, type, claim or WHOLE) */
} verdicts;

/* Rules 2, 3, 5, 6 for one source. */
static void oracle(const cJSON *creds, const cJSON *entries, verdicts *out)
{
    memset(out, 0, sizeof *out);
    FUZZ_ASSERT(creds != NULL && entries != NULL);
    size_t c = 0;
    for (const cJSON *q = creds->child; q != NULL; q = q->next, c++) {
        char *qt[MAX_TYPES];
        size_t nq = types_of(q, qt);
        const cJSON *qclaims = member(q, "claims");
        for (size_t t = 0; t < (nq ? nq : 1); t++) {
            size_t k = 0;
            for (const cJSON *e = entries->child; e != NULL && nq > 0; e = e->next) {
                if (strcmp(need_str(e, "format"), need_str(q, "format")) != 0)
                    continue;
                char *et[MAX_TYPES];
                size_t ne = types_of(e, et);
                bool match = false;
                for (size_t i = 0; i < ne; i++)
                    match |= strcmp(et[i], qt[t]) == 0;
                free_types(et, ne);
                if (!match)
                    continue;
                out->has_entry[c][t] = true;
                const cJSON *eclaims = claims_of(e);
                if (qclaims == NULL) {
                    out->covered[c][t][WHOLE] |= eclaims == NULL;
                    continue;
                }
                k = 0;
                for (const cJSON *rq = qclaims->child; rq != NULL; rq = rq->next, k++) {
                    if (eclaims == NULL) {
                        out->covered[c][t][k] = true;
                        continue;
                    }
                    for (const cJSON *rg = eclaims->child; rg != NULL; rg = rg->next)
                        out->covered[c][t][k] |= claim_covers(rg, rq);
                }
            }
        }
        free_types(qt, nq);
    }
}

/* ---- the structured decoder of the byte form ---- */

typedef struct rd {
    const uint8_t *p;
    size_t n, i;
} rd;

static unsigned pick(rd *r, unsigned k)
{
    return r->i < r->n ? r->p[r->i++] % k : 0;
}

static const char *const FORMATS[] = {"dc+sd-jwt", "dc+sd-jwt", "dc+sd-jwt", "mso_mdoc", "mso_mdoc",
                                      "jwt_vc_json", "jwt_vc_json", "vc+sd-jwt", "x-untyped"};
static const char *const NAMES[] = {"a", "b", "c"};
static const char *const TYPES[] = {"t1", "t2", "t3"};

static cJSON *type_name(rd *r)
{
    return cJSON_CreateString(TYPES[pick(r, 4) % 3 == 2 && pick(r, 2) ? 2 : pick(r, 2)]);
}

static cJSON *meta_of(rd *r, const char *format)
{
    cJSON *meta = cJSON_CreateObject();
    if (strcmp(format, "mso_mdoc") == 0) {
        cJSON_AddItemToObject(meta, "doctype_value", type_name(r));
    } else if (strcmp(format, "jwt_vc_json") == 0) {
        cJSON *sets = cJSON_AddArrayToObject(meta, "type_values");
        for (unsigned s = 0, ns = 1 + pick(r, 2); s < ns; s++) {
            cJSON *set = cJSON_CreateArray();
            for (unsigned i = 0, n = 1 + pick(r, 2); i < n; i++)
                cJSON_AddItemToArray(set, type_name(r));
            cJSON_AddItemToArray(sets, set);
        }
    } else if (strstr(format, "sd-jwt") != NULL) {
        cJSON *vct = cJSON_AddArrayToObject(meta, "vct_values");
        for (unsigned i = 0, n = 1 + pick(r, 2); i < n; i++)
            cJSON_AddItemToArray(vct, type_name(r));
    }
    return meta;
}

static cJSON *path_of(rd *r, bool mdoc)
{
    cJSON *path = cJSON_CreateArray();
    unsigned n = mdoc ? 2 : 1 + pick(r, 3);
    for (unsigned i = 0; i < n; i++) {
        unsigned k = mdoc ? pick(r, 3) : pick(r, 6);
        cJSON_AddItemToArray(path, k < 3 ? cJSON_CreateString(NAMES[k])
                                   : k == 3 ? cJSON_CreateNull() : cJSON_CreateNumber(k - 4));
    }
    return path;
}

static void values_of(rd *r, cJSON *claim)
{
    if (pick(r, 3) != 0)
        return;
    cJSON *vals = cJSON_AddArrayToObject(claim, "values");
    for (unsigned i = 0, n = 1 + pick(r, 3); i < n; i++) {
        unsigned k = pick(r, 6);
        cJSON_AddItemToArray(vals, k == 0 ? cJSON_CreateString("x") : k == 1 ? cJSON_CreateString("y")
                                   : k == 2 ? cJSON_CreateString("1") : k == 5 ? cJSON_CreateTrue()
                                   : cJSON_CreateNumber(k - 2));
    }
}

static cJSON *query_of(rd *r)
{
    cJSON *q = cJSON_CreateObject(), *creds = cJSON_AddArrayToObject(q, "credentials");
    unsigned nc = 1 + pick(r, 3);
    for (unsigned c = 0; c < nc; c++) {
        cJSON *cr = cJSON_CreateObject();
        char id[16];
        snprintf(id, sizeof id, "q%u", c);
        const char *format = FORMATS[pick(r, sizeof FORMATS / sizeof FORMATS[0])];
        cJSON_AddStringToObject(cr, "id", id);
        cJSON_AddStringToObject(cr, "format", format);
        cJSON_AddItemToObject(cr, "meta", meta_of(r, format));
        if (pick(r, 4) != 0) {
            cJSON *claims = cJSON_AddArrayToObject(cr, "claims");
            bool sets = pick(r, 3) == 0;
            unsigned n = 1 + pick(r, 4);
            for (unsigned k = 0; k < n; k++) {
                cJSON *cl = cJSON_CreateObject();
                if (sets) {
                    snprintf(id, sizeof id, "i%u", k);
                    cJSON_AddStringToObject(cl, "id", id);
                }
                cJSON_AddItemToObject(cl, "path", path_of(r, strcmp(format, "mso_mdoc") == 0));
                values_of(r, cl);
                cJSON_AddItemToArray(claims, cl);
            }
            if (sets) {
                cJSON *cs = cJSON_AddArrayToObject(cr, "claim_sets");
                for (unsigned s = 0, ns = 1 + pick(r, 2); s < ns; s++) {
                    cJSON *opt = cJSON_CreateArray();
                    snprintf(id, sizeof id, "i%u", pick(r, n));
                    cJSON_AddItemToArray(opt, cJSON_CreateString(id));
                    cJSON_AddItemToArray(cs, opt);
                }
            }
        }
        cJSON_AddItemToArray(creds, cr);
    }
    if (pick(r, 3) == 0) {
        cJSON *sets = cJSON_AddArrayToObject(q, "credential_sets"), *set = cJSON_CreateObject();
        cJSON *opts = cJSON_AddArrayToObject(set, "options"), *opt = cJSON_CreateArray();
        char id[16];
        snprintf(id, sizeof id, "q%u", pick(r, nc));
        cJSON_AddItemToArray(opt, cJSON_CreateString(id));
        cJSON_AddItemToArray(opts, opt);
        cJSON_AddBoolToObject(set, "required", pick(r, 2) != 0);
        cJSON_AddItemToArray(sets, set);
    }
    return q;
}

static cJSON *registered_of(rd *r)
{
    cJSON *arr = cJSON_CreateArray();
    for (unsigned e = 0, ne = pick(r, 4); e < ne; e++) {
        cJSON *en = cJSON_CreateObject();
        const char *format = FORMATS[pick(r, 7)]; /* no vc+sd-jwt, no untyped: as registered */
        cJSON_AddStringToObject(en, "format", format);
        cJSON_AddItemToObject(en, "meta", meta_of(r, format));
        if (pick(r, 4) != 0) {
            cJSON *claims = cJSON_AddArrayToObject(en, "claims");
            for (unsigned k = 0, n = 1 + pick(r, 4); k < n; k++) {
                cJSON *cl = cJSON_CreateObject();
                cJSON_AddItemToObject(cl, "path", path_of(r, strcmp(format, "mso_mdoc") == 0));
                values_of(r, cl);
                cJSON_AddItemToArray(claims, cl);
            }
        }
        cJSON_AddItemToArray(arr, en);
    }
    return arr;
}

/* ---- the comparison ---- */

static size_t claim_index(const wrp_dcql_cred *cr, const wrp_path *p)
{
    if (p->n == 0 && !cr->has_claims)
        return WHOLE;
    for (size_t k = 0; k < cr->n_claims; k++)
        if (wrp_path_equal(&cr->claims[k].path, p))
            return k;
    fuzz_fail(__FILE__, __LINE__, "an OVERASK path that the query does not request");
}

/* The oracle's index of the library's type t of query c (types are compared as texts). */
static size_t type_index(const wrp_dcql_cred *cr, size_t t, char **qt, size_t nq)
{
    if (t == SIZE_MAX || cr->n_types == 0) {
        FUZZ_ASSERT(nq == 0);
        return 0;
    }
    for (size_t i = 0; i < nq; i++)
        if (strcmp(qt[i], cr->types[t]) == 0)
            return i;
    fuzz_fail(__FILE__, __LINE__, "a type the oracle does not see in the query");
}

static size_t type_by_name(const wrp_dcql_cred *cr, const char *type)
{
    if (type == NULL)
        return SIZE_MAX;
    for (size_t t = 0; t < cr->n_types; t++)
        if (strcmp(cr->types[t], type) == 0)
            return t;
    fuzz_fail(__FILE__, __LINE__, "a finding's type that the query does not have");
}

static void compare(const cJSON *jq, const wrp_dcql *q, const wrp_coverage *cov, const verdicts *o,
                    size_t n_src, const wrp_findings *f)
{
    const cJSON *creds = member(jq, "credentials");
    FUZZ_ASSERT((size_t)cJSON_GetArraySize(creds) == q->n_creds);
    bool all_lib = true, all_oracle = true;
    size_t item = 0, want_oc[MAX_SOURCES] = {0}, want_oa[MAX_SOURCES] = {0};
    const cJSON *jc = creds->child;
    for (size_t c = 0; c < q->n_creds; c++, jc = jc->next) {
        const wrp_dcql_cred *cr = &q->creds[c];
        FUZZ_ASSERT(jc != NULL && strcmp(cr->id, need_str(jc, "id")) == 0);
        char *qt[MAX_TYPES];
        size_t nq = types_of(jc, qt);
        FUZZ_ASSERT(nq == cr->n_types);
        size_t nk = cr->has_claims ? cr->n_claims : 1;
        for (size_t t = 0; t < (cr->n_types ? cr->n_types : 1); t++) {
            size_t ot = type_index(cr, cr->n_types ? t : SIZE_MAX, qt, nq);
            for (size_t s = 0; s < n_src; s++)
                want_oc[s] += !o[s].has_entry[c][ot];
            for (size_t k = 0; k < nk; k++, item++) {
                FUZZ_ASSERT(item < cov->n && cov->items[item].cred == c && cov->items[item].claim ==
                            (cr->has_claims ? k : SIZE_MAX));
                size_t ok = cr->has_claims ? k : WHOLE;
                bool covered = true;
                for (size_t s = 0; s < n_src; s++) {
                    bool here = o[s].has_entry[c][ot] && o[s].covered[c][ot][ok];
                    want_oa[s] += o[s].has_entry[c][ot] && !here;
                    covered &= here;
                }
                if (cov->items[item].registered != covered)
                    fuzz_fail(__FILE__, __LINE__, covered ? "the engine refuses an item the contract covers"
                                                          : "the engine covers an item the contract does not");
                all_lib &= cov->items[item].registered;
                all_oracle &= covered;
            }
        }
        free_types(qt, nq);
    }
    FUZZ_ASSERT(item == cov->n);
    FUZZ_ASSERT(all_lib == all_oracle);

    /* The findings: each names a (query, type[, path]) the oracle leaves uncovered, once. */
    size_t got_oc[MAX_SOURCES] = {0}, got_oa[MAX_SOURCES] = {0};
    for (size_t i = 0; i < f->n; i++) {
        const wrp_finding *x = &f->v[i];
        FUZZ_ASSERT(x->code == WRP_CODE_OVERASK || x->code == WRP_CODE_OVERASK_CREDENTIAL);
        size_t s = x->source == WRP_SRC_REGISTER ? 1 : 0;
        FUZZ_ASSERT(s < n_src && x->credential_id != NULL);
        const wrp_dcql_cred *cr = wrp_dcql_find(q, x->credential_id);
        FUZZ_ASSERT(cr != NULL);
        size_t c = (size_t)(cr - q->creds);
        const cJSON *jcred = cJSON_GetArrayItem(creds, (int)c);
        char *qt[MAX_TYPES];
        size_t nq = types_of(jcred, qt);
        size_t ot = type_index(cr, type_by_name(cr, x->type), qt, nq);
        free_types(qt, nq);
        if (x->code == WRP_CODE_OVERASK_CREDENTIAL) {
            FUZZ_ASSERT(!o[s].has_entry[c][ot]);
            got_oc[s]++;
        } else {
            FUZZ_ASSERT(x->has_path && o[s].has_entry[c][ot]);
            FUZZ_ASSERT(!o[s].covered[c][ot][claim_index(cr, &x->path)]);
            got_oa[s]++;
        }
    }
    for (size_t s = 0; s < n_src; s++)
        FUZZ_ASSERT(got_oc[s] == want_oc[s] && got_oa[s] == want_oa[s]);
}

/* Inputs beyond the oracle's fixed tables are not judged (the engine has its own targets). */
static bool small_enough(const wrp_dcql *q, const wrp_regset *sets, size_t n_src)
{
    for (size_t s = 0; s < n_src; s++)
        for (size_t e = 0; e < sets[s].n; e++)
            if (sets[s].v[e].n_types > MAX_TYPES)
                return false;
    if (q->n_creds > MAX_QUERIES)
        return false;
    for (size_t c = 0; c < q->n_creds; c++)
        if (q->creds[c].n_types > MAX_TYPES || q->creds[c].n_claims > MAX_CLAIMS)
            return false;
    return true;
}

static void run(cJSON *jq, cJSON *const *jreg, size_t n_src)
{
    wrp_dcql q;
    wrp_regset sets[MAX_SOURCES] = {{0}};
    wrp_cov_index *ix[MAX_SOURCES] = {0};
    size_t parsed = 0;
    if (jq == NULL || wrp_dcql_parse(jq, &q, NULL) != WRP_OK)
        return;
    for (; parsed < n_src; parsed++)
        if (!cJSON_IsArray(jreg[parsed]) ||
            wrp_regset_from_json(jreg[parsed], WRP_REGSET_CERT, &sets[parsed], NULL) != WRP_OK)
            break;
    if (parsed == n_src && small_enough(&q, sets, n_src)) {
        wrp_coverage cov;
        wrp_findings f = {0};
        bool ok = wrp_coverage_init(&q, &cov) == WRP_OK;
        for (size_t s = 0; ok && s < n_src; s++)
            ok = wrp_cov_index_new(&sets[s], &ix[s]) == WRP_OK &&
                 wrp_coverage_eval(&q, ix[s], s == 0 ? WRP_SRC_RC : WRP_SRC_REGISTER, &cov, &f) == WRP_OK;
        if (ok) {
            static verdicts o[MAX_SOURCES];
            for (size_t s = 0; s < n_src; s++)
                oracle(member(jq, "credentials"), jreg[s], &o[s]);
            compare(jq, &q, &cov, o, n_src, &f);
        }
        wrp_findings_free(&f);
        wrp_coverage_free(&cov);
    }
    for (size_t s = 0; s < MAX_SOURCES; s++) {
        wrp_cov_index_free(ix[s]);
        if (s < parsed)
            wrp_regset_free(&sets[s]);
    }
    wrp_dcql_free(&q);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cJSON *jq = NULL, *jreg[MAX_SOURCES] = {0}, *doc = NULL;
    size_t n_src;
    if (size > 0 && data[0] == '{') {
        char *text = malloc(size + 1);
        FUZZ_ASSERT(text != NULL);
        memcpy(text, data, size);
        text[size] = 0;
        doc = cJSON_Parse(text);
        free(text);
        jq = cJSON_DetachItemFromObjectCaseSensitive(doc, "dcql");
        jreg[0] = cJSON_DetachItemFromObjectCaseSensitive(doc, "rc");
        jreg[1] = cJSON_DetachItemFromObjectCaseSensitive(doc, "register");
        n_src = jreg[1] != NULL ? 2 : 1;
    } else {
        rd r = {data, size, 0};
        jq = query_of(&r);
        jreg[0] = registered_of(&r);
        n_src = 1 + pick(&r, 3) / 2;
        if (n_src == 2)
            jreg[1] = registered_of(&r);
    }
    if (jreg[0] != NULL)
        run(jq, jreg, n_src);
    cJSON_Delete(jq);
    cJSON_Delete(jreg[0]);
    cJSON_Delete(jreg[1]);
    cJSON_Delete(doc);
    return 0;
}
