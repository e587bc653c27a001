/*
 * The whole public pipeline: wrp_audit with a verifier built from the embedded PKI through the
 * public API (AC anchors: testvectors/rc/pki/ac-root and the request vectors' testvectors/pki
 * ac-root and ac-int; their CRLs; RC anchor rc-root with the status list sl-valid as JWT and as
 * stub-signed CWT; register anchor reg-root; time FUZZ_TIME), the input split at FUZZ_SEP_OUTER
 * into
 *   options SEP request SEP transcript SEP registration-certificate SEP register-document
 *   SEP disclosure-policies
 * options: byte 0 bit 0 warn mode, bit 1 revocation off, bit 2 the origin https://rp.example.com;
 * request, certificate and register document: as bytes or in the structured form of fuzz.h;
 * disclosure policies: up to MAX_POLICIES documents split at FUZZ_SEP; an absent part (and an
 * empty register document) is not given. Without a register document the verifier is built once
 * per option set; with one, for the input. When a policy was added the request is judged again
 * without them: the policies only add DISCLOSURE_POLICY errors (the other findings are the same,
 * in order, overasking warnings of warn mode becoming errors beside them) and only turn an allow
 * or warn into a deny. Invariants: status OK (or NOMEM) with a result; allow
 * never with an error finding, deny always with one; error exactly when REQUEST_MALFORMED or
 * INPUT_UNREADABLE is reported; warn only in warn mode, without errors and with an overasking
 * warning; the result JSON is strict UTF-8 JSON whose findings and requested items agree with
 * the accessors; relying_party is null exactly when the certificate was not verified; the
 * OpenSSL error queue is left empty.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "mutator.h"
#include "lib/result.h"
#include "resource.h"
#include "rewrite.h"
#include "util/json.h"

#define N_PARTS 6
#define MAX_POLICIES 8

static void must(bool ok, const char *what)
{
    if (!ok)
        fuzz_fail(__FILE__, __LINE__, what);
}

static void add_file(wrp_config *cfg, wrp_status (*fn)(wrp_config *, const uint8_t *, size_t),
                     const char *name)
{
    const fuzz_blob *b = fuzz_file(name);
    must(fn(cfg, b->p, b->n) == WRP_OK, name);
}

static wrp_verifier *build(uint8_t opts, const fuzz_part *reg)
{
    wrp_config *cfg = wrp_config_new();
    FUZZ_ASSERT(cfg != NULL);
    add_file(cfg, wrp_config_add_ac_anchors, "ac-root.pem");
    add_file(cfg, wrp_config_add_ac_anchors, "pki/ac-root.pem");
    add_file(cfg, wrp_config_add_ac_anchors, "pki/ac-int.pem");
    add_file(cfg, wrp_config_add_crl, "crl-good.pem");
    add_file(cfg, wrp_config_add_crl, "crl/current.pem");
    add_file(cfg, wrp_config_add_rc_anchors, "rc-root.pem");
    add_file(cfg, wrp_config_add_status_list, "sl-valid.jwt");
    add_file(cfg, wrp_config_add_status_list, "sl-valid.stub.cwt");
    add_file(cfg, wrp_config_add_register_anchors, "register/pki/reg-root.pem");
    must(wrp_config_add_transaction_data_type(cfg, "payment_data") == WRP_OK, "transaction data");
    wrp_config_set_time(cfg, FUZZ_TIME);
    wrp_config_set_revocation(cfg, !(opts & 2));
    wrp_config_set_mode(cfg, (opts & 1) ? WRP_MODE_WARN : WRP_MODE_ENFORCE);
    if (reg != NULL) {
        uint8_t *doc;
        size_t n;
        FUZZ_ASSERT(fuzz_token(reg->p, reg->n, &doc, &n));
        wrp_status st = wrp_config_add_register(cfg, doc, n);
        FUZZ_ASSERT(st == WRP_OK || st == WRP_ERR_LIMIT || st == WRP_ERR_NOMEM);
        free(doc);
    }
    wrp_verifier *v = NULL;
    FUZZ_ASSERT(wrp_verifier_new(cfg, &v) == WRP_OK && v != NULL);
    wrp_config_free(cfg);
    FUZZ_ASSERT(ERR_peek_error() == 0);
    return v;
}

static const wrp_verifier *shared(uint8_t opts)
{
    static wrp_verifier *v[4];
    if (v[opts & 3] == NULL)
        v[opts & 3] = build(opts & 3, NULL);
    return v[opts & 3];
}

static void check_result(const wrp_result *r, uint8_t opts)
{
    size_t errors = 0, unreadable = 0, overask_warnings = 0;
    bool skipped = false;
    for (size_t i = 0; i < wrp_result_finding_count(r); i++) {
        wrp_code code = wrp_result_finding_code(r, i);
        wrp_severity sev = wrp_result_finding_severity(r, i);
        FUZZ_ASSERT(strcmp(wrp_code_str(code), "UNKNOWN") != 0);
        FUZZ_ASSERT(sev == WRP_SEV_INFO || sev == WRP_SEV_WARNING || sev == WRP_SEV_ERROR);
        const char *m = wrp_result_finding_message(r, i);
        FUZZ_ASSERT(m != NULL && fuzz_utf8_ok((const uint8_t *)m, strlen(m)));
        errors += sev == WRP_SEV_ERROR;
        unreadable += code == WRP_CODE_INPUT_UNREADABLE || code == WRP_CODE_REQUEST_MALFORMED;
        overask_warnings += sev == WRP_SEV_WARNING && (code == WRP_CODE_OVERASK || code == WRP_CODE_OVERASK_CREDENTIAL);
        skipped |= code == WRP_CODE_REVOCATION_SKIPPED;
    }
    if (unreadable == 0)
        FUZZ_ASSERT(skipped == ((opts & 2) != 0));
    switch (wrp_result_verdict(r)) {
    case WRP_VERDICT_ALLOW:
        FUZZ_ASSERT(errors == 0 && unreadable == 0);
        break;
    case WRP_VERDICT_WARN:
        FUZZ_ASSERT((opts & 1) && errors == 0 && unreadable == 0 && overask_warnings > 0);
        break;
    case WRP_VERDICT_DENY:
        FUZZ_ASSERT(errors > 0 && unreadable == 0);
        break;
    case WRP_VERDICT_ERROR:
        FUZZ_ASSERT(unreadable > 0);
        break;
    default:
        fuzz_fail(__FILE__, __LINE__, "verdict out of range");
    }
    fuzz_check_result_json(r);
}

/* The request's inputs besides its bytes, as the options and parts say (no policies). */
static wrp_request *request_of(uint8_t opts, const fuzz_part *parts, const uint8_t *rc, size_t rc_len)
{
    wrp_request *rq = wrp_request_new();
    FUZZ_ASSERT(rq != NULL);
    if (opts & 4)
        FUZZ_ASSERT(wrp_request_set_origin(rq, "https://rp.example.com") == WRP_OK);
    if (parts[2].p != NULL)
        FUZZ_ASSERT(wrp_request_set_transcript(rq, parts[2].p, parts[2].n) == WRP_OK);
    if (parts[3].p != NULL) {
        wrp_status st = wrp_request_set_registration(rq, rc, rc_len);
        FUZZ_ASSERT(st == WRP_OK || st == WRP_ERR_LIMIT || st == WRP_ERR_ARG);
    }
    return rq;
}

