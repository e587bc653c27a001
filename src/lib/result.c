#include "lib/result.h"

#include <stdlib.h>
#include <string.h>
#include "policy/verdict.h"
#include "util/json_build.h"
#include "util/lang.h"
#include "util/mem.h"

wrp_result *wrp_result_new(void)
{
    return wrp_calloc(1, sizeof(wrp_result));
}

const char *wrp_verdict_str(wrp_verdict verdict)
{
    switch (verdict) {
    case WRP_VERDICT_ALLOW:
        return "allow";
    case WRP_VERDICT_WARN:
        return "warn";
    case WRP_VERDICT_DENY:
        return "deny";
    case WRP_VERDICT_ERROR:
        return "error";
    }
    return "error";
}

/* cJSON_Add* return NULL on failure; a failed add leaves `ok` false. */
static void add_str(cJSON *o, const char *name, const char *value, bool *ok)
{
    if (value != NULL ? cJSON_AddStringToObject(o, name, value) == NULL
                      : cJSON_AddNullToObject(o, name) == NULL)
        *ok = false;
}

static void add_bool(cJSON *o, const char *name, bool value, bool *ok)
{
    if (cJSON_AddBoolToObject(o, name, value) == NULL)
        *ok = false;
}

static void add_item(cJSON *parent, const char *name, cJSON *item, bool *ok)
{
    bool added = item != NULL && (name != NULL ? cJSON_AddItemToObject(parent, name, item)
                                               : cJSON_AddItemToArray(parent, item));
    if (!added) {
        cJSON_Delete(item);
        *ok = false;
    }
}

/* [{lang, value}] */
static cJSON *texts_json(const wrp_texts *texts, bool *ok)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; a != NULL && i < texts->n; i++) {
        cJSON *t = cJSON_CreateObject();
        add_item(a, NULL, t, ok);
        if (t != NULL) {
            add_str(t, "lang", texts->v[i].lang, ok);
            add_str(t, "value", texts->v[i].value, ok);
        }
    }
    return a;
}

static cJSON *relying_party(const wrp_judgement *j, bool *ok)
{
    if (!j->rp_verified)
        return cJSON_CreateNull();
    const wrp_rc *rc = &j->rc.rc;
    cJSON *o = cJSON_CreateObject();
    if (o == NULL)
        return NULL;
    add_str(o, "name", wrp_rc_display_name(rc), ok);
    add_str(o, "identifier", rc->sub, ok);
    add_str(o, "country", rc->country, ok);
    add_str(o, "intended_use_id", rc->intended_use_id, ok);
    add_item(o, "purpose", texts_json(&rc->purpose, ok), ok);
    add_str(o, "privacy_policy", rc->privacy_policy, ok);
    add_str(o, "registry_uri", rc->registry_uri, ok);
    /* Contract v1.1: these only when the certificate has them. */
    if (rc->srv_description.n > 0)
        add_item(o, "srv_description", texts_json(&rc->srv_description, ok), ok);
    if (rc->public_body >= 0)
        add_bool(o, "public_body", rc->public_body == 1, ok);
    if (rc->info_uri != NULL)
        add_str(o, "info_uri", rc->info_uri, ok);
    if (rc->support_uri != NULL)
        add_str(o, "support_uri", rc->support_uri, ok);
    if (rc->n_entitlements > 0) {
        cJSON *e = cJSON_CreateArray();
        for (size_t i = 0; e != NULL && i < rc->n_entitlements; i++)
            add_item(e, NULL, cJSON_CreateString(rc->entitlements[i]), ok);
        add_item(o, "entitlements", e, ok);
    }
    if (rc->n_sa > 0) {
        cJSON *sa = cJSON_CreateObject();
        for (size_t i = 0; sa != NULL && i < rc->n_sa; i++)
            add_str(sa, rc->sa[i].key, rc->sa[i].value, ok);
        add_item(o, "supervisory_authority", sa, ok);
    }
    return o;
}

