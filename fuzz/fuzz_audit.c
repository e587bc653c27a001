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
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
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

    wrp_result *r = NULL;
    wrp_status st = wrp_audit(v, rq, req, req_len, &r);
    FUZZ_ASSERT(ERR_peek_error() == 0);
    FUZZ_ASSERT(st == WRP_OK || st == WRP_ERR_NOMEM);
    FUZZ_ASSERT((st == WRP_OK) == (r != NULL));
    if (r != NULL)
        check_result(r, opts);
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
    }
    wrp_result_free(r);
    wrp_request_free(rq);
    free(req);
    free(rc);
    wrp_verifier_free(own);
    return 0;
}