/* Adds the policies of the part; the number added. A refusal says why. */
static size_t add_policies(wrp_request *rq, const fuzz_part *part)
{
    if (part->p == NULL)
        return 0;
    fuzz_part docs[MAX_POLICIES];
    size_t n = fuzz_split(part->p, part->n, FUZZ_SEP, docs, MAX_POLICIES), added = 0;
    for (size_t i = 0; i < n; i++) {
        wrp_status st = wrp_request_add_disclosure_policy(rq, docs[i].p, docs[i].n);
        FUZZ_ASSERT(st == WRP_OK || st == WRP_ERR_MALFORMED || st == WRP_ERR_LIMIT || st == WRP_ERR_NOMEM);
        if (st == WRP_ERR_MALFORMED || st == WRP_ERR_LIMIT)
            FUZZ_ASSERT(wrp_request_last_error(rq)[0] != 0);
        added += st == WRP_OK;
    }
    return added;
}

static bool same_str(const char *a, const char *b)
{
    return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* with: judged with the policies; without: the same request without them. */
static void check_policies_only_deny(const wrp_result *with, const wrp_result *without)
{
    size_t n_with = wrp_result_finding_count(with), n_without = wrp_result_finding_count(without);
    size_t k = 0, denied = 0, raised = 0;
    for (size_t i = 0; i < n_with; i++) {
        if (wrp_result_finding_code(with, i) == WRP_CODE_DISCLOSURE_POLICY) {
            FUZZ_ASSERT(wrp_result_finding_severity(with, i) == WRP_SEV_ERROR);
            FUZZ_ASSERT(wrp_result_finding_credential_id(with, i) != NULL);
            denied++;
            continue;
        }
        FUZZ_ASSERT(k < n_without);
        wrp_code code = wrp_result_finding_code(with, i);
        FUZZ_ASSERT(code == wrp_result_finding_code(without, k));
        wrp_severity sw = wrp_result_finding_severity(with, i), so = wrp_result_finding_severity(without, k);
        /* in warn mode overasking is a warning only while it is the only error (cli-contract) */
        bool overask = code == WRP_CODE_OVERASK || code == WRP_CODE_OVERASK_CREDENTIAL;
        FUZZ_ASSERT(sw == so || (overask && so == WRP_SEV_WARNING && sw == WRP_SEV_ERROR));
        raised += sw != so;
        FUZZ_ASSERT(same_str(wrp_result_finding_credential_id(with, i),
                             wrp_result_finding_credential_id(without, k)));
        FUZZ_ASSERT(same_str(wrp_result_finding_path(with, i), wrp_result_finding_path(without, k)));
        k++;
    }
    FUZZ_ASSERT(k == n_without);
    wrp_verdict v = wrp_result_verdict(without);
    FUZZ_ASSERT(raised == 0 || (denied > 0 && v == WRP_VERDICT_WARN));
    if (denied == 0)
        FUZZ_ASSERT(wrp_result_verdict(with) == v);
    else
        FUZZ_ASSERT(v != WRP_VERDICT_ERROR && wrp_result_verdict(with) == WRP_VERDICT_DENY);
}

/* ---- one judgement of a variant ---- */

/* What every judgement of one input shares: the verifier, the options, the parts. */
typedef struct judge_in {
    const wrp_verifier *v;
    uint8_t opts;
    const fuzz_part *parts;
    const uint8_t *rc; /* the out-of-band certificate (parts[3] as a token), or NULL */
    size_t rc_len;
} judge_in;

/* Judges req under in, with rc in place of the out-of-band certificate when rc is given; checks
 * the result's invariants. NULL when out of memory. */
static wrp_result *judge(const judge_in *in, const char *req, const char *rc)
{
    wrp_request *rq = request_of(in->opts, in->parts, rc != NULL ? (const uint8_t *)rc : in->rc,
                                 rc != NULL ? strlen(rc) : in->rc_len);
    wrp_result *r = NULL;
    wrp_status st = wrp_audit(in->v, rq, (const uint8_t *)req, strlen(req), &r);
    FUZZ_ASSERT(ERR_peek_error() == 0);
    FUZZ_ASSERT(st == WRP_OK || st == WRP_ERR_NOMEM);
    if (r != NULL)
        check_result(r, in->opts);
    wrp_request_free(rq);
    return r;
}

/* ---- metamorphic properties (fuzz/README.md), under the signature stub ---- */

static bool overask(wrp_code code)
{
    return code == WRP_CODE_OVERASK || code == WRP_CODE_OVERASK_CREDENTIAL;
}

/* The findings as sorted "code severity credential_id type path" lines, one text. */
static char *finding_set(const wrp_result *r)
{
    size_t n = wrp_result_finding_count(r), total = 1;
    char **lines = calloc(n + 1, sizeof *lines);
    FUZZ_ASSERT(lines != NULL);
    for (size_t i = 0; i < n; i++) {
        const char *cid = wrp_result_finding_credential_id(r, i), *type = wrp_result_finding_type(r, i),
                   *path = wrp_result_finding_path(r, i);
        size_t len = strlen(cid ? cid : "-") + strlen(type ? type : "-") + strlen(path ? path : "-") + 64;
        FUZZ_ASSERT((lines[i] = malloc(len)) != NULL);
        snprintf(lines[i], len, "%s %d %s %s %s\n", wrp_code_str(wrp_result_finding_code(r, i)),
                 (int)wrp_result_finding_severity(r, i), cid ? cid : "-", type ? type : "-", path ? path : "-");
        total += strlen(lines[i]);
    }
    for (size_t i = 1; i < n; i++) /* insertion sort: a handful of findings */
        for (size_t k = i; k > 0 && strcmp(lines[k - 1], lines[k]) > 0; k--) {
            char *t = lines[k];
            lines[k] = lines[k - 1];
            lines[k - 1] = t;
        }
    char *text = malloc(total);
    FUZZ_ASSERT(text != NULL);
    text[0] = 0;
    for (size_t i = 0; i < n; i++) {
        strcat(text, lines[i]);
        free(lines[i]);
    }
    free(lines);
    return text;
}

static cJSON *credentials_of(const cJSON *payload)
{
    const cJSON *q = cJSON_GetObjectItemCaseSensitive(payload, "dcql_query");
    cJSON *c = cJSON_GetObjectItemCaseSensitive(q, "credentials");
    return cJSON_IsArray(c) ? c : NULL;
}

static bool is_mdoc(const cJSON *cred)
{
    const cJSON *f = cJSON_GetObjectItemCaseSensitive(cred, "format");
    return cJSON_IsString(f) && strcmp(f->valuestring, "mso_mdoc") == 0;
}

/* The sel-th (modulo their number) element of arr that ok() accepts, or NULL. */
static cJSON *choose(const cJSON *arr, size_t sel, bool (*ok)(const cJSON *))
{
    size_t n = 0;
    for (const cJSON *x = arr != NULL ? arr->child : NULL; x != NULL; x = x->next)
        n += ok(x);
    if (n == 0)
        return NULL;
    sel %= n;
    for (cJSON *x = arr->child; x != NULL; x = x->next)
        if (ok(x) && sel-- == 0)
            return x;
    return NULL;
}

static bool has_claims(const cJSON *cred)
{
    return cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(cred, "claims"));
}