/* Contract v1.1: the intermediary of an intermediated certificate, its name from the certificate
 * or else the access certificate's commonName; null otherwise. */
static cJSON *intermediary_json(const wrp_result *r, bool *ok)
{
    const char *id = wrp_result_intermediary_identifier(r);
    if (id == NULL)
        return cJSON_CreateNull();
    cJSON *o = cJSON_CreateObject();
    if (o == NULL)
        return NULL;
    add_str(o, "identifier", id, ok);
    add_str(o, "name", wrp_result_intermediary_name(r), ok);
    return o;
}

static cJSON *access_certificate_json(const wrp_judgement *j, bool *ok)
{
    cJSON *o = cJSON_CreateObject();
    if (o == NULL)
        return NULL;
    add_str(o, "subject", j->ac.subject, ok);
    add_str(o, "issuer", j->ac.issuer, ok);
    add_str(o, "serial", j->ac.serial, ok);
    add_str(o, "not_before", j->ac.not_before, ok);
    add_str(o, "not_after", j->ac.not_after, ok);
    add_str(o, "sha256", j->ac.sha256, ok);
    add_bool(o, "verified", j->ac_verified, ok);
    return o;
}

static const char *source_str(wrp_source s)
{
    switch (s) {
    case WRP_SRC_RC:
        return "registration_certificate";
    case WRP_SRC_REGISTER:
        return "register";
    case WRP_SRC_NONE:
        break;
    }
    return NULL;
}

static char *path_text(const wrp_path *p)
{
    cJSON *a = wrp_path_to_json(p);
    char *s = a != NULL ? cJSON_PrintUnformatted(a) : NULL;
    cJSON_Delete(a);
    return s;
}

static cJSON *finding_json(const wrp_finding *x, bool *ok)
{
    cJSON *o = cJSON_CreateObject();
    if (o == NULL)
        return NULL;
    add_str(o, "code", wrp_code_str(x->code), ok);
    add_str(o, "severity", wrp_severity_str(x->severity), ok);
    add_str(o, "message", x->message, ok);
    if (x->credential_id != NULL)
        add_str(o, "credential_id", x->credential_id, ok);
    if (x->type != NULL)
        add_str(o, "type", x->type, ok);
    if (x->has_path)
        add_item(o, "path", wrp_path_to_json(&x->path), ok);
    if (x->source != WRP_SRC_NONE)
        add_str(o, "source", source_str(x->source), ok);
    return o;
}

static const wrp_path empty_path = {NULL, 0};

static const wrp_path *item_path(const wrp_judgement *j, const wrp_cov_item *it)
{
    const wrp_dcql_cred *c = &j->query.creds[it->cred];
    return it->claim == SIZE_MAX ? &empty_path : &c->claims[it->claim].path;
}

static cJSON *requested_json(const wrp_judgement *j, bool *ok)
{
    cJSON *arr = cJSON_CreateArray();
    for (size_t i = 0; arr != NULL && i < j->cov.n; i++) {
        const wrp_cov_item *it = &j->cov.items[i];
        const wrp_dcql_cred *c = &j->query.creds[it->cred];
        cJSON *o = cJSON_CreateObject();
        add_item(arr, NULL, o, ok);
        if (o == NULL)
            break;
        add_str(o, "credential_id", c->id, ok);
        add_str(o, "format", c->format, ok);
        add_str(o, "type", it->type == SIZE_MAX ? NULL : c->types[it->type], ok);
        add_item(o, "path", wrp_path_to_json(item_path(j, it)), ok);
        add_bool(o, "registered", wrp_item_registered(j, it), ok);
    }
    return arr;
}

/* The options are written as text, not built as a cJSON tree: a query may hold tens of thousands
 * of options, and a tree costs about ten allocations and half a kilobyte for each. The text is
 * what cJSON_PrintUnformatted would give. */
typedef struct text {
    char *p;
    size_t n, cap;
    bool failed;
} text;

