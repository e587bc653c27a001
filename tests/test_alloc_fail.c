/*
 * Allocation-failure injection through the library's API: every allocation of a whole judgement
 * (configuration, verifier, judgement, result accessors and JSON, release) is made to fail in
 * turn, one at a time, every one, with the interposed allocator and the sweep of
 * tests/alloc/allocinject.c. No run may crash or leave more live heap blocks than before it. Every
 * call returns WRP_OK or WRP_ERR_NOMEM, nothing else; a result, when one is given, is complete
 * (every finding and item readable, the JSON made) and has either the clean run's verdict with the
 * same JSON or the verdict error: an allocation failure is never reported as a finding about the
 * input. tests/test_alloc_suite.c does the same over the whole vector suite through the command
 * line.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "allocinject.h"
#include "testutil.h"
#include "wrpcheck.h"

#define T_DEMO 1798761600

/* ---------------------------------------------------------------------------------------------- */

typedef struct blob {
    uint8_t *data;
    size_t len;
} blob;

typedef wrp_status (*add_fn)(wrp_config *, const uint8_t *, size_t);

typedef struct cfg_input {
    add_fn add;
    const char *path;
    blob b;
} cfg_input;

#define MAX_INPUTS 8

/* One judgement: its configuration and what it judges. */
typedef struct judgement {
    const char *name;
    cfg_input inputs[MAX_INPUTS];
    enum { J_AUDIT, J_REGISTRATION } kind;
    const char *client_id;  /* audit: wrp_request_set_client_id (NULL: none) */
    const char *subject;    /* the request, or the registration certificate */
    const char *transcript; /* audit: wrp_request_set_transcript (NULL: none) */
    const char *ac_chain;   /* registration: the access certificate chain */
    blob subject_b, transcript_b, ac_chain_b;
} judgement;

static unsigned long g_n; /* the failure point of the current run, for messages */

/* Disarms first: cmocka's report, and the tests after this one, allocate normally. */
#define FAIL(...)                 \
    do {                          \
        ai_fail_at = 0;            \
        fail_msg(__VA_ARGS__);    \
    } while (0)

static void load(const char *path, blob *b)
{
    b->data = tu_read_file(path, &b->len);
    if (b->data == NULL)
        FAIL("cannot read %s", path);
}

static void load_all(judgement *j)
{
    for (size_t i = 0; i < MAX_INPUTS && j->inputs[i].add != NULL; i++)
        load(j->inputs[i].path, &j->inputs[i].b);
    load(j->subject, &j->subject_b);
    if (j->transcript != NULL)
        load(j->transcript, &j->transcript_b);
    if (j->ac_chain != NULL)
        load(j->ac_chain, &j->ac_chain_b);
}

static void free_all(judgement *j)
{
    for (size_t i = 0; i < MAX_INPUTS && j->inputs[i].add != NULL; i++)
        free(j->inputs[i].b.data);
    free(j->subject_b.data);
    free(j->transcript_b.data);
    free(j->ac_chain_b.data);
}

/* 1 when the call ran, 0 when it ran out of memory (WRP_ERR_NOMEM). Any other status is a
 * failure: an allocation failure reported as something else (bad input). */
static int ran(wrp_status st, const char *what)
{
    if (st == WRP_OK)
        return 1;
    if (st != WRP_ERR_NOMEM)
        FAIL("allocation %lu failing: %s returned %s, not %s", g_n, what, wrp_status_str(st),
             wrp_status_str(WRP_ERR_NOMEM));
    return 0;
}