static bool has_two_claims(const cJSON *cred)
{
    return has_claims(cred) && cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(cred, "claims")) >= 2;
}

static bool has_claim_list(const cJSON *entry)
{
    return cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(entry, "claims")) ||
           cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(entry, "claim"));
}

static cJSON *claim_with_path(const char *a, const char *b)
{
    cJSON *claim = cJSON_CreateObject(), *path = cJSON_AddArrayToObject(claim, "path");
    cJSON_AddItemToArray(path, cJSON_CreateString(a));
    if (b != NULL)
        cJSON_AddItemToArray(path, cJSON_CreateString(b));
    return claim;
}

/* Removing a requested claim (and its id from the claim_sets): fewer claims asked. */
static bool remove_claim(cJSON *payload, size_t sel)
{
    cJSON *cred = choose(credentials_of(payload), sel, has_two_claims);
    if (cred == NULL)
        return false;
    cJSON *claims = cJSON_GetObjectItemCaseSensitive(cred, "claims");
    cJSON *gone = cJSON_DetachItemFromArray(claims, (int)((sel / 7) % (size_t)cJSON_GetArraySize(claims)));
    const cJSON *id = cJSON_GetObjectItemCaseSensitive(gone, "id");
    cJSON *sets = cJSON_GetObjectItemCaseSensitive(cred, "claim_sets");
    if (cJSON_IsString(id) && cJSON_IsArray(sets)) {
        for (cJSON *opt = sets->child, *next; opt != NULL; opt = next) {
            next = opt->next;
            for (cJSON *x = opt->child, *nx; x != NULL; x = nx) {
                nx = x->next;
                if (cJSON_IsString(x) && strcmp(x->valuestring, id->valuestring) == 0)
                    cJSON_Delete(cJSON_DetachItemViaPointer(opt, x));
            }
            if (cJSON_IsArray(opt) && opt->child == NULL)
                cJSON_Delete(cJSON_DetachItemViaPointer(sets, opt));
        }
        if (sets->child == NULL)
            cJSON_DeleteItemFromObjectCaseSensitive(cred, "claim_sets");
    }
    cJSON_Delete(gone);
    return true;
}