static void put_n(text *t, const char *s, size_t n)
{
    if (t->failed)
        return;
    if (t->n + n + 1 > t->cap) {
        size_t cap = t->cap ? t->cap : 256;
        while (cap < t->n + n + 1)
            cap *= 2;
        char *p = wrp_realloc(t->p, cap);
        if (p == NULL) {
            t->failed = true;
            return;
        }
        t->p = p;
        t->cap = cap;
    }
    memcpy(t->p + t->n, s, n);
    t->n += n;
    t->p[t->n] = 0;
}

static void put(text *t, const char *s)
{
    put_n(t, s, strlen(s));
}

static void put_size(text *t, size_t v)
{
    char buf[24];
    int k = snprintf(buf, sizeof buf, "%zu", v);
    put_n(t, buf, (size_t)k);
}

/* A JSON string as cJSON writes it. */
static void put_str(text *t, const char *s)
{
    put(t, "\"");
    for (const unsigned char *c = (const unsigned char *)s; *c != 0; c++) {
        char esc[8];
        switch (*c) {
        case '"':
            put(t, "\\\"");
            break;
        case '\\':
            put(t, "\\\\");
            break;
        case '\b':
            put(t, "\\b");
            break;
        case '\f':
            put(t, "\\f");
            break;
        case '\n':
            put(t, "\\n");
            break;
        case '\r':
            put(t, "\\r");
            break;
        case '\t':
            put(t, "\\t");
            break;
        default:
            if (*c < 0x20) {
                snprintf(esc, sizeof esc, "\\u%04x", *c);
                put(t, esc);
            } else {
                put_n(t, (const char *)c, 1);
            }
        }
    }
    put(t, "\"");
}

static void put_bool(text *t, bool v)
{
    put(t, v ? "true" : "false");
}

/* `{"claim_sets":[...],"credential_sets":[...]}` into t, and the same facts into r's
 * claim_alts and cred_alts. */
static void options_text(wrp_result *r, text *t)
{
    const wrp_judgement *j = &r->j;
    size_t *work = &r->work;
    wrp_alternatives a;
    size_t n_claim = 0, n_cred = 0, n_alts = 0;
    for (size_t c = 0; c < j->query.n_creds; c++)
        n_claim += j->query.creds[c].n_claim_sets;
    for (size_t s = 0; s < j->query.n_sets; s++)
        n_cred += j->query.sets[s].n_options;
    wrp_result_alt *alts = wrp_malloc((n_claim + n_cred ? n_claim + n_cred : 1) * sizeof *alts);
    if (alts == NULL || wrp_alternatives_judge(j, &a, work) != WRP_OK) {
        if (alts != NULL)
            wrp_alternatives_free(&a);
        free(alts);
        t->failed = true;
        return;
    }
    r->claim_alts = alts;
    r->cred_alts = alts + n_claim;
    r->n_claim_alts = n_claim;
    r->n_cred_alts = n_cred;
    put(t, "{\"claim_sets\":[");
    bool first = true;
    for (size_t c = 0; c < j->query.n_creds; c++) {
        const wrp_dcql_cred *cr = &j->query.creds[c];
        for (size_t s = 0; s < cr->n_claim_sets; s++, first = false) {
            bool reg = wrp_alternatives_refs(&a, c, &cr->claim_sets[s], work);
            alts[n_alts++] = (wrp_result_alt){c, s, reg};
            put(t, first ? "{\"credential_id\":" : ",{\"credential_id\":");
            put_str(t, cr->id);
            put(t, ",\"option\":");
            put_size(t, s);
            put(t, ",\"registered\":");
            put_bool(t, reg);
            put(t, "}");
        }
    }
    put(t, "],\"credential_sets\":[");
    first = true;
    for (size_t s = 0; s < j->query.n_sets; s++) {
        const wrp_dcql_credset *set = &j->query.sets[s];
        for (size_t k = 0; k < set->n_options; k++, first = false) {
            put(t, first ? "{\"set\":" : ",{\"set\":");
            put_size(t, s);
            put(t, ",\"option\":");
            put_size(t, k);
            put(t, ",\"credential_ids\":[");
            bool all = true;
            for (size_t m = 0; m < set->options[k].n; m++) {
                size_t c = set->options[k].idx[m];
                ++*work;
                all = all && a.cred_ok[c];
                if (m > 0)
                    put(t, ",");
                put_str(t, j->query.creds[c].id);
            }
            put(t, "],\"required\":");
            put_bool(t, set->required);
            put(t, ",\"registered\":");
            put_bool(t, all);
            put(t, "}");
            alts[n_alts++] = (wrp_result_alt){s, k, all};
        }
    }
    put(t, "]}");
    wrp_alternatives_free(&a);
}

