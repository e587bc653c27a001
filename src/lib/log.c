/* The log record of a judgement: the pre-disclosure part of an EUDI TS10 v1.2 `Presentation`
 * (SPEC.md, "The log record"). Only what the judgement verified names a party. */
#include "lib/result.h"

#include <stdlib.h>
#include <string.h>
#include "util/json_build.h"
#include "util/mem.h"

/* TS10 Presentation.interactingPartyType: the one value TS10 defines for a presentation. */
#define INTERACTING_PARTY_TYPE "ServiceProvider"
/* Policy.type of the privacy policy: TS10 and TS5 require a Privacy Statement (TS2 clause 2.8.6). */
#define PRIVACY_STATEMENT "http://data.europa.eu/eudi/policy/privacy-statement"
/* The ETSI EN 319 412-1 semantics identifiers (clause 5.1.3 natural persons, 5.1.4 legal persons). */
#define SEMANTICS_NATURAL "urn:oid:0.4.0.194121.1.1"
#define SEMANTICS_LEGAL "urn:oid:0.4.0.194121.1.2"
/* A text whose language the certificate does not give (BCP 47 "undetermined"). */
#define LANG_UNDETERMINED "und"

/* The members below that cJSON could not create or attach leave *ok false (json_build.h notes
 * the allocation failure too). */
static void put_item(cJSON *parent, const char *name, cJSON *item, bool *ok)
{
    bool added = item != NULL && (name != NULL ? cJSON_AddItemToObject(parent, name, item)
                                               : cJSON_AddItemToArray(parent, item));
    if (!added) {
        cJSON_Delete(item);
        *ok = false;
    }
}

static cJSON *string_or_null(const char *s)
{
    return s != NULL ? cJSON_CreateString(s) : cJSON_CreateNull();
}

/* TS2 Identifier {type, identifier}: the identifier exactly as certified, typed as the EN 319 412-1
 * semantics identifier it is (a natural person's by its prefix, else a legal person's). */
static cJSON *identifier_json(const char *id, bool *ok)
{
    static const char *const natural[] = {"PAS", "IDC", "PNO", "TAX", "TIN"};
    const char *type = SEMANTICS_LEGAL;
    for (size_t i = 0; i < sizeof natural / sizeof natural[0]; i++)
        if (strncmp(id, natural[i], 3) == 0)
            type = SEMANTICS_NATURAL;
    cJSON *o = cJSON_CreateObject();
    if (o != NULL) {
        put_item(o, "type", cJSON_CreateString(type), ok);
        put_item(o, "identifier", cJSON_CreateString(id), ok);
    }
    return o;
}

/* TS5 MultiLangString {lang, content}. */
static cJSON *multilang_json(const char *lang, const char *content, bool *ok)
{
    cJSON *o = cJSON_CreateObject();
    if (o != NULL) {
        put_item(o, "lang", cJSON_CreateString(lang), ok);
        put_item(o, "content", cJSON_CreateString(content), ok);
    }
    return o;
}

static cJSON *name_json(const char *name, bool *ok)
{
    return name != NULL ? multilang_json(LANG_UNDETERMINED, name, ok) : cJSON_CreateNull();
}

/* An array of the strings given that are not NULL, or null when none is. */
static cJSON *strings_json(const char *const *v, size_t n, bool *ok)
{
    size_t present = 0;
    for (size_t i = 0; i < n; i++)
        present += v[i] != NULL;
    if (present == 0)
        return cJSON_CreateNull();
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; a != NULL && i < n; i++)
        if (v[i] != NULL)
            put_item(a, NULL, cJSON_CreateString(v[i]), ok);
    return a;
}

static cJSON *purpose_json(const wrp_texts *t, bool *ok)
{
    if (t->n == 0)
        return cJSON_CreateNull();
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; a != NULL && i < t->n; i++)
        put_item(a, NULL, multilang_json(t->v[i].lang, t->v[i].value, ok), ok);
    return a;
}