/* Adding a requested claim that nothing registers by name. */
static bool add_unregistered_claim(cJSON *payload, size_t sel)
{
    cJSON *cred = choose(credentials_of(payload), sel, has_claims);
    if (cred == NULL)
        return false;
    cJSON *claim = is_mdoc(cred) ? claim_with_path("zz.unregistered", "zz_unregistered")
                                 : claim_with_path("zz_unregistered", NULL);
    if (cJSON_GetObjectItemCaseSensitive(cred, "claim_sets") != NULL)
        cJSON_AddStringToObject(claim, "id", "zz_unregistered");
    cJSON_AddItemToArray(cJSON_GetObjectItemCaseSensitive(cred, "claims"), claim);
    return true;
}

/* Adding a claim to a registered entry that has a claim list, in a registration certificate's
 * payload. */
static bool add_registered_claim(cJSON *rc_payload, size_t sel)
{
    cJSON *creds = cJSON_GetObjectItemCaseSensitive(rc_payload, "credentials");
    cJSON *entry = cJSON_IsArray(creds) ? choose(creds, sel, has_claim_list) : NULL;
    if (entry == NULL)
        return false;
    cJSON *list = cJSON_GetObjectItemCaseSensitive(entry, "claims");
    if (!cJSON_IsArray(list))
        list = cJSON_GetObjectItemCaseSensitive(entry, "claim");
    cJSON_AddItemToArray(list, is_mdoc(entry) ? claim_with_path("zz.added", "zz_added")
                                              : claim_with_path("zz_added", NULL));
    return true;
}