static wrp_status render_strings(wrp_result *r)
{
    const wrp_judgement *j = &r->j;
    r->finding_paths = wrp_calloc(j->findings.n ? j->findings.n : 1, sizeof *r->finding_paths);
    r->item_paths = wrp_calloc(j->cov.n ? j->cov.n : 1, sizeof *r->item_paths);
    if (r->finding_paths == NULL || r->item_paths == NULL)
        return wrp_nomem();
    for (size_t i = 0; i < j->findings.n; i++)
        if (j->findings.v[i].has_path && (r->finding_paths[i] = path_text(&j->findings.v[i].path)) == NULL)
            return wrp_nomem();
    for (size_t i = 0; i < j->cov.n; i++)
        if ((r->item_paths[i] = path_text(item_path(j, &j->cov.items[i]))) == NULL)
            return wrp_nomem();
    return wrp_result_render_registered(r);
}

static const char *text_tag(const void *ctx, size_t i)
{
    return ((const wrp_texts *)ctx)->v[i].lang;
}

static size_t texts_lookup(const wrp_texts *t, const char *langs)
{
    return wrp_lang_lookup(langs, t->n, text_tag, t);
}

/* Contract v1.1 `display`: the purpose and the service description in the language the list
 * prefers (RFC 4647 lookup), each chosen on its own; null unless the relying party is verified. */
static cJSON *display_json(const wrp_result *r, bool *ok)
{
    const wrp_judgement *j = &r->j;
    if (!j->rp_verified)
        return cJSON_CreateNull();
    const wrp_rc *rc = &j->rc.rc;
    size_t p = texts_lookup(&rc->purpose, r->langs), d = texts_lookup(&rc->srv_description, r->langs);
    cJSON *o = cJSON_CreateObject();
    if (o == NULL)
        return NULL;
    add_str(o, "lang", p != SIZE_MAX ? rc->purpose.v[p].lang : NULL, ok);
    add_str(o, "purpose", p != SIZE_MAX ? rc->purpose.v[p].value : NULL, ok);
    add_str(o, "srv_description", d != SIZE_MAX ? rc->srv_description.v[d].value : NULL, ok);
    return o;
}

static wrp_status render_strings_and_log(wrp_result *r)
{
    wrp_status st = render_strings(r);
    return st == WRP_OK ? wrp_result_render_log(r) : st;
}