/* Reads everything a result offers; fails on an inconsistent result. */
static void read_result(const wrp_result *r)
{
    wrp_verdict v = wrp_result_verdict(r);
    if (v != WRP_VERDICT_ALLOW && v != WRP_VERDICT_WARN && v != WRP_VERDICT_DENY &&
        v != WRP_VERDICT_ERROR)
        FAIL("allocation %lu failing: verdict %d", g_n, (int)v);
    (void)wrp_result_request_kind(r);
    for (size_t i = 0; i < wrp_result_finding_count(r); i++) {
        if (wrp_result_finding_code(r, i) == 0 || wrp_result_finding_message(r, i) == NULL)
            FAIL("allocation %lu failing: finding %zu incomplete", g_n, i);
        (void)wrp_result_finding_severity(r, i);
        (void)wrp_result_finding_credential_id(r, i);
        (void)wrp_result_finding_type(r, i);
        (void)wrp_result_finding_path(r, i);
        (void)wrp_result_finding_source(r, i);
    }
    for (size_t i = 0; i < wrp_result_requested_count(r); i++) {
        if (wrp_result_requested_path(r, i) == NULL)
            FAIL("allocation %lu failing: requested item %zu without a path", g_n, i);
        (void)wrp_result_requested_credential_id(r, i);
        (void)wrp_result_requested_format(r, i);
        (void)wrp_result_requested_type(r, i);
        (void)wrp_result_requested_registered(r, i);
    }
    (void)wrp_result_rp_name(r);
    (void)wrp_result_rp_identifier(r);
    (void)wrp_result_rp_verified(r);
    (void)wrp_result_rp_country(r);
    (void)wrp_result_rp_intended_use(r);
    (void)wrp_result_rp_privacy_policy(r);
    (void)wrp_result_rp_registry_uri(r);
    (void)wrp_result_rp_info_uri(r);
    (void)wrp_result_rp_support_uri(r);
    for (size_t i = 0; i < wrp_result_rp_purpose_count(r); i++) {
        (void)wrp_result_rp_purpose_lang(r, i);
        (void)wrp_result_rp_purpose_text(r, i);
    }
    if (wrp_result_json(r) == NULL)
        FAIL("allocation %lu failing: wrp_result_json gave NULL", g_n);
    if (wrp_result_log_json(r) == NULL)
        FAIL("allocation %lu failing: wrp_result_log_json gave NULL", g_n);
}

/* The whole judgement once: the verdict and the JSON, or rank -1 when no result was made. */
static ai_outcome run_once(void *ctx)
{
    const judgement *j = ctx;
    ai_outcome o = {-1, NULL, 0};
    g_n = ai_fail_at;
    wrp_config *cfg = wrp_config_new();
    wrp_verifier *v = NULL;
    wrp_request *rq = NULL;
    wrp_result *r = NULL;
    if (cfg == NULL)
        goto out;
    wrp_config_set_time(cfg, T_DEMO);
    for (size_t i = 0; i < MAX_INPUTS && j->inputs[i].add != NULL; i++)
        if (!ran(j->inputs[i].add(cfg, j->inputs[i].b.data, j->inputs[i].b.len), j->inputs[i].path))
            goto out;
    if (!ran(wrp_verifier_new(cfg, &v), "wrp_verifier_new"))
        goto out;
    wrp_config_free(cfg);
    cfg = NULL;
    if (j->kind == J_AUDIT) {
        rq = wrp_request_new();
        if (rq == NULL)
            goto out;
        if (j->client_id != NULL && !ran(wrp_request_set_client_id(rq, j->client_id), "wrp_request_set_client_id"))
            goto out;
        if (j->transcript != NULL &&
            !ran(wrp_request_set_transcript(rq, j->transcript_b.data, j->transcript_b.len),
                 "wrp_request_set_transcript"))
            goto out;
        if (!ran(wrp_audit(v, rq, j->subject_b.data, j->subject_b.len, &r), "wrp_audit"))
            goto out;
    } else {
        if (!ran(wrp_check_registration(v, j->subject_b.data, j->subject_b.len, j->ac_chain_b.data,
                                        j->ac_chain_b.len, 1, &r),
                 "wrp_check_registration"))
            goto out;
    }
    if (r == NULL)
        FAIL("allocation %lu failing: WRP_OK without a result", g_n);
    read_result(r);
    o.rank = (int)wrp_result_verdict(r);
    const char *json = wrp_result_json(r);
    o.text = ai_copy(json, strlen(json));
    o.len = strlen(json);
out:
    wrp_result_free(r);
    wrp_request_free(rq);
    wrp_verifier_free(v);
    wrp_config_free(cfg);
    return o;
}