static bool is_rc_entry(const cJSON *vi)
{
    const cJSON *f = cJSON_GetObjectItemCaseSensitive(vi, "format");
    return cJSON_IsString(f) && strcmp(f->valuestring, "registration_cert") == 0 &&
           cJSON_IsString(cJSON_GetObjectItemCaseSensitive(vi, "data"));
}

/* The same edit to the registration certificate the request carries (one compact JWS in
 * verifier_info) or, failing that, to the one given out of band; the edited certificate's text
 * in *rc_out when it was the out-of-band one. */
static bool edit_rc(const judge_in *in, cJSON *payload, size_t sel, char **rc_out)
{
    *rc_out = NULL;
    cJSON *vi = cJSON_GetObjectItemCaseSensitive(payload, "verifier_info");
    cJSON *entry = cJSON_IsArray(vi) ? choose(vi, 0, is_rc_entry) : NULL;
    fuzz_jws rc;
    if (entry != NULL) {
        cJSON *data = cJSON_GetObjectItemCaseSensitive(entry, "data");
        if (!fuzz_jws_open((const uint8_t *)data->valuestring, strlen(data->valuestring), &rc))
            return false;
    } else if (in->rc == NULL || !fuzz_jws_open(in->rc, in->rc_len, &rc)) {
        return false;
    }
    bool done = add_registered_claim(rc.payload, sel);
    char *text = done ? fuzz_jws_close(&rc) : NULL;
    fuzz_jws_free(&rc);
    if (text == NULL)
        return false;
    if (entry != NULL) {
        cJSON_ReplaceItemInObjectCaseSensitive(entry, "data", cJSON_CreateString(text));
        free(text);
    } else {
        *rc_out = text;
    }
    return true;
}