wrp_status wrp_result_finish(wrp_result *r)
{
    const wrp_judgement *j = &r->j;
    if (j->findings.oom)
        return wrp_nomem();
    r->verdict = wrp_verdict_of(&j->findings);
    r->work = j->cov.work;
    bool ok = true;
    cJSON *root = cJSON_CreateObject();
    if (root == NULL)
        return wrp_nomem();
    add_str(root, "verdict", wrp_verdict_str(r->verdict), &ok);
    add_str(root, "request_kind", j->kind, &ok);
    add_item(root, "relying_party", relying_party(j, &ok), &ok);
    add_item(root, "intermediary", intermediary_json(r, &ok), &ok);
    if (j->has_ac)
        add_item(root, "access_certificate", access_certificate_json(j, &ok), &ok);
    if (r->langs != NULL)
        add_item(root, "display", display_json(r, &ok), &ok);
    cJSON *findings = cJSON_CreateArray();
    for (size_t i = 0; findings != NULL && i < j->findings.n; i++)
        add_item(findings, NULL, finding_json(&j->findings.v[i], &ok), &ok);
    add_item(root, "findings", findings, &ok);
    add_item(root, "requested", requested_json(j, &ok), &ok);
    char *tree = ok ? cJSON_PrintUnformatted(root) : NULL;
    cJSON_Delete(root);
    if (tree == NULL)
        return wrp_nomem();
    if (!j->has_query) {
        r->json = tree;
        return render_strings_and_log(r);
    }
    /* The options are the last member: the tree's text without its closing brace, then them. */
    size_t len = strlen(tree);
    text t = {tree, len - 1, len + 1, false};
    put(&t, ",\"options\":");
    options_text(r, &t);
    put(&t, "}");
    if (t.failed) {
        free(t.p);
        return wrp_nomem();
    }
    r->json = t.p;
    return render_strings_and_log(r);
}

wrp_verdict wrp_result_verdict(const wrp_result *r)
{
    return r != NULL ? r->verdict : WRP_VERDICT_ERROR;
}

const char *wrp_result_request_kind(const wrp_result *r)
{
    return r != NULL ? r->j.kind : NULL;
}

size_t wrp_result_finding_count(const wrp_result *r)
{
    return r != NULL ? r->j.findings.n : 0;
}

static const wrp_finding *finding_at(const wrp_result *r, size_t i)
{
    return r != NULL && i < r->j.findings.n ? &r->j.findings.v[i] : NULL;
}

wrp_code wrp_result_finding_code(const wrp_result *r, size_t i)
{
    const wrp_finding *x = finding_at(r, i);
    return x != NULL ? x->code : (wrp_code)0;
}

wrp_severity wrp_result_finding_severity(const wrp_result *r, size_t i)
{
    const wrp_finding *x = finding_at(r, i);
    return x != NULL ? x->severity : WRP_SEV_INFO;
}

const char *wrp_result_finding_message(const wrp_result *r, size_t i)
{
    const wrp_finding *x = finding_at(r, i);
    return x != NULL ? x->message : NULL;
}

const char *wrp_result_finding_credential_id(const wrp_result *r, size_t i)
{
    const wrp_finding *x = finding_at(r, i);
    return x != NULL ? x->credential_id : NULL;
}

const char *wrp_result_finding_type(const wrp_result *r, size_t i)
{
    const wrp_finding *x = finding_at(r, i);
    return x != NULL ? x->type : NULL;
}

const char *wrp_result_finding_path(const wrp_result *r, size_t i)
{
    return finding_at(r, i) != NULL ? r->finding_paths[i] : NULL;
}

const char *wrp_result_finding_source(const wrp_result *r, size_t i)
{
    const wrp_finding *x = finding_at(r, i);
    return x != NULL ? source_str(x->source) : NULL;
}

static const wrp_cov_item *item_at(const wrp_result *r, size_t i)
{
    return r != NULL && i < r->j.cov.n ? &r->j.cov.items[i] : NULL;
}

size_t wrp_result_requested_count(const wrp_result *r)
{
    return r != NULL ? r->j.cov.n : 0;
}

const char *wrp_result_requested_credential_id(const wrp_result *r, size_t i)
{
    const wrp_cov_item *it = item_at(r, i);
    return it != NULL ? r->j.query.creds[it->cred].id : NULL;
}

const char *wrp_result_requested_format(const wrp_result *r, size_t i)
{
    const wrp_cov_item *it = item_at(r, i);
    return it != NULL ? r->j.query.creds[it->cred].format : NULL;
}

const char *wrp_result_requested_type(const wrp_result *r, size_t i)
{
    const wrp_cov_item *it = item_at(r, i);
    return it != NULL && it->type != SIZE_MAX ? r->j.query.creds[it->cred].types[it->type] : NULL;
}