static cJSON *privacy_policy_json(const char *uri, bool *ok)
{
    if (uri == NULL)
        return cJSON_CreateNull();
    cJSON *a = cJSON_CreateArray(), *o = cJSON_CreateObject();
    if (o != NULL) {
        put_item(o, "type", cJSON_CreateString(PRIVACY_STATEMENT), ok);
        put_item(o, "policyURI", cJSON_CreateString(uri), ok);
    }
    if (a != NULL)
        put_item(a, NULL, o, ok);
    else
        cJSON_Delete(o);
    return a;
}

/* The members that describe the relying party, each null when the party is not verified. */
static void party_members(const wrp_result *r, cJSON *o, bool *ok)
{
    const wrp_judgement *j = &r->j;
    const wrp_rc *rc = j->party_verified ? &j->rc.rc : NULL;
    put_item(o, "interactingPartyIdentifier", rc != NULL ? identifier_json(rc->sub, ok) : cJSON_CreateNull(), ok);
    put_item(o, "interactingPartyType", cJSON_CreateString(INTERACTING_PARTY_TYPE), ok);
    put_item(o, "interactingPartyName", name_json(rc != NULL ? wrp_rc_display_name(rc) : NULL, ok), ok);
    const char *contact[] = {rc != NULL ? rc->country : NULL, rc != NULL ? rc->info_uri : NULL};
    put_item(o, "interactingPartyContact", strings_json(contact, 2, ok), ok);
    const char *im = rc != NULL ? wrp_rc_intermediary_id(rc) : NULL;
    put_item(o, "isIntermediary", rc != NULL ? cJSON_CreateBool(im != NULL) : cJSON_CreateNull(), ok);
    if (im != NULL) {
        put_item(o, "intermediaryIdentifier", identifier_json(im, ok), ok);
        put_item(o, "intermediaryName", name_json(wrp_result_intermediary_name(r), ok), ok);
    }
    put_item(o, "registrarURL", string_or_null(rc != NULL ? rc->registry_uri : NULL), ok);
    put_item(o, "purpose", rc != NULL ? purpose_json(&rc->purpose, ok) : cJSON_CreateNull(), ok);
    put_item(o, "privacyPolicy", privacy_policy_json(rc != NULL ? rc->privacy_policy : NULL, ok), ok);
    const char *sa_name = rc != NULL ? wrp_result_rp_supervisory_authority(r, "name") : NULL;
    put_item(o, "dpaName", name_json(sa_name, ok), ok);
    put_item(o, "dpaCountry", string_or_null(rc != NULL ? wrp_result_rp_supervisory_authority(r, "country") : NULL),
             ok);
    const char *dpa[] = {rc != NULL ? wrp_result_rp_supervisory_authority(r, "email") : NULL,
                         rc != NULL ? wrp_result_rp_supervisory_authority(r, "phone") : NULL,
                         rc != NULL ? wrp_result_rp_supervisory_authority(r, "uri") : NULL};
    put_item(o, "dpaContact", strings_json(dpa, 3, ok), ok);
}

/* One requested (type, claim path), for grouping. */
typedef struct claim_ref {
    size_t item;                /* index in the requested items */
    size_t type_first;          /* the first item of its type */
    const char *type, *path;    /* path: the claims path pointer as JSON text */
} claim_ref;

static int by_type_path_item(const void *a, const void *b)
{
    const claim_ref *x = a, *y = b;
    int c = strcmp(x->type, y->type);
    if (c == 0)
        c = strcmp(x->path, y->path);
    return c != 0 ? c : (x->item > y->item) - (x->item < y->item);
}

static int by_first_appearance(const void *a, const void *b)
{
    const claim_ref *x = a, *y = b;
    if (x->type_first != y->type_first)
        return (x->type_first > y->type_first) - (x->type_first < y->type_first);
    return (x->item > y->item) - (x->item < y->item);
}

/* TS10 listOfClaimsRequested: one ClaimInfo per requested type (vct, doctype, type_values set),
 * in the order the request first asks for it, its claims the distinct paths asked for it, each
 * once, in the same order. Sorting costs n log n, whatever repeats. */
