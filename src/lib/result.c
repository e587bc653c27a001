#include "lib/result.h"

#include <stdlib.h>
#include <string.h>

wrp_result *wrp_result_new(void)
{
    return calloc(1, sizeof(wrp_result));
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

static wrp_verdict verdict_of(const wrp_findings *f)
{
    wrp_verdict v = WRP_VERDICT_ALLOW;
    for (size_t i = 0; i < f->n; i++) {
        if (f->v[i].code == WRP_CODE_REQUEST_MALFORMED || f->v[i].code == WRP_CODE_INPUT_UNREADABLE)
            return WRP_VERDICT_ERROR;
        if (f->v[i].severity == WRP_SEV_ERROR)
            v = WRP_VERDICT_DENY;
    }
    return v;
}

/* cJSON_Add* return NULL on failure; a failed add leaves `ok` false. */
static void add_str(cJSON *o, const char *name, const char *value, bool *ok)
{
    if (value != NULL ? cJSON_AddStringToObject(o, name, value) == NULL
                      : cJSON_AddNullToObject(o, name) == NULL)
        *ok = false;
}

static cJSON *relying_party(const wrp_result *r, bool *ok)
{
    if (!r->rc.parsed || !r->rc.authentic)
        return cJSON_CreateNull();
    const wrp_rc *rc = &r->rc.rc;
    cJSON *o = cJSON_CreateObject();
    if (o == NULL)
        return NULL;
    add_str(o, "name", wrp_rc_display_name(rc), ok);
    add_str(o, "identifier", rc->sub, ok);
    add_str(o, "country", rc->country, ok);
    add_str(o, "intended_use_id", rc->intended_use_id, ok);
    cJSON *purpose = cJSON_AddArrayToObject(o, "purpose");
    for (size_t i = 0; purpose != NULL && i < rc->purpose.n; i++) {
        cJSON *t = cJSON_CreateObject();
        if (t == NULL || !cJSON_AddItemToArray(purpose, t)) {
            cJSON_Delete(t);
            *ok = false;
            break;
        }
        add_str(t, "lang", rc->purpose.v[i].lang, ok);
        add_str(t, "value", rc->purpose.v[i].value, ok);
    }
    if (purpose == NULL)
        *ok = false;
    add_str(o, "privacy_policy", rc->privacy_policy, ok);
    add_str(o, "registry_uri", rc->registry_uri, ok);
    return o;
}

static const char *source_str(wrp_source s)
{
    return s == WRP_SRC_REGISTER ? "register" : "registration_certificate";
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
    if (x->has_path) {
        cJSON *p = wrp_path_to_json(&x->path);
        if (p == NULL || !cJSON_AddItemToObject(o, "path", p)) {
            cJSON_Delete(p);
            *ok = false;
        }
    }
    if (x->source != WRP_SRC_NONE)
        add_str(o, "source", source_str(x->source), ok);
    return o;
}

wrp_status wrp_result_finish(wrp_result *r, const char *request_kind)
{
    if (r->findings.oom)
        return WRP_ERR_NOMEM;
    r->verdict = verdict_of(&r->findings);
    bool ok = true;
    cJSON *root = cJSON_CreateObject();
    if (root == NULL)
        return WRP_ERR_NOMEM;
    add_str(root, "verdict", wrp_verdict_str(r->verdict), &ok);
    add_str(root, "request_kind", request_kind, &ok);
    cJSON *rp = relying_party(r, &ok);
    if (rp == NULL || !cJSON_AddItemToObject(root, "relying_party", rp)) {
        cJSON_Delete(rp);
        ok = false;
    }
    cJSON *findings = cJSON_AddArrayToObject(root, "findings");
    for (size_t i = 0; findings != NULL && i < r->findings.n; i++) {
        cJSON *x = finding_json(&r->findings.v[i], &ok);
        if (x == NULL || !cJSON_AddItemToArray(findings, x)) {
            cJSON_Delete(x);
            ok = false;
        }
    }
    if (findings == NULL || cJSON_AddArrayToObject(root, "requested") == NULL)
        ok = false;
    r->json = ok ? cJSON_PrintUnformatted(root) : NULL;
    cJSON_Delete(root);
    return r->json != NULL ? WRP_OK : WRP_ERR_NOMEM;
}

wrp_verdict wrp_result_verdict(const wrp_result *r)
{
    return r != NULL ? r->verdict : WRP_VERDICT_ERROR;
}

size_t wrp_result_finding_count(const wrp_result *r)
{
    return r != NULL ? r->findings.n : 0;
}

static const wrp_finding *finding_at(const wrp_result *r, size_t i)
{
    return r != NULL && i < r->findings.n ? &r->findings.v[i] : NULL;
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

const char *wrp_result_rp_name(const wrp_result *r)
{
    return r != NULL && r->rc.parsed ? wrp_rc_display_name(&r->rc.rc) : NULL;
}

const char *wrp_result_rp_identifier(const wrp_result *r)
{
    return r != NULL && r->rc.parsed ? r->rc.rc.sub : NULL;
}

const char *wrp_result_json(const wrp_result *r)
{
    return r != NULL ? r->json : NULL;
}

void wrp_result_free(wrp_result *r)
{
    if (r == NULL)
        return;
    wrp_findings_free(&r->findings);
    wrp_rc_result_free(&r->rc);
    free(r->json);
    free(r);
}