/* The variant of the request with its payload edited by the caller; judged. */
static wrp_result *judge_payload(const judge_in *in, const fuzz_jws *j, cJSON *payload, const char *rc)
{
    fuzz_jws edited = *j;
    edited.payload = payload;
    char *text = fuzz_jws_close(&edited);
    FUZZ_ASSERT(text != NULL);
    wrp_result *r = judge(in, text, rc);
    free(text);
    return r;
}

/* One relation per input (which, 0 to 3), so that an input costs two more judgements, not five. */
static void check_metamorphic(const judge_in *in, const uint8_t *req, size_t req_len, unsigned which)
{
    fuzz_jws j;
    if (!fuzz_stub_signatures() || !fuzz_jws_open(req, req_len, &j))
        return;
    size_t sel = req_len;
    wrp_result *base = judge_payload(in, &j, j.payload, NULL);
    wrp_verdict b = base != NULL ? wrp_result_verdict(base) : WRP_VERDICT_ERROR;
    if (b == WRP_VERDICT_ERROR) {
        wrp_result_free(base);
        fuzz_jws_free(&j);
        return;
    }
    char *base_set = finding_set(base);

    /* Reordering credential queries, claims and JSON members changes neither the verdict nor
     * the findings. */
    cJSON *p = NULL;
    wrp_result *r = NULL;
    if (which == 0) {
        p = cJSON_Duplicate(j.payload, 1);
        FUZZ_ASSERT(p != NULL);
        fuzz_json_reverse_members(p);
        cJSON *creds = credentials_of(p);
        if (creds != NULL) {
            fuzz_json_reverse_array(creds);
            for (cJSON *c = creds->child; c != NULL; c = c->next)
                if (has_claims(c))
                    fuzz_json_reverse_array(cJSON_GetObjectItemCaseSensitive(c, "claims"));
        }
        r = judge_payload(in, &j, p, NULL);
        if (r != NULL) {
            char *set = finding_set(r);
            if (wrp_result_verdict(r) != b || strcmp(set, base_set) != 0)
                fuzz_fail(__FILE__, __LINE__, "reordering the request changed the verdict or the findings");
            free(set);
        }
        wrp_result_free(r);
        cJSON_Delete(p);
    }

    /* Removing a requested claim never turns allow (or warn) into deny. */
    p = cJSON_Duplicate(j.payload, 1);
    FUZZ_ASSERT(p != NULL);
    if (which == 1 && remove_claim(p, sel) && (r = judge_payload(in, &j, p, NULL)) != NULL) {
        wrp_verdict v = wrp_result_verdict(r);
        if ((b == WRP_VERDICT_ALLOW && v != WRP_VERDICT_ALLOW) ||
            (b == WRP_VERDICT_WARN && v != WRP_VERDICT_ALLOW && v != WRP_VERDICT_WARN))
            fuzz_fail(__FILE__, __LINE__, "asking for less turned an allow into a deny");
        wrp_result_free(r);
    }
    cJSON_Delete(p);

    /* Adding a claim to the registration never turns allow (or warn) into deny. */
    p = cJSON_Duplicate(j.payload, 1);
    FUZZ_ASSERT(p != NULL);
    char *rc = NULL;
    if (which == 2 && edit_rc(in, p, sel, &rc) && (r = judge_payload(in, &j, p, rc)) != NULL) {
        wrp_verdict v = wrp_result_verdict(r);
        if ((b == WRP_VERDICT_ALLOW && v != WRP_VERDICT_ALLOW) ||
            (b == WRP_VERDICT_WARN && v != WRP_VERDICT_ALLOW && v != WRP_VERDICT_WARN))
            fuzz_fail(__FILE__, __LINE__, "registering more turned an allow into a deny");
        wrp_result_free(r);
    }
    free(rc);
    cJSON_Delete(p);

    /* Asking for a claim nothing registers never turns deny into allow. */
    p = cJSON_Duplicate(j.payload, 1);
    FUZZ_ASSERT(p != NULL);
    if (which == 3 && add_unregistered_claim(p, sel) && (r = judge_payload(in, &j, p, NULL)) != NULL) {
        wrp_verdict v = wrp_result_verdict(r);
        if (b == WRP_VERDICT_DENY && (v == WRP_VERDICT_ALLOW || v == WRP_VERDICT_WARN))
            fuzz_fail(__FILE__, __LINE__, "asking for more turned a deny into an allow");
        wrp_result_free(r);
    }
    cJSON_Delete(p);

    free(base_set);
    wrp_result_free(base);
    fuzz_jws_free(&j);
}