static cJSON *claims_json(const wrp_result *r, bool *ok)
{
    const wrp_judgement *j = &r->j;
    cJSON *list = cJSON_CreateArray();
    claim_ref *v = wrp_calloc(j->cov.n ? j->cov.n : 1, sizeof *v);
    if (list == NULL || v == NULL) {
        cJSON_Delete(list);
        free(v);
        return NULL;
    }
    size_t n = 0;
    for (size_t i = 0; i < j->cov.n; i++) {
        const wrp_cov_item *it = &j->cov.items[i];
        if (it->type == SIZE_MAX) /* a format without types names no credential */
            continue;
        v[n++] = (claim_ref){i, i, j->query.creds[it->cred].types[it->type], r->item_paths[i]};
    }
    qsort(v, n, sizeof *v, by_type_path_item);
    /* Keep the first of each (type, path) and give each the first item of its type. */
    size_t kept = 0;
    for (size_t s = 0; s < n;) {
        size_t e = s, first = SIZE_MAX;
        while (e < n && strcmp(v[e].type, v[s].type) == 0)
            e++;
        for (size_t k = s; k < e; k++)
            first = v[k].item < first ? v[k].item : first;
        for (size_t k = s; k < e; k++) {
            if (k > s && strcmp(v[k].path, v[k - 1].path) == 0)
                continue;
            v[kept] = v[k];
            v[kept++].type_first = first;
        }
        s = e;
    }
    qsort(v, kept, sizeof *v, by_first_appearance);
    cJSON *info = NULL, *claims = NULL;
    for (size_t k = 0; k < kept && *ok; k++) {
        if (k == 0 || v[k].type_first != v[k - 1].type_first) {
            info = cJSON_CreateObject();
            put_item(list, NULL, info, ok);
            if (info == NULL)
                break;
            put_item(info, "credentialIdentifier", cJSON_CreateString(v[k].type), ok);
            claims = cJSON_CreateArray();
            put_item(info, "claims", claims, ok);
            if (claims == NULL)
                break;
        }
        put_item(claims, NULL, cJSON_CreateString(v[k].path), ok);
    }
    free(v);
    return list;
}

/* TS10 reasonOfNoncompletion of a request the wallet does not answer: the verdict and the codes
 * of its error findings, each once, in the order found. */
static cJSON *reason_json(const wrp_result *r)
{
    const wrp_findings *f = &r->j.findings;
    size_t cap = 96;
    for (size_t i = 0; i < f->n; i++)
        cap += strlen(wrp_code_str(f->v[i].code)) + 2;
    char *s = wrp_malloc(cap);
    if (s == NULL)
        return NULL;
    int n = snprintf(s, cap, "verdict %s: %s (", wrp_verdict_str(r->verdict),
                     r->verdict == WRP_VERDICT_ERROR ? "the request could not be judged"
                                                     : "the request was refused before disclosure");
    size_t len = n > 0 ? (size_t)n : 0, listed = 0;
    bool seen[256] = {false}; /* codes are below 256 (WRP_CODE_TABLE) */
    for (size_t i = 0; i < f->n; i++) {
        unsigned code = (unsigned)f->v[i].code;
        if (f->v[i].severity != WRP_SEV_ERROR || code >= 256 || seen[code])
            continue;
        seen[code] = true;
        n = snprintf(s + len, cap - len, "%s%s", listed++ ? ", " : "", wrp_code_str(f->v[i].code));
        len += n > 0 ? (size_t)n : 0;
    }
    snprintf(s + len, cap - len, ")");
    cJSON *o = cJSON_CreateString(s);
    free(s);
    return o;
}

wrp_status wrp_result_render_log(wrp_result *r)
{
    bool ok = true;
    cJSON *o = cJSON_CreateObject();
    if (o == NULL)
        return wrp_nomem();
    party_members(r, o, &ok);
    put_item(o, "listOfClaimsRequested", claims_json(r, &ok), &ok);
    if (r->verdict == WRP_VERDICT_DENY || r->verdict == WRP_VERDICT_ERROR)
        put_item(o, "reasonOfNoncompletion", reason_json(r), &ok);
    r->log_json = ok ? cJSON_PrintUnformatted(o) : NULL;
    cJSON_Delete(o);
    return r->log_json != NULL ? WRP_OK : wrp_nomem();
}

const char *wrp_result_log_json(const wrp_result *r)
{
    return r != NULL ? r->log_json : NULL;
}