const char *wrp_result_requested_path(const wrp_result *r, size_t i)
{
    return item_at(r, i) != NULL ? r->item_paths[i] : NULL;
}

int wrp_result_requested_registered(const wrp_result *r, size_t i)
{
    const wrp_cov_item *it = item_at(r, i);
    return it != NULL && wrp_item_registered(&r->j, it);
}

const char *wrp_result_rp_name(const wrp_result *r)
{
    return r != NULL && r->j.rc.parsed ? wrp_rc_display_name(&r->j.rc.rc) : NULL;
}

const char *wrp_result_rp_identifier(const wrp_result *r)
{
    return r != NULL && r->j.rc.parsed ? r->j.rc.rc.sub : NULL;
}

static const wrp_rc *rc_of(const wrp_result *r)
{
    return r != NULL && r->j.rc.parsed ? &r->j.rc.rc : NULL;
}

int wrp_result_rp_verified(const wrp_result *r)
{
    return r != NULL && r->j.rp_verified;
}

const char *wrp_result_rp_country(const wrp_result *r)
{
    const wrp_rc *rc = rc_of(r);
    return rc != NULL ? rc->country : NULL;
}

const char *wrp_result_rp_intended_use(const wrp_result *r)
{
    const wrp_rc *rc = rc_of(r);
    return rc != NULL ? rc->intended_use_id : NULL;
}

const char *wrp_result_rp_privacy_policy(const wrp_result *r)
{
    const wrp_rc *rc = rc_of(r);
    return rc != NULL ? rc->privacy_policy : NULL;
}

const char *wrp_result_rp_registry_uri(const wrp_result *r)
{
    const wrp_rc *rc = rc_of(r);
    return rc != NULL ? rc->registry_uri : NULL;
}

const char *wrp_result_rp_info_uri(const wrp_result *r)
{
    const wrp_rc *rc = rc_of(r);
    return rc != NULL ? rc->info_uri : NULL;
}

const char *wrp_result_rp_support_uri(const wrp_result *r)
{
    const wrp_rc *rc = rc_of(r);
    return rc != NULL ? rc->support_uri : NULL;
}

size_t wrp_result_rp_purpose_count(const wrp_result *r)
{
    const wrp_rc *rc = rc_of(r);
    return rc != NULL ? rc->purpose.n : 0;
}

static const wrp_text *purpose_at(const wrp_result *r, size_t i)
{
    const wrp_rc *rc = rc_of(r);
    return rc != NULL && i < rc->purpose.n ? &rc->purpose.v[i] : NULL;
}

const char *wrp_result_rp_purpose_lang(const wrp_result *r, size_t i)
{
    const wrp_text *t = purpose_at(r, i);
    return t != NULL ? t->lang : NULL;
}

const char *wrp_result_rp_purpose_text(const wrp_result *r, size_t i)
{
    const wrp_text *t = purpose_at(r, i);
    return t != NULL ? t->value : NULL;
}

size_t wrp_result_rp_service_description_count(const wrp_result *r)
{
    const wrp_rc *rc = rc_of(r);
    return rc != NULL ? rc->srv_description.n : 0;
}

static const wrp_text *srv_description_at(const wrp_result *r, size_t i)
{
    const wrp_rc *rc = rc_of(r);
    return rc != NULL && i < rc->srv_description.n ? &rc->srv_description.v[i] : NULL;
}

const char *wrp_result_rp_service_description_lang(const wrp_result *r, size_t i)
{
    const wrp_text *t = srv_description_at(r, i);
    return t != NULL ? t->lang : NULL;
}

const char *wrp_result_rp_service_description_text(const wrp_result *r, size_t i)
{
    const wrp_text *t = srv_description_at(r, i);
    return t != NULL ? t->value : NULL;
}

int wrp_result_rp_public_body(const wrp_result *r)
{
    const wrp_rc *rc = rc_of(r);
    return rc != NULL ? rc->public_body : -1;
}

