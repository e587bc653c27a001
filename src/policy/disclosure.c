/* Embedded disclosure policies against the verified relying party. */
#include "policy/disclosure.h"

#include <stdlib.h>
#include <string.h>

#include "util/json.h"
#include "util/mem.h"

static bool error_with_prefix(const wrp_findings *f, const char *prefix)
{
    for (size_t i = 0; i < f->n; i++)
        if (f->v[i].severity == WRP_SEV_ERROR &&
            strncmp(wrp_code_str(f->v[i].code), prefix, strlen(prefix)) == 0)
            return true;
    return false;
}

void wrp_dp_party_read(bool request_authenticated, const wrp_ac_result *ac, const wrp_rc_result *rc,
                       const wrp_findings *f, wrp_dp_party *out)
{
    memset(out, 0, sizeof *out);
    if (!request_authenticated)
        out->unverified = "the request does not authenticate its signer";
    else if (ac == NULL || !ac->trusted || error_with_prefix(f, "AC_"))
        out->unverified = "the access certificate is not verified";
    else if (rc == NULL || !rc->parsed || !rc->authentic || rc->rc.sub == NULL ||
             error_with_prefix(f, "RC_"))
        out->unverified = "the registration certificate is not verified";
    if (out->unverified != NULL)
        return;
    out->identifier = rc->rc.sub;
    out->entitlements = rc->rc.entitlements;
    out->n_entitlements = rc->rc.n_entitlements;
    out->path = &ac->path;
}

static bool listed(char *const *v, size_t n, const char *s)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i], s) == 0)
            return true;
    return false;
}

static int str_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A requested type_values set (its canonical text) within the credential's type values. */
static wrp_status within(const char *canonical, const wrp_dpolicy *p, bool *out)
{
    cJSON *set = NULL;
    *out = false;
    wrp_status st = wrp_json_parse((const uint8_t *)canonical, strlen(canonical), &set, NULL);
    if (st == WRP_ERR_NOMEM)
        return st;
    if (st != WRP_OK || !cJSON_IsArray(set)) {
        cJSON_Delete(set);
        return WRP_OK;
    }
    bool all = set->child != NULL;
    const cJSON *v;
    cJSON_ArrayForEach(v, set)
    {
        const char *s = cJSON_IsString(v) ? v->valuestring : NULL;
        all = all && s != NULL &&
              bsearch(&s, p->type_set, p->n_type_set, sizeof *p->type_set, str_cmp) != NULL;
    }
    cJSON_Delete(set);
    *out = all;
    return WRP_OK;
}

static wrp_status applies(const wrp_dpolicy *p, const char *format, const char *type, bool *out)
{
    *out = false;
    bool same_format = strcmp(p->format, format) == 0 ||
                       (wrp_dp_sdjwt_format(p->format) && wrp_dp_sdjwt_format(format));
    if (!same_format)
        return WRP_OK;
    if (p->type_set != NULL)
        return within(type, p, out);
    *out = strcmp(p->type, type) == 0;
    return WRP_OK;
}

/* The SHA-256 of every certificate on the party's path, once per judgement, when a root_of_trust
 * policy needs them. */
static wrp_status path_digests(const wrp_dpolicy *policies, size_t n, const wrp_dp_party *rp,
                               uint8_t (**out)[32])
{
    *out = NULL;
    bool needed = false;
    for (size_t k = 0; k < n; k++)
        needed |= policies[k].kind == WRP_DP_ROOT_OF_TRUST;
    if (!needed || rp->path == NULL || rp->path->n == 0)
        return WRP_OK;
    uint8_t(*d)[32] = wrp_calloc(rp->path->n, sizeof *d);
    if (d == NULL)
        return wrp_nomem();
    for (size_t i = 0; i < rp->path->n; i++) {
        wrp_status st = wrp_cert_sha256(rp->path->certs[i], d[i]);
        if (st != WRP_OK) {
            free(d);
            return st;
        }
    }
    *out = d;
    return WRP_OK;
}

static bool rooted(const wrp_dpolicy *p, const uint8_t (*digests)[32], size_t n)
{
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < p->n_roots; k++)
            if (memcmp(digests[i], p->roots[k], sizeof p->roots[k]) == 0)
                return true;
    return false;
}

static bool entitled(const wrp_dpolicy *p, const wrp_dp_party *rp)
{
    for (size_t i = 0; i < rp->n_entitlements; i++)
        if (listed(p->names, p->n_names, rp->entitlements[i]))
            return true;
    return false;
}

/* One policy that applies to (cred, type): a finding when it does not authorize the party. */
static void judge_one(const wrp_dpolicy *p, const wrp_dcql_cred *cred, const char *type,
                      const wrp_dp_party *rp, const uint8_t (*digests)[32], wrp_findings *f)
{
    const char *kind = wrp_dp_kind_str(p->kind);
    wrp_finding *x = NULL;
    if (rp->unverified != NULL)
        x = wrp_findings_add(f, WRP_CODE_DISCLOSURE_POLICY,
                             "the %s disclosure policy of %s %s authorizes no relying party that is "
                             "not verified: %s",
                             kind, p->format, p->type, rp->unverified);
    else if (p->kind == WRP_DP_AUTHORIZED_RELYING_PARTIES && !listed(p->names, p->n_names, rp->identifier))
        x = wrp_findings_add(f, WRP_CODE_DISCLOSURE_POLICY,
                             "the %s disclosure policy of %s %s does not name the relying party %s",
                             kind, p->format, p->type, rp->identifier);
    else if (p->kind == WRP_DP_ROOT_OF_TRUST && !rooted(p, digests, rp->path->n))
        x = wrp_findings_add(f, WRP_CODE_DISCLOSURE_POLICY,
                             "the %s disclosure policy of %s %s names no certificate of the access "
                             "certificate's validated path (%zu certificates)",
                             kind, p->format, p->type, rp->path->n);
    else if (p->kind == WRP_DP_ENTITLEMENT && !entitled(p, rp))
        x = wrp_findings_add(f, WRP_CODE_DISCLOSURE_POLICY,
                             "the %s disclosure policy of %s %s names none of the registration "
                             "certificate's entitlements",
                             kind, p->format, p->type);
    if (x != NULL) {
        wrp_finding_set_str(f, &x->credential_id, cred->id);
        wrp_finding_set_str(f, &x->type, type);
    }
}

wrp_status wrp_disclosure_check(const wrp_dpolicy *policies, size_t n, const wrp_dcql *q,
                                const wrp_dp_party *rp, wrp_findings *f)
{
    if (n == 0 || q == NULL)
        return WRP_OK;
    uint8_t(*digests)[32] = NULL;
    wrp_status st = path_digests(policies, n, rp, &digests);
    for (size_t i = 0; st == WRP_OK && i < q->n_creds; i++) {
        const wrp_dcql_cred *cred = &q->creds[i];
        for (size_t t = 0; st == WRP_OK && t < cred->n_types; t++)
            for (size_t k = 0; st == WRP_OK && k < n; k++) {
                bool hit = false;
                st = applies(&policies[k], cred->format, cred->types[t], &hit);
                if (st == WRP_OK && hit)
                    judge_one(&policies[k], cred, cred->types[t], rp, (const uint8_t(*)[32])digests, f);
            }
    }
    free(digests);
    if (st == WRP_OK && f->oom)
        st = wrp_nomem();
    return st;
}