static void inject(judgement *j)
{
    const char *why = NULL;
    if (!ai_available(&why)) {
        print_message("skipped: %s\n", why);
        skip();
    }
    load_all(j);
    ai_sweep s = {.name = j->name, .run = run_once, .ctx = j, .text_free_rank = WRP_VERDICT_ERROR,
                  .strict = 1};
    int want = -1;
    const char *bad = ai_sweep_run(&s, &want);
    if (bad != NULL)
        fail_msg("%s", bad);
    unsigned long tested = s.tested, nomem = s.no_result, changed = s.stricter;
    print_message("%s: %lu allocations; %lu failure points tested: %lu WRP_ERR_NOMEM, %lu verdict "
                  "error, %lu the clean run's verdict %s with the same JSON\n",
                  j->name, s.allocs, tested, nomem, changed, tested - nomem - changed,
                  wrp_verdict_str((wrp_verdict)want));
    free_all(j);
}

/* The e2e case register-allow-array: an allowed request, with every source a judgement reads
 * (access certificate chain and CRL, registration certificate and its status list, register). */
#define ALLOW_INPUTS                                                                    \
    {wrp_config_add_ac_anchors, "testvectors/pki/ac-root.pem", {0}},                    \
    {wrp_config_add_crl, "testvectors/crl/current.pem", {0}},                          \
    {wrp_config_add_rc_anchors, "testvectors/rc/pki/rc-root.pem", {0}},                \
    {wrp_config_add_status_list, "testvectors/rc/sl-valid.jwt", {0}},                  \
    {wrp_config_add_register, "testvectors/e2e/register/array.jwt", {0}},              \
    {wrp_config_add_register_anchors, "testvectors/register/pki/reg-root.pem", {0}}

static void openid4vp_audit(void **state)
{
    (void)state;
    static judgement j = {
        .name = "openid4vp audit",
        .inputs = {ALLOW_INPUTS},
        .kind = J_AUDIT,
        .subject = "testvectors/e2e/req/register-allow-array.jwt",
    };
    inject(&j);
}

static void mdoc_audit(void **state)
{
    (void)state;
    static judgement j = {
        .name = "mdoc audit",
        /* the e2e case mdoc-allow */
        .inputs = {{wrp_config_add_ac_anchors, "testvectors/pki/ac-root.pem", {0}},
                   {wrp_config_add_crl, "testvectors/crl/current.pem", {0}},
                   {wrp_config_add_rc_anchors, "testvectors/rc/pki/rc-root.pem", {0}},
                   {wrp_config_add_status_list, "testvectors/rc/sl-valid.jwt", {0}}},
        .kind = J_AUDIT,
        .subject = "testvectors/e2e/req/mdoc-allow.cbor",
        .transcript = "testvectors/e2e/transcript.cbor",
    };
    inject(&j);
}

static void registration_check(void **state)
{
    (void)state;
    static judgement j = {
        .name = "registration check",
        .inputs = {{wrp_config_add_ac_anchors, "testvectors/rc/pki/ac-root.pem", {0}},
                   {wrp_config_add_rc_anchors, "testvectors/rc/pki/rc-root.pem", {0}},
                   {wrp_config_add_status_list, "testvectors/rc/sl-valid.jwt", {0}}},
        .kind = J_REGISTRATION,
        .subject = "testvectors/rc/valid.cwt",
        .ac_chain = "testvectors/rc/pki/ac-leaf.pem",
    };
    inject(&j);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(openid4vp_audit),
        cmocka_unit_test(mdoc_audit),
        cmocka_unit_test(registration_check),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