size_t wrp_result_rp_entitlement_count(const wrp_result *r)
{
    const wrp_rc *rc = rc_of(r);
    return rc != NULL ? rc->n_entitlements : 0;
}

const char *wrp_result_rp_entitlement(const wrp_result *r, size_t i)
{
    const wrp_rc *rc = rc_of(r);
    return rc != NULL && i < rc->n_entitlements ? rc->entitlements[i] : NULL;
}

const char *wrp_result_rp_supervisory_authority(const wrp_result *r, const char *key)
{
    const wrp_rc *rc = rc_of(r);
    for (size_t i = 0; rc != NULL && key != NULL && i < rc->n_sa; i++)
        if (strcmp(rc->sa[i].key, key) == 0)
            return rc->sa[i].value;
    return NULL;
}

size_t wrp_result_rp_supervisory_authority_count(const wrp_result *r)
{
    const wrp_rc *rc = rc_of(r);
    return rc != NULL ? rc->n_sa : 0;
}

const char *wrp_result_rp_supervisory_authority_key(const wrp_result *r, size_t i)
{
    const wrp_rc *rc = rc_of(r);
    return rc != NULL && i < rc->n_sa ? rc->sa[i].key : NULL;
}

const char *wrp_result_rp_supervisory_authority_value(const wrp_result *r, size_t i)
{
    const wrp_rc *rc = rc_of(r);
    return rc != NULL && i < rc->n_sa ? rc->sa[i].value : NULL;
}

const char *wrp_result_intermediary_identifier(const wrp_result *r)
{
    return r != NULL && r->j.rp_verified ? wrp_rc_intermediary_id(&r->j.rc.rc) : NULL;
}

const char *wrp_result_intermediary_name(const wrp_result *r)
{
    if (wrp_result_intermediary_identifier(r) == NULL)
        return NULL;
    const char *name = wrp_rc_intermediary_name(&r->j.rc.rc);
    return name != NULL ? name : r->j.ac_common_name;
}

static const wrp_cert_summary *ac_of(const wrp_result *r)
{
    return r != NULL && r->j.has_ac ? &r->j.ac : NULL;
}

const char *wrp_result_ac_subject(const wrp_result *r)
{
    const wrp_cert_summary *a = ac_of(r);
    return a != NULL ? a->subject : NULL;
}

const char *wrp_result_ac_issuer(const wrp_result *r)
{
    const wrp_cert_summary *a = ac_of(r);
    return a != NULL ? a->issuer : NULL;
}

const char *wrp_result_ac_serial(const wrp_result *r)
{
    const wrp_cert_summary *a = ac_of(r);
    return a != NULL ? a->serial : NULL;
}

const char *wrp_result_ac_not_before(const wrp_result *r)
{
    const wrp_cert_summary *a = ac_of(r);
    return a != NULL ? a->not_before : NULL;
}

const char *wrp_result_ac_not_after(const wrp_result *r)
{
    const wrp_cert_summary *a = ac_of(r);
    return a != NULL ? a->not_after : NULL;
}

const char *wrp_result_ac_sha256(const wrp_result *r)
{
    const wrp_cert_summary *a = ac_of(r);
    return a != NULL ? a->sha256 : NULL;
}

int wrp_result_ac_verified(const wrp_result *r)
{
    return ac_of(r) != NULL && r->j.ac_verified;
}

size_t wrp_result_ac_san_count(const wrp_result *r)
{
    const wrp_cert_summary *a = ac_of(r);
    return a != NULL ? a->n_sans : 0;
}

const char *wrp_result_ac_san(const wrp_result *r, size_t i)
{
    const wrp_cert_summary *a = ac_of(r);
    return a != NULL && i < a->n_sans ? a->sans[i] : NULL;
}

int wrp_result_coverage_checked(const wrp_result *r)
{
    return r != NULL && r->j.any_source;
}

const char *wrp_result_json(const wrp_result *r)
{
    return r != NULL ? r->json : NULL;
}