/* --mode warn softens overasking only: judged in the other mode, the verdicts must agree with
 * that (enforce: deny; warn: warn when every error is overasking, the same verdict otherwise). */
static void check_modes(const wrp_result *r, const wrp_result *other, uint8_t opts)
{
    const wrp_result *enforce = (opts & 1) ? other : r, *warn = (opts & 1) ? r : other;
    wrp_verdict e = wrp_result_verdict(enforce), w = wrp_result_verdict(warn);
    size_t errors = 0, overasking = 0;
    for (size_t i = 0; i < wrp_result_finding_count(enforce); i++)
        if (wrp_result_finding_severity(enforce, i) == WRP_SEV_ERROR) {
            errors++;
            overasking += overask(wrp_result_finding_code(enforce, i));
        }
    if (e == WRP_VERDICT_DENY && overasking < errors && w != WRP_VERDICT_DENY)
        fuzz_fail(__FILE__, __LINE__, "warn mode softened a deny that is not for overasking");
    wrp_verdict want = e == WRP_VERDICT_DENY && overasking == errors ? WRP_VERDICT_WARN : e;
    FUZZ_ASSERT(e != WRP_VERDICT_WARN && w == want);
}

/* ---- the resource oracle ---- */

/* Bounds on one judgement, proportional to the size of the whole input (fuzz/README.md). The
 * envelope PER_BYTE * size + BASE holds every seed, the hostile requests at the limits (4,096
 * items, 30,000 references) included, measured with WRP_FUZZ_RES_REPORT=1 over the corpus
 * (largest: work 214,005 for 70 KB, 160,000 allocations for 50 KB, a 14 MB peak for 81 KB); a
 * judgement beyond RES_FACTOR times the envelope is a failure. */
#define RES_FACTOR 4u
#define RES_WORK_PER_BYTE 3u
#define RES_WORK_BASE 50000u
#define RES_ALLOCS_PER_BYTE 6u
#define RES_ALLOCS_BASE 20000u
#define RES_PEAK_PER_BYTE 160u
#define RES_PEAK_BASE (2u << 20)

