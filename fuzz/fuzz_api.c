/*
 * The public API end to end: wrp_config -> wrp_verifier -> wrp_check_registration, with a fixed
 * trust configuration (AC anchor ac-root, RC anchor rc-root, time FUZZ_TIME) and the rest taken
 * from the input, split at FUZZ_SEP_OUTER into
 *   options SEP rc SEP ac-chain SEP crl SEP status-list [SEP status-list ...]
 * options: byte 0 bit 0 for_request, bit 1 revocation off, bit 2 require the AC policy;
 * rc and each status list: a token as bytes or in the structured form of fuzz.h; an absent part is
 * not given to the API at all. Invariants: input that add_* accepted builds a verifier; the
 * status is OK (or NOMEM) with a result; allow never comes with an error finding, deny always
 * does, error only with an unreadable input; the result JSON is strict UTF-8 JSON agreeing with
 * the accessors; the OpenSSL error queue is left empty.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "util/json.h"

#define MAX_PARTS 8

static void check_result(const wrp_result *r, bool revocation)
{
    size_t errors = 0, unreadable = 0;
    bool skipped = false;
    for (size_t i = 0; i < wrp_result_finding_count(r); i++) {
        wrp_code code = wrp_result_finding_code(r, i);
        wrp_severity sev = wrp_result_finding_severity(r, i);
        FUZZ_ASSERT(strcmp(wrp_code_str(code), "UNKNOWN") != 0);
        FUZZ_ASSERT(sev == WRP_SEV_INFO || sev == WRP_SEV_WARNING || sev == WRP_SEV_ERROR);
        FUZZ_ASSERT(wrp_result_finding_message(r, i) != NULL);
        errors += sev == WRP_SEV_ERROR;
        unreadable += code == WRP_CODE_INPUT_UNREADABLE || code == WRP_CODE_REQUEST_MALFORMED;
        skipped |= code == WRP_CODE_REVOCATION_SKIPPED;
    }
    FUZZ_ASSERT(skipped == !revocation);
    switch (wrp_result_verdict(r)) {
    case WRP_VERDICT_ALLOW:
    case WRP_VERDICT_WARN:
        FUZZ_ASSERT(errors == 0);
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

/* Input that add_* refuses is simply not configured; the refusal must say why. */
static void added(const wrp_config *cfg, wrp_status st)
{
    FUZZ_ASSERT(st == WRP_OK || st == WRP_ERR_MALFORMED || st == WRP_ERR_LIMIT || st == WRP_ERR_NOMEM);
    if (st == WRP_ERR_MALFORMED || st == WRP_ERR_LIMIT)
        FUZZ_ASSERT(wrp_config_last_error(cfg)[0] != 0);
}

static void add_token(wrp_config *cfg, const fuzz_part *part)
{
    uint8_t *token;
    size_t n;
    FUZZ_ASSERT(fuzz_token(part->p, part->n, &token, &n));
    added(cfg, wrp_config_add_status_list(cfg, token, n));
    free(token);
}

static wrp_verifier *verifier(const fuzz_part *parts, size_t n_parts, uint8_t opts)
{
    wrp_config *cfg = wrp_config_new();
    FUZZ_ASSERT(cfg != NULL);
    const fuzz_blob *ac = fuzz_file("ac-root.pem"), *rc = fuzz_file("rc-root.pem");
    FUZZ_ASSERT(wrp_config_add_ac_anchors(cfg, ac->p, ac->n) == WRP_OK);
    FUZZ_ASSERT(wrp_config_add_rc_anchors(cfg, rc->p, rc->n) == WRP_OK);
    wrp_config_set_time(cfg, FUZZ_TIME);
    wrp_config_set_revocation(cfg, !(opts & 2));
    wrp_config_set_require_ac_policy(cfg, opts & 4);
    if (parts[3].p != NULL)
        added(cfg, wrp_config_add_crl(cfg, parts[3].p, parts[3].n));
    for (size_t i = 4; i < n_parts; i++)
        add_token(cfg, &parts[i]);
    wrp_verifier *v = NULL;
    FUZZ_ASSERT(wrp_verifier_new(cfg, &v) == WRP_OK && v != NULL);
    wrp_config_free(cfg);
    FUZZ_ASSERT(ERR_peek_error() == 0);
    return v;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_part parts[MAX_PARTS];
    size_t n_parts = fuzz_split(data, size, FUZZ_SEP_OUTER, parts, MAX_PARTS);
    uint8_t opts = parts[0].n > 0 ? parts[0].p[0] : 0;
    wrp_verifier *v = verifier(parts, n_parts, opts);

    uint8_t *rc = NULL;
    size_t rc_len = 0;
    if (parts[1].p != NULL)
        FUZZ_ASSERT(fuzz_token(parts[1].p, parts[1].n, &rc, &rc_len));
    wrp_result *r = NULL;
    wrp_status st = wrp_check_registration(v, rc, rc_len, parts[2].p, parts[2].n, opts & 1, &r);
    FUZZ_ASSERT(ERR_peek_error() == 0);
    FUZZ_ASSERT(st == WRP_OK || st == WRP_ERR_NOMEM);
    FUZZ_ASSERT((st == WRP_OK) == (r != NULL));
    if (r != NULL)
        check_result(r, !(opts & 2));
    wrp_result_free(r);
    free(rc);
    wrp_verifier_free(v);
    return 0;
}