void wrp_result_free(wrp_result *r)
{
    if (r == NULL)
        return;
    for (size_t i = 0; r->finding_paths != NULL && i < r->j.findings.n; i++)
        free(r->finding_paths[i]);
    for (size_t i = 0; r->item_paths != NULL && i < r->j.cov.n; i++)
        free(r->item_paths[i]);
    free(r->finding_paths);
    free(r->item_paths);
    free(r->langs);
    free(r->claim_alts); /* cred_alts shares its block */
    wrp_result_free_registered(r);
    wrp_judgement_free(&r->j);
    free(r->json);
    free(r->log_json);
    free(r);
}

size_t wrp_result_rp_purpose_lookup(const wrp_result *r, const char *langs)
{
    const wrp_rc *rc = rc_of(r);
    if (rc == NULL || wrp_lang_list_check(langs, NULL) != WRP_OK)
        return SIZE_MAX;
    return texts_lookup(&rc->purpose, langs);
}

size_t wrp_result_rp_service_description_lookup(const wrp_result *r, const char *langs)
{
    const wrp_rc *rc = rc_of(r);
    if (rc == NULL || wrp_lang_list_check(langs, NULL) != WRP_OK)
        return SIZE_MAX;
    return texts_lookup(&rc->srv_description, langs);
}

size_t wrp_result_claim_set_count(const wrp_result *r)
{
    return r != NULL ? r->n_claim_alts : 0;
}

static const wrp_result_alt *claim_alt(const wrp_result *r, size_t i)
{
    return r != NULL && i < r->n_claim_alts ? &r->claim_alts[i] : NULL;
}

const char *wrp_result_claim_set_credential_id(const wrp_result *r, size_t i)
{
    const wrp_result_alt *x = claim_alt(r, i);
    return x != NULL ? r->j.query.creds[x->a].id : NULL;
}

size_t wrp_result_claim_set_option(const wrp_result *r, size_t i)
{
    const wrp_result_alt *x = claim_alt(r, i);
    return x != NULL ? x->b : SIZE_MAX;
}

int wrp_result_claim_set_registered(const wrp_result *r, size_t i)
{
    const wrp_result_alt *x = claim_alt(r, i);
    return x != NULL && x->registered;
}

size_t wrp_result_credential_set_count(const wrp_result *r)
{
    return r != NULL ? r->n_cred_alts : 0;
}

static const wrp_result_alt *cred_alt(const wrp_result *r, size_t i)
{
    return r != NULL && i < r->n_cred_alts ? &r->cred_alts[i] : NULL;
}

size_t wrp_result_credential_set_set(const wrp_result *r, size_t i)
{
    const wrp_result_alt *x = cred_alt(r, i);
    return x != NULL ? x->a : SIZE_MAX;
}

size_t wrp_result_credential_set_option(const wrp_result *r, size_t i)
{
    const wrp_result_alt *x = cred_alt(r, i);
    return x != NULL ? x->b : SIZE_MAX;
}

size_t wrp_result_credential_set_credential_count(const wrp_result *r, size_t i)
{
    const wrp_result_alt *x = cred_alt(r, i);
    return x != NULL ? r->j.query.sets[x->a].options[x->b].n : 0;
}

const char *wrp_result_credential_set_credential_id(const wrp_result *r, size_t i, size_t k)
{
    const wrp_result_alt *x = cred_alt(r, i);
    if (x == NULL || k >= r->j.query.sets[x->a].options[x->b].n)
        return NULL;
    return r->j.query.creds[r->j.query.sets[x->a].options[x->b].idx[k]].id;
}

int wrp_result_credential_set_required(const wrp_result *r, size_t i)
{
    const wrp_result_alt *x = cred_alt(r, i);
    return x != NULL && r->j.query.sets[x->a].required;
}

int wrp_result_credential_set_registered(const wrp_result *r, size_t i)
{
    const wrp_result_alt *x = cred_alt(r, i);
    return x != NULL && x->registered;
}