static void check_resources(const wrp_result *r, const fuzz_res *res, size_t size)
{
    if (getenv("WRP_FUZZ_RES_REPORT") != NULL)
        fprintf(stderr, "resources: size %zu work %zu allocs %zu bytes %zu peak %zu\n", size, r->work,
                res->allocs, res->bytes, res->peak);
    if (r->work > RES_FACTOR * (RES_WORK_PER_BYTE * size + RES_WORK_BASE))
        fuzz_fail(__FILE__, __LINE__, "a judgement's work beyond its bound for the input's size");
    if (res->counted && res->allocs > RES_FACTOR * (RES_ALLOCS_PER_BYTE * size + RES_ALLOCS_BASE))
        fuzz_fail(__FILE__, __LINE__, "a judgement's allocations beyond their bound for the input's size");
    if (res->counted && res->peak > RES_FACTOR * (RES_PEAK_PER_BYTE * size + RES_PEAK_BASE))
        fuzz_fail(__FILE__, __LINE__, "a judgement's peak heap beyond its bound for the input's size");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_part parts[N_PARTS];
    fuzz_split(data, size, FUZZ_SEP_OUTER, parts, N_PARTS);
    uint8_t opts = parts[0].n > 0 ? parts[0].p[0] : 0;
    wrp_verifier *own = parts[4].n > 0 ? build(opts, &parts[4]) : NULL;
    const wrp_verifier *v = own != NULL ? own : shared(opts);

    uint8_t *rc = NULL, *req = NULL;
    size_t rc_len = 0, req_len = 0;
    if (parts[3].p != NULL)
        FUZZ_ASSERT(fuzz_token(parts[3].p, parts[3].n, &rc, &rc_len));
    if (parts[1].p != NULL)
        FUZZ_ASSERT(fuzz_token(parts[1].p, parts[1].n, &req, &req_len));
    wrp_request *rq = request_of(opts, parts, rc, rc_len);
    size_t policies = add_policies(rq, &parts[5]);
    /* the relation this input is checked for: 0-3 metamorphic (check_metamorphic), 4 the modes */
    unsigned relation = 2166136261u;
    for (size_t i = 0; i < size && i < 64; i++)
        relation = (relation ^ data[i]) * 16777619u;
    relation = (relation ^ (unsigned)size) % 5;

    wrp_result *r = NULL;
    fuzz_res_begin(RES_FACTOR * (RES_ALLOCS_PER_BYTE * size + RES_ALLOCS_BASE),
                   RES_FACTOR * (RES_PEAK_PER_BYTE * size + RES_PEAK_BASE),
                   "a judgement's allocations or peak heap beyond their bound for the input's size");
    wrp_status st = wrp_audit(v, rq, req, req_len, &r);
    fuzz_res res = fuzz_res_end();
    FUZZ_ASSERT(ERR_peek_error() == 0);
    FUZZ_ASSERT(st == WRP_OK || st == WRP_ERR_NOMEM);
    FUZZ_ASSERT((st == WRP_OK) == (r != NULL));
    if (r != NULL) {
        check_result(r, opts);
        check_resources(r, &res, size);
    }
    judge_in in = {v, opts, parts, parts[3].p != NULL ? rc : NULL, rc_len};
    if (r != NULL && policies > 0) {
        wrp_request *plain = request_of(opts, parts, rc, rc_len);
        wrp_result *r0 = NULL;
        if (wrp_audit(v, plain, req, req_len, &r0) == WRP_OK) {
            check_policies_only_deny(r, r0);
            wrp_result_free(r0);
        }
        wrp_request_free(plain);
    } else if (r != NULL) {
        for (size_t i = 0; i < wrp_result_finding_count(r); i++)
            FUZZ_ASSERT(wrp_result_finding_code(r, i) != WRP_CODE_DISCLOSURE_POLICY);
        /* the metamorphic relations, on requests judged without policies */
        if (relation < 4)
            check_metamorphic(&in, req, req_len, relation);
    }
    if (r != NULL && relation == 4) {
        wrp_verifier *own_other = own != NULL ? build(opts ^ 1, &parts[4]) : NULL;
        judge_in other = {own_other != NULL ? own_other : shared(opts ^ 1), (uint8_t)(opts ^ 1), parts, in.rc,
                          rc_len};
        wrp_request *again = request_of(other.opts, parts, rc, rc_len);
        add_policies(again, &parts[5]);
        wrp_result *ro = NULL;
        if (wrp_audit(other.v, again, req, req_len, &ro) == WRP_OK) {
            check_result(ro, other.opts);
            check_modes(r, ro, opts);
            wrp_result_free(ro);
        }
        wrp_request_free(again);
        wrp_verifier_free(own_other);
    }
    wrp_result_free(r);
    wrp_request_free(rq);
    free(req);
    free(rc);
    wrp_verifier_free(own);
    return 0;
}

/* Structure-aware mutation of the request part (fuzz/mutator.h). */
size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed);
size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed)
{
    return fuzz_mutate(data, size, max_size, seed, FUZZ_SEP_OUTER, 1);
}
