/* The register of relying parties (EUDI TS5).
 *
 * 1. Every line of testvectors/register/manifest.tsv is one judgement by wrp_check_register: the
 *    set of finding codes must equal the expected set, and the intended use found, its registered
 *    credentials and the consistency notes must be the ones the line names.
 * 2. Dates and times, the index of relying parties, limits and arguments.
 * 3. The register examples published by others (testvectors/interop/ts5-register): every file is read
 *    as an unsigned register document with the content it holds, and lookups in them. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <dirent.h>
#include <openssl/err.h>

#include "allocinject.h"
#include "model/register.h"
#include "model/regparties.h"
#include "policy/register.h"
#include "support/testcrypto.h"
#include "support/testmanifest.h"
#include "support/testpki.h"
#include "support/testutil.h"
#include "util/b64.h"
#include "util/datetime.h"
#include "util/limits.h"
#include "wrpcheck.h"

#define T INT64_C(1798761600)     /* 2027-01-01T00:00:00Z */
#define NOV28 INT64_C(1795824000) /* 2026-11-28T00:00:00Z */
#define MAY01 INT64_C(1777593600) /* 2026-05-01T00:00:00Z */
#define REG_DIR "testvectors/register/"
#define GO_DIR "testvectors/interop/ts5-register/examples-go-eudi-rpcert/"
#define IT_DIR "testvectors/interop/ts5-register/examples-it-wallet-docs/"
#define LEI "LEIXG-529900T8BM49AURSDO55"
#define IU "iu-age-check-001"
#define SP_URI "https://uri.etsi.org/19475/Entitlement/Service_Provider"
#define EUDI_ID "http://data.europa.eu/eudi/id/"
#define MAX_CODE 128

/* ------------------------------------------------------------------------------------------ */
/* Helpers                                                                                      */

static uint8_t *must_read(const char *dir, const char *rel, size_t *len)
{
    char path[512];
    snprintf(path, sizeof path, "%s%s", dir, rel);
    uint8_t *data = tu_read_file(path, len);
    if (data == NULL)
        fail_msg("cannot read %s", path);
    return data;
}

static char *dup_or_null(const char *s)
{
    if (s == NULL)
        return NULL;
    char *d = strdup(s);
    assert_non_null(d);
    return d;
}

/* The part of a registration certificate that the register stage reads. */
static void rc_make(wrp_rc *rc, const char *sub, const char *iu, const char *name, const char *sub_ln,
                    const char *entitlements)
{
    memset(rc, 0, sizeof *rc);
    rc->sub = dup_or_null(sub);
    rc->intended_use_id = dup_or_null(iu);
    rc->name = dup_or_null(name);
    rc->sub_ln = dup_or_null(sub_ln);
    if (entitlements == NULL)
        return;
    rc->entitlements = calloc(8, sizeof *rc->entitlements);
    assert_non_null(rc->entitlements);
    char *copy = dup_or_null(entitlements), *save = NULL;
    for (char *tok = strtok_r(copy, ",", &save); tok != NULL && rc->n_entitlements < 8;
         tok = strtok_r(NULL, ",", &save))
        rc->entitlements[rc->n_entitlements++] = dup_or_null(tok);
    free(copy);
}

typedef struct inputs {
    wrp_register_input v[16];
    uint8_t *data[16];
    size_t n;
} inputs;

static void inputs_read(inputs *in, const char *dir, const char *files)
{
    memset(in, 0, sizeof *in);
    char *copy = dup_or_null(files), *save = NULL;
    for (char *tok = strtok_r(copy, ",", &save); tok != NULL; tok = strtok_r(NULL, ",", &save)) {
        assert_true(in->n < 16);
        size_t len;
        in->data[in->n] = must_read(dir, tok, &len);
        in->v[in->n].data = in->data[in->n];
        in->v[in->n].len = len;
        in->n++;
    }
    free(copy);
}

static void inputs_free(inputs *in)
{
    for (size_t i = 0; i < in->n; i++)
        free(in->data[i]);
}

static wrp_anchors *anchors_from(const char *dir, const char *rel)
{
    if (rel == NULL || strcmp(rel, "-") == 0)
        return NULL;
    wrp_anchors *a = wrp_anchors_new();
    assert_non_null(a);
    size_t len;
    uint8_t *data = must_read(dir, rel, &len);
    wrp_err err = {{0}};
    if (wrp_anchors_add(a, data, len, &err) != WRP_OK)
        fail_msg("anchors %s: %s", rel, err.msg);
    free(data);
    return a;
}

static wrp_code code_by_name(const char *name)
{
    wrp_code code = wrp_code_from_str(name);
    if (code == 0)
        fail_msg("unknown finding code %s", name);
    return code;
}

/* The codes of f as sorted, comma-separated text ("none" when empty). */
static void codes_of(const wrp_findings *f, char *out, size_t size)
{
    bool set[MAX_CODE] = {false};
    for (size_t i = 0; i < f->n; i++) {
        assert_true(f->v[i].code > 0 && f->v[i].code < MAX_CODE);
        set[f->v[i].code] = true;
    }
    out[0] = 0;
    for (int c = 0; c < MAX_CODE; c++)
        if (set[c]) {
            size_t n = strlen(out);
            snprintf(out + n, size - n, "%s%s", n ? "," : "", wrp_code_str((wrp_code)c));
        }
    if (out[0] == 0)
        snprintf(out, size, "none");
}

static void expected_codes(const char *expected, char *out, size_t size)
{
    wrp_findings f = {0};
    if (strcmp(expected, "none") != 0) {
        char *copy = dup_or_null(expected), *save = NULL;
        for (char *tok = strtok_r(copy, ",", &save); tok != NULL; tok = strtok_r(NULL, ",", &save))
            assert_non_null(wrp_findings_add(&f, code_by_name(tok), "expected"));
        free(copy);
    }
    codes_of(&f, out, size);
    wrp_findings_free(&f);
}

static void assert_codes(const wrp_findings *f, const char *expected)
{
    char got[1024], want[1024];
    codes_of(f, got, sizeof got);
    expected_codes(expected, want, sizeof want);
    if (strcmp(got, want) != 0) {
        for (size_t i = 0; i < f->n; i++)
            print_message("    %s: %s\n", wrp_code_str(f->v[i].code), f->v[i].message);
        fail_msg("finding codes %s, expected %s", got, want);
    }
}

static const char *opt_or(const tm_line *l, const char *key, const char *dflt)
{
    const char *v = tm_opt(l, key);
    if (v == NULL)
        return dflt;
    return strcmp(v, "-") == 0 ? NULL : v;
}

/* The kinds of the notes as text in kind order ("ENTITLEMENTS,NAME", or "" for none). */
static void notes_text(const wrp_register_notes *n, char *out, size_t size)
{
    bool ent = false, name = false;
    for (size_t i = 0; i < n->n; i++) {
        ent = ent || n->v[i].kind == WRP_REGISTER_NOTE_ENTITLEMENTS;
        name = name || n->v[i].kind == WRP_REGISTER_NOTE_NAME;
    }
    snprintf(out, size, "%s%s%s", ent ? "ENTITLEMENTS" : "", ent && name ? "," : "",
             name ? "NAME" : "");
}

/* ------------------------------------------------------------------------------------------ */
/* 1. The manifest                                                                               */

static void check_lookup(const tm_line *l, const wrp_rc *rc, const wrp_register_result *r,
                         const wrp_findings *f)
{
    bool failed = wrp_findings_has(f, WRP_CODE_REGISTER_NOT_FOUND) ||
                  wrp_findings_has(f, WRP_CODE_REGISTER_INTENDED_USE);
    if (!r->looked_up || failed) {
        assert_null(r->use);
        assert_null(r->regset);
        return;
    }
    assert_non_null(r->party);
    assert_non_null(r->use);
    assert_string_equal(r->use->id, rc->intended_use_id);
    assert_ptr_equal(r->regset, &r->use->credentials);
    assert_int_equal(wrp_reg_use_state_at(r->use, (int64_t)strtoll(opt_or(l, "time", "1798761600"),
                                                                     NULL, 10)),
                     WRP_REG_USE_IN_FORCE);
    const char *creds = tm_opt(l, "creds");
    if (creds != NULL)
        assert_int_equal(r->regset->n, strtoul(creds, NULL, 10));
    char notes[64];
    notes_text(&r->notes, notes, sizeof notes);
    const char *want = tm_opt(l, "notes");
    if (strcmp(notes, want ? want : "") != 0) {
        for (size_t i = 0; i < r->notes.n; i++)
            print_message("    note: %s\n", r->notes.v[i].message);
        fail_msg("notes [%s], expected [%s]", notes, want ? want : "");
    }
}

/* A document is authentic exactly when it parsed, is signed, and nothing was said against its
 * signature (checked for single-document lines, where the findings are that document's). */
static void check_authentic(const wrp_register_result *r, const wrp_findings *f)
{
    if (r->n_docs != 1)
        return;
    bool against = wrp_findings_has(f, WRP_CODE_REGISTER_SIGNATURE) ||
                   wrp_findings_has(f, WRP_CODE_REGISTER_UNTRUSTED) ||
                   wrp_findings_has(f, WRP_CODE_REGISTER_UNSIGNED) ||
                   wrp_findings_has(f, WRP_CODE_REGISTER_MALFORMED);
    assert_int_equal(r->doc_authentic[0], !against);
    assert_int_equal(r->doc_parsed[0], !wrp_findings_has(f, WRP_CODE_REGISTER_MALFORMED));
}

static void manifest_line(void **state)
{
    const tm_line *l = *state;
    wrp_rc rc;
    rc_make(&rc, opt_or(l, "sub", LEI), opt_or(l, "iu", IU), opt_or(l, "name", "Example Shop"),
            opt_or(l, "sub_ln", "Example Shop B.V."), opt_or(l, "ent", SP_URI));
    wrp_anchors *anchors = anchors_from(REG_DIR, opt_or(l, "anchors", "pki/reg-root.pem"));
    int64_t time = (int64_t)strtoll(opt_or(l, "time", "1798761600"), NULL, 10);
    inputs in;
    inputs_read(&in, REG_DIR, l->field[0]);

    wrp_findings f = {0};
    wrp_register_result r;
    assert_int_equal(wrp_check_register(anchors, time, in.v, in.n, &rc, &r, &f), WRP_OK);
    assert_int_equal(ERR_peek_error(), 0);
    assert_codes(&f, l->field[1]);
    for (size_t i = 0; i < f.n; i++)
        assert_int_equal(f.v[i].severity, f.v[i].code == WRP_CODE_REGISTER_UNSIGNED
                                              ? WRP_SEV_WARNING
                                              : WRP_SEV_ERROR);
    check_lookup(l, &rc, &r, &f);
    check_authentic(&r, &f);

    wrp_register_result_free(&r);
    wrp_findings_free(&f);
    inputs_free(&in);
    wrp_anchors_free(anchors);
    wrp_rc_free(&rc);
}

/* ------------------------------------------------------------------------------------------ */
/* 2. Rules in isolation                                                                        */

static void datetime_rfc3339(void **state)
{
    (void)state;
    static const struct {
        const char *s;
        wrp_datetime_form form;
        bool ok;
        int64_t want;
    } cases[] = {
        {"2027-01-01", WRP_DT_DATE_OR_TIME, true, T},
        {"2027-01-01", WRP_DT_DATE_TIME, false, 0},
        {"2027-01-01T00:00:00Z", WRP_DT_DATE_TIME, true, T},
        {"2027-01-01t00:00:00z", WRP_DT_DATE_TIME, true, T},
        {"2027-01-01T01:00:00+01:00", WRP_DT_DATE_TIME, true, T},
        {"2026-12-31T23:00:00-01:00", WRP_DT_DATE_TIME, true, T},
        {"2026-12-31T23:59:59.001Z", WRP_DT_DATE_TIME, true, T},
        {"2027-01-01T00:00:00.000Z", WRP_DT_DATE_TIME, true, T},
        {"2026-12-31T23:59:60Z", WRP_DT_DATE_TIME, true, T},
        {"1970-01-01T00:00:00Z", WRP_DT_DATE_TIME, true, 0},
        {"1969-12-31", WRP_DT_DATE_OR_TIME, true, -86400},
        {"2000-02-29", WRP_DT_DATE_OR_TIME, true, INT64_C(951782400)},
        {"2100-02-29", WRP_DT_DATE_OR_TIME, false, 0},
        {"2026-02-29", WRP_DT_DATE_OR_TIME, false, 0},
        {"2026-04-31", WRP_DT_DATE_OR_TIME, false, 0},
        {"2026-13-01", WRP_DT_DATE_OR_TIME, false, 0},
        {"2026-00-10", WRP_DT_DATE_OR_TIME, false, 0},
        {"2026-1-01", WRP_DT_DATE_OR_TIME, false, 0},
        {"2027-01-01 00:00:00Z", WRP_DT_DATE_TIME, false, 0},
        {"2027-01-01T00:00Z", WRP_DT_DATE_TIME, false, 0},
        {"2027-01-01T00:00:00", WRP_DT_DATE_TIME, false, 0},
        {"2027-01-01T00:00:00.Z", WRP_DT_DATE_TIME, false, 0},
        {"2027-01-01T24:00:00Z", WRP_DT_DATE_TIME, false, 0},
        {"2027-01-01T00:60:00Z", WRP_DT_DATE_TIME, false, 0},
        {"2027-01-01T00:00:61Z", WRP_DT_DATE_TIME, false, 0},
        {"2027-01-01T00:00:00+24:00", WRP_DT_DATE_TIME, false, 0},
        {"2027-01-01T00:00:00+0100", WRP_DT_DATE_TIME, false, 0},
        {"2027-01-01T00:00:00Z ", WRP_DT_DATE_TIME, false, 0},
        {" 2027-01-01", WRP_DT_DATE_OR_TIME, false, 0},
        {"2027-01-01x", WRP_DT_DATE_OR_TIME, false, 0},
        {"", WRP_DT_DATE_OR_TIME, false, 0},
        {"2027", WRP_DT_DATE_OR_TIME, false, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int64_t got = 12345;
        bool ok = wrp_datetime_parse(cases[i].s, cases[i].form, &got);
        if (ok != cases[i].ok || (ok && got != cases[i].want))
            fail_msg("\"%s\": %s %lld", cases[i].s, ok ? "accepted as" : "refused", (long long)got);
    }
    assert_false(wrp_datetime_parse(NULL, WRP_DT_DATE_OR_TIME, NULL));
}

/* Builds {"iss":"x","iat":1,"data":[ELEM, ELEM, ...]} with n elements. */
static char *listing(size_t n, const char *elem)
{
    size_t el = strlen(elem), cap = 64 + n * (el + 1);
    char *s = malloc(cap);
    assert_non_null(s);
    size_t k = (size_t)snprintf(s, cap, "{\"iss\":\"x\",\"iat\":1,\"data\":[");
    for (size_t i = 0; i < n; i++) {
        if (i > 0)
            s[k++] = ',';
        memcpy(s + k, elem, el);
        k += el;
    }
    snprintf(s + k, cap - k, "]}");
    return s;
}

static void register_party_limit(void **state)
{
    (void)state;
    wrp_regdoc d;
    wrp_err err = {{0}};
    char *ok = listing(WRP_MAX_REGISTER_PARTIES, "{\"identifier\":[]}");
    assert_int_equal(wrp_regdoc_parse((const uint8_t *)ok, strlen(ok), &d, &err), WRP_OK);
    assert_int_equal(d.n_parties, WRP_MAX_REGISTER_PARTIES);
    wrp_regdoc_free(&d);
    free(ok);
    char *over = listing(WRP_MAX_REGISTER_PARTIES + 1, "{}");
    assert_int_equal(wrp_regdoc_parse((const uint8_t *)over, strlen(over), &d, &err), WRP_ERR_LIMIT);
    assert_non_null(strstr(err.msg, "more than"));
    free(over);
}

/* The rule the index stands for: one of the party's identifiers equals sub, byte for byte. */
static bool party_has_id(const wrp_reg_party *p, const char *sub)
{
    for (size_t i = 0; i < p->n_ids; i++)
        if (p->ids[i].value != NULL && strcmp(p->ids[i].value, sub) == 0)
            return true;
    return false;
}

/* The index of relying parties finds, for every identifier, exactly the parties that the rule
 * (party_has_id over every party of every document read, in order) matches, in that order, each
 * once: identifiers repeated within a party, across parties and across documents, typed
 * identifiers whose EN 319 412-1 form is another party's identifier (the form does not match), an
 * unread document. */
static void register_index_finds_what_a_scan_finds(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "[{\"identifier\":[{\"identifier\":\"A\"},{\"identifier\":\"A\"}]},"
        " {\"identifier\":[{\"type\":\"" EUDI_ID "LEI\",\"identifier\":\"529900T8BM49AURSDO55\"}]},"
        " {\"identifier\":[]},"
        " {\"identifier\":[{\"identifier\":\"" LEI "\"},{\"identifier\":\"B\"}]}]",
        "{\"iss\":\"x\",\"iat\":1,\"data\":[",
        "[{\"identifier\":[{\"identifier\":\"B\"},{\"type\":\"" EUDI_ID "VATIN\",\"identifier\":\"BE0876866142\"}]},"
        " {\"identifier\":[{\"type\":\"" EUDI_ID "LEI\",\"identifier\":\"529900T8BM49AURSDO55\"},"
        "                  {\"identifier\":\"" LEI "\"}]},"
        " {\"identifier\":[{\"identifier\":\"VATBE-0876866142\"},{\"identifier\":\"A\"}]}]",
    };
    enum { N = sizeof texts / sizeof texts[0] };
    wrp_regdoc docs[N];
    bool parsed[N];
    for (size_t i = 0; i < N; i++) {
        wrp_err err = {{0}};
        parsed[i] = wrp_regdoc_parse((const uint8_t *)texts[i], strlen(texts[i]), &docs[i], &err) == WRP_OK;
    }
    assert_true(parsed[0] && !parsed[1] && parsed[2]);
    wrp_reg_parties *ix = NULL;
    assert_int_equal(wrp_reg_parties_new(docs, parsed, N, &ix), WRP_OK);
    assert_int_equal(wrp_reg_parties_count(ix), 7);
    static const char *const subs[] = {"A", "B", LEI, "VATBE-0876866142", "BE0876866142",
                                       "529900T8BM49AURSDO55", "C", "", "LEIXG-"};
    size_t found = 0;
    for (size_t s = 0; s < sizeof subs / sizeof subs[0]; s++) {
        const wrp_reg_party **hits = NULL;
        size_t n = 0, k = 0;
        assert_int_equal(wrp_reg_parties_find(ix, subs[s], &hits, &n), WRP_OK);
        for (size_t d = 0; d < N; d++) {
            for (size_t p = 0; parsed[d] && p < docs[d].n_parties; p++) {
                if (!party_has_id(&docs[d].parties[p], subs[s]))
                    continue;
                if (k >= n || hits[k] != &docs[d].parties[p])
                    fail_msg("\"%s\": the index differs from the scan at match %zu", subs[s], k);
                k++;
            }
        }
        if (k != n)
            fail_msg("\"%s\": the index finds %zu parties, the scan %zu", subs[s], n, k);
        found += n;
        free(hits);
    }
    assert_int_equal(found, 10); /* the cases above are not all empty */
    wrp_reg_parties_free(ix);
    for (size_t i = 0; i < N; i++)
        if (parsed[i])
            wrp_regdoc_free(&docs[i]);
}

/* {"identifier":[],"services":[{"intendedUses":[a uses]},{"intendedUses":[b uses]}]} */
static char *two_services(size_t a, size_t b)
{
    const char *u = "{\"intendedUseIdentifier\":\"x\"}";
    size_t cap = 256 + (a + b) * (strlen(u) + 1);
    char *s = malloc(cap);
    assert_non_null(s);
    size_t k = (size_t)snprintf(s, cap, "{\"identifier\":[],\"services\":[");
    for (size_t svc = 0; svc < 2; svc++) {
        k += (size_t)snprintf(s + k, cap - k, "%s{\"intendedUses\":[", svc ? "," : "");
        for (size_t i = 0; i < (svc ? b : a); i++)
            k += (size_t)snprintf(s + k, cap - k, "%s%s", i ? "," : "", u);
        k += (size_t)snprintf(s + k, cap - k, "]}");
    }
    snprintf(s + k, cap - k, "]}");
    return s;
}

/* The intended uses of one relying party count together, services included. */
static void register_use_limit(void **state)
{
    (void)state;
    size_t half = WRP_MAX_REGISTER_LIST / 2;
    wrp_regdoc d;
    wrp_err err = {{0}};
    char *ok = two_services(half, half);
    assert_int_equal(wrp_regdoc_parse((const uint8_t *)ok, strlen(ok), &d, &err), WRP_OK);
    assert_int_equal(d.parties[0].n_uses, WRP_MAX_REGISTER_LIST);
    assert_int_equal(d.parties[0].uses[WRP_MAX_REGISTER_LIST - 1].service, 1);
    wrp_regdoc_free(&d);
    free(ok);
    char *over = two_services(half, half + 1);
    assert_int_equal(wrp_regdoc_parse((const uint8_t *)over, strlen(over), &d, &err), WRP_ERR_LIMIT);
    assert_non_null(strstr(err.msg, "intended uses in all"));
    free(over);
}

static void register_arguments(void **state)
{
    (void)state;
    wrp_findings f = {0};
    wrp_register_result r;
    wrp_register_input one = {(const uint8_t *)"[]", 2};
    assert_int_equal(wrp_check_register(NULL, T, NULL, 1, NULL, &r, &f), WRP_ERR_ARG);
    assert_int_equal(wrp_check_register(NULL, T, &one, WRP_MAX_REGISTER_DOCS + 1, NULL, &r, &f),
                     WRP_ERR_ARG);
    assert_int_equal(wrp_check_register(NULL, T, &one, 1, NULL, NULL, &f), WRP_ERR_ARG);
    wrp_regdoc d;
    assert_int_equal(wrp_regdoc_parse(NULL, 1, &d, NULL), WRP_ERR_ARG);
    assert_int_equal(wrp_regdoc_parse(NULL, 0, NULL, NULL), WRP_ERR_ARG);
    wrp_register_result_free(NULL);
    wrp_regdoc_free(NULL);
    assert_int_equal(f.n, 0);
}

/* Without a certificate the documents are still judged, and nothing is looked up. */
static void register_without_certificate(void **state)
{
    (void)state;
    inputs in;
    inputs_read(&in, REG_DIR, "unsigned-payload.json,sig-flipped.jwt");
    wrp_findings f = {0};
    wrp_register_result r;
    assert_int_equal(wrp_check_register(NULL, T, in.v, in.n, NULL, &r, &f), WRP_OK);
    assert_codes(&f, "REGISTER_UNSIGNED,REGISTER_SIGNATURE");
    assert_false(r.looked_up);
    assert_true(r.doc_parsed[0] && r.doc_parsed[1]);
    assert_null(r.use);
    wrp_register_result_free(&r);
    wrp_findings_free(&f);
    inputs_free(&in);
}

/* No document could be read: the lookup does not run (REGISTER_MALFORMED says it all). */
static void register_nothing_readable(void **state)
{
    (void)state;
    inputs in;
    inputs_read(&in, REG_DIR, "malformed-garbage.txt,malformed-bom.json");
    wrp_rc rc;
    rc_make(&rc, LEI, IU, NULL, NULL, NULL);
    wrp_findings f = {0};
    wrp_register_result r;
    assert_int_equal(wrp_check_register(NULL, T, in.v, in.n, &rc, &r, &f), WRP_OK);
    assert_int_equal(f.n, 2);
    assert_false(r.looked_up);
    wrp_register_result_free(&r);
    wrp_findings_free(&f);
    wrp_rc_free(&rc);
    inputs_free(&in);
}

static const char *message_of(const wrp_findings *f, wrp_code code)
{
    for (size_t i = 0; i < f->n; i++)
        if (f->v[i].code == code)
            return f->v[i].message;
    fail_msg("no %s finding", wrp_code_str(code));
    return NULL;
}

/* The messages say why: the identifier looked for, an incomplete listing, the revocation date. */
static void register_messages_explain(void **state)
{
    (void)state;
    wrp_rc rc;
    rc_make(&rc, LEI, IU, NULL, NULL, NULL);
    inputs in;
    inputs_read(&in, REG_DIR, "page1.jwt");
    wrp_anchors *a = anchors_from(REG_DIR, "pki/reg-root.pem");
    wrp_findings f = {0};
    wrp_register_result r;
    assert_int_equal(wrp_check_register(a, T, in.v, in.n, &rc, &r, &f), WRP_OK);
    const char *m = message_of(&f, WRP_CODE_REGISTER_NOT_FOUND);
    assert_non_null(strstr(m, LEI));
    assert_non_null(strstr(m, "among the 2"));
    assert_non_null(strstr(m, "incomplete"));
    wrp_register_result_free(&r);
    wrp_findings_free(&f);
    inputs_free(&in);

    inputs_read(&in, REG_DIR, "revoked-date.json");
    assert_int_equal(wrp_check_register(a, T, in.v, in.n, &rc, &r, &f), WRP_OK);
    assert_non_null(strstr(message_of(&f, WRP_CODE_REGISTER_INTENDED_USE), "revoked at 2026-12-31"));
    wrp_register_result_free(&r);
    wrp_findings_free(&f);
    inputs_free(&in);

    inputs_read(&in, REG_DIR, "revoked-unparseable.json");
    assert_int_equal(wrp_check_register(a, T, in.v, in.n, &rc, &r, &f), WRP_OK);
    assert_non_null(strstr(message_of(&f, WRP_CODE_REGISTER_INTENDED_USE), "counts as revoked"));
    wrp_register_result_free(&r);
    wrp_findings_free(&f);
    inputs_free(&in);
    wrp_anchors_free(a);
    wrp_rc_free(&rc);
}

/* The OpenAPI shape: `credential`, `claim`, meta and paths as JSON text, a plain-key path. */
static void register_openapi_shape_content(void **state)
{
    (void)state;
    size_t len;
    uint8_t *data = must_read(REG_DIR, "openapi-shape.json", &len);
    wrp_regdoc d;
    wrp_err err = {{0}};
    assert_int_equal(wrp_regdoc_parse(data, len, &d, &err), WRP_OK);
    const wrp_reg_use *u = &d.parties[0].uses[0];
    assert_int_equal(u->credentials.n, 2);
    const wrp_reg_cred *c = &u->credentials.v[0];
    assert_string_equal(c->format, "dc+sd-jwt");
    assert_int_equal(c->n_types, 1);
    assert_string_equal(c->types[0], "urn:eudi:pid:1");
    assert_int_equal(c->n_claims, 3);
    assert_int_equal(c->claims[0].path.n, 1);
    assert_string_equal(c->claims[0].path.e[0].str, "age_over_18");
    assert_int_equal(c->claims[1].path.n, 1);
    assert_string_equal(c->claims[1].path.e[0].str, "nationalities");
    assert_non_null(c->claims[2].values);
    assert_int_equal(u->credentials.v[1].claims[0].path.n, 2);
    assert_string_equal(u->purpose.v[0].value, "Checking that the buyer is of age");
    wrp_regdoc_free(&d);
    free(data);
}

/* ------------------------------------------------------------------------------------------ */
/* Bounded work: signatures and headers of the JWS JSON serialization, entitlements               */

/* Text of at most a few MB built with printf-like appends. */
typedef struct text {
    char *p;
    size_t n, cap;
} text;

static void put(text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void put(text *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    assert_true(k >= 0);
    if (t->n + (size_t)k + 1 > t->cap) {
        t->cap = (t->n + (size_t)k + 1) * 2;
        assert_non_null(t->p = realloc(t->p, t->cap));
    }
    va_start(ap, fmt);
    vsnprintf(t->p + t->n, t->cap - t->n, fmt, ap);
    va_end(ap);
    t->n += (size_t)k;
}

static char *b64u(const char *s)
{
    char *out = NULL;
    assert_int_equal(wrp_b64url_encode((const uint8_t *)s, strlen(s), &out), WRP_OK);
    return out;
}

/* The base64url payload {iss, iat, data: [], pad} of about pad bytes. */
static char *payload_b64(size_t pad)
{
    text t = {0};
    put(&t, "{\"iss\":\"https://registrar.example\",\"iat\":1,\"data\":[],\"pad\":\"");
    for (size_t i = 0; i < pad; i++)
        put(&t, "x");
    put(&t, "\"}");
    char *b = b64u(t.p);
    free(t.p);
    return b;
}

/* A header object: {"alg":"ES256"} when alg, and n parameters "<prefix>0": 0, ... */
static char *header_json(bool alg, const char *prefix, size_t n)
{
    text t = {0};
    put(&t, "{%s", alg ? "\"alg\":\"ES256\"" : "");
    for (size_t i = 0; i < n; i++)
        put(&t, "%s\"%s%zu\":0", alg || i > 0 ? "," : "", prefix, i);
    put(&t, "}");
    return t.p;
}

/* The flattened JWS JSON serialization with the given protected header (JSON) and header. */
static char *flattened(const char *prot_json, const char *unprot_json)
{
    char *payload = payload_b64(8), *prot = b64u(prot_json);
    text t = {0};
    put(&t, "{\"payload\":\"%s\",\"protected\":\"%s\",", payload, prot);
    if (unprot_json != NULL)
        put(&t, "\"header\":%s,", unprot_json);
    put(&t, "\"signature\":\"AQ\"}");
    free(payload);
    free(prot);
    return t.p;
}

static wrp_status parse_text(const char *doc, wrp_err *err)
{
    wrp_regdoc d;
    wrp_status st = wrp_regdoc_parse((const uint8_t *)doc, strlen(doc), &d, err);
    if (st == WRP_OK)
        wrp_regdoc_free(&d);
    return st;
}

/* Each header of a signature holds at most WRP_MAX_REGISTER_HEADER parameters, so that checking
 * that the two are disjoint stays small. */
static void register_header_limit(void **state)
{
    (void)state;
    wrp_err err = {{0}};
    const size_t max = WRP_MAX_REGISTER_HEADER;
    char *alg = header_json(true, "p", 0), *p_ok = header_json(true, "p", max - 1),
         *p_over = header_json(true, "p", max), *u_ok = header_json(false, "u", max),
         *u_over = header_json(false, "u", max + 1);
    char *doc = flattened(p_ok, u_ok);
    assert_int_equal(parse_text(doc, &err), WRP_OK);
    free(doc);
    doc = flattened(alg, u_over);
    assert_int_equal(parse_text(doc, &err), WRP_ERR_LIMIT);
    assert_non_null(strstr(err.msg, "unprotected header has more than 64 parameters"));
    free(doc);
    doc = flattened(p_over, NULL);
    assert_int_equal(parse_text(doc, &err), WRP_ERR_LIMIT);
    assert_non_null(strstr(err.msg, "protected header has more than 64 parameters"));
    free(doc);
    free(alg);
    free(p_ok);
    free(p_over);
    free(u_ok);
    free(u_over);
}

/* The signer certificate of the register vectors, as an x5c element. */
static char *signer_b64(void)
{
    X509 *cert = NULL;
    assert_int_equal(tp_read_pem_certs(REG_DIR "pki/reg-signer.pem", &cert, 1), 1);
    size_t len = 0;
    uint8_t *der = tp_der(cert, &len);
    assert_non_null(der);
    char *b = tc_b64(der, len);
    free(der);
    X509_free(cert);
    return b;
}

/* A general JWS JSON serialization: n signatures with x5c and a 64-byte ES256 signature that
 * does not verify, over a payload of about pad bytes. */
static char *general(size_t n, size_t pad)
{
    char *payload = payload_b64(pad), *x5c = signer_b64();
    text hdr = {0};
    put(&hdr, "{\"alg\":\"ES256\",\"x5c\":[\"%s\"]}", x5c);
    char *prot = b64u(hdr.p), *sig = NULL;
    uint8_t zeros[64] = {1};
    assert_int_equal(wrp_b64url_encode(zeros, sizeof zeros, &sig), WRP_OK);
    text t = {0};
    put(&t, "{\"payload\":\"%s\",\"signatures\":[", payload);
    for (size_t i = 0; i < n; i++)
        put(&t, "%s{\"protected\":\"%s\",\"signature\":\"%s\"}", i ? "," : "", prot, sig);
    put(&t, "]}");
    free(payload);
    free(x5c);
    free(hdr.p);
    free(prot);
    free(sig);
    return t.p;
}

/* At most WRP_MAX_REGISTER_SIGNATURES signatures (TS5 documents have one). */
static void register_signature_limit(void **state)
{
    (void)state;
    wrp_err err = {{0}};
    char *doc = general(WRP_MAX_REGISTER_SIGNATURES, 8);
    wrp_regdoc d;
    assert_int_equal(wrp_regdoc_parse((const uint8_t *)doc, strlen(doc), &d, &err), WRP_OK);
    assert_int_equal(d.n_sigs, WRP_MAX_REGISTER_SIGNATURES);
    assert_true(d.sigs[WRP_MAX_REGISTER_SIGNATURES - 1].usable);
    wrp_regdoc_free(&d);
    free(doc);
    doc = general(WRP_MAX_REGISTER_SIGNATURES + 1, 8);
    assert_int_equal(wrp_regdoc_parse((const uint8_t *)doc, strlen(doc), &d, &err), WRP_ERR_LIMIT);
    assert_non_null(strstr(err.msg, "JWS.signatures has more than 16 elements"));
    free(doc);
}

/* The signatures of one document share its payload: it is decoded once, and each signature's
 * signing input exists only while that signature is verified. Reading and judging a document
 * with the most signatures over a large payload takes a few times its size in heap, not a copy
 * of the payload per signature. */
static void register_signatures_share_the_payload(void **state)
{
    (void)state;
    const char *why = NULL;
    int counted = ai_available(&why);
    char *doc = general(WRP_MAX_REGISTER_SIGNATURES, 256 * 1024);
    size_t len = strlen(doc);
    wrp_regdoc d;
    wrp_err err = {{0}};
    size_t base = ai_bytes_live;
    ai_bytes_peak = ai_bytes_live;
    assert_int_equal(wrp_regdoc_parse((const uint8_t *)doc, len, &d, &err), WRP_OK);
    size_t parse_peak = ai_bytes_peak - base;
    assert_int_equal(d.n_sigs, WRP_MAX_REGISTER_SIGNATURES);
    wrp_regdoc_free(&d);

    wrp_anchors *a = anchors_from(REG_DIR, "pki/reg-root.pem");
    wrp_register_input in = {(const uint8_t *)doc, len};
    wrp_findings f = {0};
    wrp_register_result r;
    base = ai_bytes_live;
    ai_bytes_peak = ai_bytes_live;
    assert_int_equal(wrp_check_register(a, T, &in, 1, NULL, &r, &f), WRP_OK);
    size_t judge_peak = ai_bytes_peak - base;
    assert_codes(&f, "REGISTER_SIGNATURE");
    assert_non_null(strstr(f.v[0].message, "does not verify with x5c[0]"));
    wrp_register_result_free(&r);
    wrp_findings_free(&f);
    wrp_anchors_free(a);
    free(doc);
    if (!counted) {
        printf("heap not measured: %s\n", why);
        return;
    }
    printf("%zu bytes, %u signatures: peak heap %zu reading, %zu judging\n", len,
           WRP_MAX_REGISTER_SIGNATURES, parse_peak, judge_peak);
    if (parse_peak > 6 * len || judge_peak > 6 * len)
        fail_msg("peak heap %zu reading and %zu judging a document of %zu bytes (at most 6 times "
                 "its size)", parse_peak, judge_peak, len);
}

/* The entitlements of the certificate and of the register compare as sets, sorted: the work
 * grows with the two lists' lengths, not with their product. */
static void register_entitlements_compare_as_sets(void **state)
{
    (void)state;
    const size_t n = 4096;
    wrp_reg_party p = {0};
    wrp_reg_use u = {0};
    u.service = WRP_REG_NO_SERVICE;
    p.has_entitlements = true;
    p.n_entitlements = n;
    assert_non_null(p.entitlements = calloc(n, sizeof *p.entitlements));
    wrp_rc rc = {0};
    rc.n_entitlements = 2 * n;
    assert_non_null(rc.entitlements = calloc(2 * n, sizeof *rc.entitlements));
    char buf[96];
    for (size_t i = 0; i < n; i++) {
        snprintf(buf, sizeof buf, SP_URI "/E%06zu", i);
        assert_non_null(p.entitlements[i] = strdup(i == 0 ? SP_URI : buf));
        /* the certificate: every one twice, in the other order, the first as its OID */
        snprintf(buf, sizeof buf, SP_URI "/E%06zu", n - 1 - i);
        assert_non_null(rc.entitlements[i] = strdup(i == n - 1 ? "0.4.0.19475.1.1" : buf));
        assert_non_null(rc.entitlements[n + i] = strdup(rc.entitlements[i]));
    }
    wrp_register_notes notes;
    wrp_register_consistency(&rc, &p, &u, &notes);
    assert_int_equal(notes.n, 0);
    size_t bound = 4 * (n + 2 * n);
    if (notes.work > bound)
        fail_msg("%zu steps comparing %zu and %zu entitlements (at most %zu)", notes.work, 2 * n, n,
                 bound);
    assert_true(notes.work >= 3 * n);

    free(rc.entitlements[0]);
    assert_non_null(rc.entitlements[0] = strdup(SP_URI "/other"));
    wrp_register_consistency(&rc, &p, &u, &notes);
    assert_int_equal(notes.n, 1);
    assert_int_equal(notes.v[0].kind, WRP_REGISTER_NOTE_ENTITLEMENTS);
    assert_true(notes.work <= bound);
    wrp_rc_free(&rc);
    for (size_t i = 0; i < n; i++)
        free(p.entitlements[i]);
    free(p.entitlements);
}

/* ------------------------------------------------------------------------------------------ */
/* 3. Interop: the TS5 register examples of go-eudi-rpcert and IT-Wallet                         */

static void parse_example(const char *dir, const char *name, wrp_regdoc *d)
{
    size_t len;
    uint8_t *data = must_read(dir, name, &len);
    wrp_err err = {{0}};
    if (wrp_regdoc_parse(data, len, d, &err) != WRP_OK)
        fail_msg("%s%s: %s", dir, name, err.msg);
    free(data);
    assert_int_equal(d->form, WRP_REGDOC_UNSIGNED);
}

static void assert_id(const wrp_reg_party *p, size_t i, const char *type, const char *value)
{
    assert_true(i < p->n_ids);
    assert_string_equal(p->ids[i].type, type);
    assert_string_equal(p->ids[i].value, value);
}

/* Every JSON file of both example folders reads as an unsigned register document. */
static void interop_every_example_reads(void **state)
{
    (void)state;
    const char *dirs[] = {GO_DIR, IT_DIR};
    size_t total = 0;
    for (size_t i = 0; i < 2; i++) {
        DIR *dir = opendir(dirs[i]);
        assert_non_null(dir);
        struct dirent *e;
        while ((e = readdir(dir)) != NULL) {
            size_t n = strlen(e->d_name);
            if (n < 5 || strcmp(e->d_name + n - 5, ".json") != 0)
                continue;
            wrp_regdoc d;
            parse_example(dirs[i], e->d_name, &d);
            assert_true(d.n_parties > 0 || d.content == WRP_REGDOC_CHECK_RESULT);
            wrp_regdoc_free(&d);
            total++;
        }
        closedir(dir);
    }
    assert_int_equal(total, 10);
}

/* wrp-single, wrp-stale: one relying party, no intended use. */
static void interop_go_single_and_stale(void **state)
{
    (void)state;
    const char *names[] = {"wrp-single.json", "wrp-stale.json"};
    for (size_t i = 0; i < 2; i++) {
        wrp_regdoc d;
        parse_example(GO_DIR, names[i], &d);
        assert_int_equal(d.content, WRP_REGDOC_WRP);
        assert_string_equal(d.iss, "https://registrar.example-ms.eu");
        assert_int_equal(d.iat, 1783155600);
        assert_false(d.has_pagination);
        assert_int_equal(d.n_parties, 1);
        const wrp_reg_party *p = &d.parties[0];
        assert_int_equal(p->n_ids, 1);
        assert_id(p, 0, EUDI_ID "EUID", "DEUTR.HRB123456");
        assert_string_equal(p->trade_name, "Example Age Check");
        assert_string_equal(p->country, "DE");
        assert_string_equal(p->registry_uri, "https://registrar.example-ms.eu/api");
        assert_true(p->has_entitlements);
        assert_int_equal(p->n_entitlements, 1);
        assert_string_equal(p->entitlements[0], SP_URI);
        assert_int_equal(p->is_psb, 0);
        assert_int_equal(p->is_intermediary, 0);
        assert_int_equal(p->n_uses, 0);
        assert_int_equal(p->n_intermediaries, 0);
        wrp_regdoc_free(&d);
    }
}

/* wrp-linked, wrp-unlinked: the relying party and the intermediary it uses. */
static void interop_go_intermediaries(void **state)
{
    (void)state;
    const struct {
        const char *file, *lei, *name;
    } cases[] = {{"wrp-linked.json", "529900EXAMPLE0000001", "Verifier Operator"},
                 {"wrp-unlinked.json", "529900OTHEROPERATOR9", "Other Operator"}};
    for (size_t i = 0; i < 2; i++) {
        wrp_regdoc d;
        parse_example(GO_DIR, cases[i].file, &d);
        assert_int_equal(d.n_parties, 1);
        const wrp_reg_party *p = &d.parties[0];
        assert_int_equal(p->is_intermediary, 0);
        assert_int_equal(p->n_intermediaries, 1);
        const wrp_reg_party *im = &p->intermediaries[0];
        assert_id(im, 0, EUDI_ID "LEI", cases[i].lei);
        assert_string_equal(im->trade_name, cases[i].name);
        assert_int_equal(im->is_intermediary, 1);
        assert_int_equal(im->n_uses, 0);
        wrp_regdoc_free(&d);
    }
}

/* wrp-page1 and wrp-page2: a paginated listing (the OpenAPI shapes). */
static void interop_go_pages(void **state)
{
    (void)state;
    wrp_regdoc d;
    parse_example(GO_DIR, "wrp-page1.json", &d);
    assert_int_equal(d.content, WRP_REGDOC_WRP_ARRAY);
    assert_true(d.has_pagination);
    assert_string_equal(d.next_cursor, "b3BhcXVlLXBhZ2UtMg");
    assert_int_equal(d.has_next_page, 1);
    assert_int_equal(d.n_parties, 1);
    const wrp_reg_party *p = &d.parties[0];
    assert_int_equal(p->n_legal_names, 1);
    assert_string_equal(p->legal_names[0], "Example Retail GmbH");
    assert_int_equal(p->n_intermediaries, 1);
    assert_int_equal(p->n_uses, 2);
    const wrp_reg_use *u = &p->uses[0];
    assert_string_equal(u->id, "iu-age-001");
    assert_int_equal(u->service, WRP_REG_NO_SERVICE);
    assert_int_equal(u->purpose.n, 1);
    assert_string_equal(u->purpose.v[0].lang, "en");
    assert_string_equal(u->purpose.v[0].value, "Proof of age for online purchase");
    assert_int_equal(u->n_privacy, 1);
    assert_string_equal(u->privacy[0].type, "http://data.europa.eu/eudi/policy/privacy-policy");
    assert_string_equal(u->privacy[0].uri, "https://rp.example.com/privacy");
    assert_string_equal(u->created_at, "2026-01-15");
    assert_false(u->has_revoked_at);
    assert_int_equal(u->credentials.n, 2);
    assert_string_equal(u->credentials.v[0].format, "dc+sd-jwt");
    assert_string_equal(u->credentials.v[0].types[0], "urn:eudi:pid:1");
    assert_int_equal(u->credentials.v[0].n_claims, 1);
    assert_int_equal(u->credentials.v[0].claims[0].path.n, 2);
    assert_string_equal(u->credentials.v[0].claims[0].path.e[1].str, "18");
    assert_string_equal(u->credentials.v[1].format, "mso_mdoc");
    assert_string_equal(u->credentials.v[1].types[0], "eu.europa.ec.eudi.pid.1");
    assert_string_equal(p->uses[1].id, "iu-legacy-002");
    assert_string_equal(p->uses[1].revoked_at, "2026-06-01");
    assert_int_equal(wrp_reg_use_state_at(&p->uses[1], NOV28), WRP_REG_USE_REVOKED);
    assert_int_equal(wrp_reg_use_state_at(&p->uses[1], MAY01), WRP_REG_USE_IN_FORCE);
    wrp_regdoc_free(&d);

    parse_example(GO_DIR, "wrp-page2.json", &d);
    assert_int_equal(d.iat, 1783155660);
    assert_int_equal(d.has_next_page, 0);
    assert_null(d.next_cursor);
    assert_int_equal(d.n_parties, 1);
    assert_id(&d.parties[0], 0, EUDI_ID "LEI", "529900EXAMPLE0000001");
    assert_int_equal(d.parties[0].is_intermediary, 1);
    wrp_regdoc_free(&d);
}

/* check-true, check-false: /wrp/check-intended-use results (read; they name no relying party). */
static void interop_go_check_results(void **state)
{
    (void)state;
    wrp_regdoc d;
    parse_example(GO_DIR, "check-true.json", &d);
    assert_int_equal(d.content, WRP_REGDOC_CHECK_RESULT);
    assert_int_equal(d.is_registered, 1);
    assert_null(d.details);
    assert_int_equal(d.n_parties, 0);
    wrp_regdoc_free(&d);
    parse_example(GO_DIR, "check-false.json", &d);
    assert_int_equal(d.is_registered, 0);
    assert_string_equal(d.details, "no matching intended use");
    wrp_regdoc_free(&d);
}

/* IT-Wallet: a relying party object on its own, intended uses under services[], meta.vct. */
static void interop_it_services(void **state)
{
    (void)state;
    wrp_regdoc d;
    parse_example(IT_DIR, "register-wrp-rp.json", &d);
    assert_int_equal(d.content, WRP_REGDOC_BARE_WRP);
    assert_null(d.iss);
    const wrp_reg_party *p = &d.parties[0];
    assert_int_equal(p->n_ids, 2);
    assert_id(p, 0, EUDI_ID "EUID", "IT-EUID-123456789");
    assert_id(p, 1, EUDI_ID "VATIN", "IT98765432101");
    assert_string_equal(p->trade_name, "ExampleBank");
    assert_string_equal(p->legal_names[0], "ExampleBank S.p.A.");
    assert_false(p->has_entitlements);
    assert_int_equal(p->n_services, 1);
    assert_string_equal(p->services[0].id, "svc-mobile-01");
    assert_string_equal(p->services[0].trade_name, "ExampleBank Mobile");
    assert_true(p->services[0].has_entitlements);
    assert_string_equal(p->services[0].entitlements[0], SP_URI);
    assert_int_equal(p->services[0].is_intermediary, 0);
    assert_int_equal(p->n_uses, 1);
    const wrp_reg_use *u = &p->uses[0];
    assert_string_equal(u->id, "iu-001");
    assert_int_equal(u->service, 0);
    assert_string_equal(u->privacy[0].type, "http://data.europa.eu/eudi/policy/privacy-statement");
    assert_string_equal(u->created_at, "2026-01-01");
    assert_int_equal(u->credentials.n, 1);
    const wrp_reg_cred *c = &u->credentials.v[0];
    assert_int_equal(c->n_types, 1);
    assert_string_equal(c->types[0], "https://example.eu/schema/pid");
    assert_int_equal(c->n_claims, 3);
    assert_string_equal(c->claims[2].path.e[0].str, "birth_date");
    wrp_regdoc_free(&d);

    parse_example(IT_DIR, "register-wrp-rp-intermediary.json", &d);
    p = &d.parties[0];
    assert_string_equal(p->trade_name, "TrustBridge");
    assert_int_equal(p->n_services, 1);
    assert_int_equal(p->services[0].is_intermediary, 1);
    assert_int_equal(p->n_uses, 0);
    wrp_regdoc_free(&d);
}

/* Looks up sub / iu in the given example files at time t; expected codes as in the manifest. */
static void lookup_in(const char *dir, const char *files, const char *sub, const char *iu, int64_t t,
                      const char *expected, const char *name, wrp_register_result *r)
{
    wrp_rc rc;
    rc_make(&rc, sub, iu, name, NULL, SP_URI);
    inputs in;
    inputs_read(&in, dir, files);
    wrp_findings f = {0};
    assert_int_equal(wrp_check_register(NULL, t, in.v, in.n, &rc, r, &f), WRP_OK);
    assert_codes(&f, expected);
    wrp_findings_free(&f);
    inputs_free(&in);
    wrp_rc_free(&rc);
}

static void interop_go_lookups(void **state)
{
    (void)state;
    const char *pages = "wrp-page1.json,wrp-page2.json";
    wrp_register_result r;
    lookup_in(GO_DIR, pages, "DEUTR.HRB123456", "iu-age-001", NOV28, "REGISTER_UNSIGNED",
              "Example Age Check", &r);
    assert_non_null(r.use);
    assert_int_equal(r.regset->n, 2);
    assert_int_equal(r.notes.n, 0);
    wrp_register_result_free(&r);
    lookup_in(GO_DIR, pages, "DEUTR.HRB123456", "iu-legacy-002", NOV28,
              "REGISTER_UNSIGNED,REGISTER_INTENDED_USE", "Example Age Check", &r);
    assert_null(r.use);
    wrp_register_result_free(&r);
    lookup_in(GO_DIR, pages, "DEUTR.HRB123456", "iu-legacy-002", MAY01, "REGISTER_UNSIGNED",
              "Example Age Check", &r);
    assert_non_null(r.use);
    wrp_register_result_free(&r);
    lookup_in(GO_DIR, pages, "NTRDE-DEUTR.HRB123456", "iu-age-001", NOV28,
              "REGISTER_UNSIGNED,REGISTER_NOT_FOUND", "Example Age Check", &r);
    wrp_register_result_free(&r);
    /* The intermediary is listed on page 2 without intended uses of its own. */
    lookup_in(GO_DIR, pages, "529900EXAMPLE0000001", "iu-age-001", NOV28,
              "REGISTER_UNSIGNED,REGISTER_INTENDED_USE", "Verifier Operator", &r);
    assert_null(r.use);
    wrp_register_result_free(&r);
    /* A check result names no relying party: nothing to find in it. */
    lookup_in(GO_DIR, "check-true.json", "DEUTR.HRB123456", "iu-age-001", NOV28,
              "REGISTER_UNSIGNED,REGISTER_NOT_FOUND", NULL, &r);
    wrp_register_result_free(&r);
}

static void interop_it_lookups(void **state)
{
    (void)state;
    wrp_register_result r;
    lookup_in(IT_DIR, "register-wrp-rp.json", "IT-EUID-123456789", "iu-001", NOV28,
              "REGISTER_UNSIGNED", "ExampleBank Mobile", &r);
    assert_non_null(r.use);
    assert_int_equal(r.use->service, 0);
    assert_int_equal(r.notes.n, 0);
    wrp_register_result_free(&r);
    lookup_in(IT_DIR, "register-wrp-rp.json", "VATIT-98765432101", "iu-001", NOV28,
              "REGISTER_UNSIGNED,REGISTER_NOT_FOUND", "ExampleBank", &r);
    wrp_register_result_free(&r);
    lookup_in(IT_DIR, "register-wrp-rp.json", "IT-EUID-123456789", "iu-001", INT64_C(1767139200),
              "REGISTER_UNSIGNED,REGISTER_INTENDED_USE", "ExampleBank", &r); /* 2025-12-31 */
    wrp_register_result_free(&r);
    lookup_in(IT_DIR, "register-wrp-rp.json", "IT-EUID-123456789", "iu-001", NOV28,
              "REGISTER_UNSIGNED", "Another Bank", &r);
    assert_int_equal(r.notes.n, 1);
    assert_int_equal(r.notes.v[0].kind, WRP_REGISTER_NOTE_NAME);
    wrp_register_result_free(&r);
}

/* files, expected codes, then key=value options */
static const char *const manifest_keys[] = {"anchors", "creds", "ent", "iu", "name", "notes", "sub",
                                            "sub_ln", "time", NULL};
static const tm_format manifest_format = {.min_fields = 2, .max_fields = TM_MAX_FIELDS,
                                          .options_from = 2, .keys = manifest_keys};

int main(void)
{
    tm_manifest m;
    if (tm_load(REG_DIR "manifest.tsv", &manifest_format, &m) != 0) {
        fprintf(stderr, "%s\n", m.error);
        return 1;
    }
    struct CMUnitTest *tests = calloc(m.n, sizeof *tests);
    if (tests == NULL)
        return 1;
    for (size_t i = 0; i < m.n; i++) {
        tests[i].name = m.v[i].name;
        tests[i].test_func = manifest_line;
        tests[i].initial_state = &m.v[i];
    }
    int failed = _cmocka_run_group_tests("register_manifest", tests, m.n, NULL, NULL);
    free(tests);

    const struct CMUnitTest unit[] = {
        cmocka_unit_test(datetime_rfc3339),
        cmocka_unit_test(register_party_limit),
        cmocka_unit_test(register_use_limit),
        cmocka_unit_test(register_index_finds_what_a_scan_finds),
        cmocka_unit_test(register_arguments),
        cmocka_unit_test(register_without_certificate),
        cmocka_unit_test(register_nothing_readable),
        cmocka_unit_test(register_messages_explain),
        cmocka_unit_test(register_openapi_shape_content),
        cmocka_unit_test(register_header_limit),
        cmocka_unit_test(register_signature_limit),
        cmocka_unit_test(register_signatures_share_the_payload),
        cmocka_unit_test(register_entitlements_compare_as_sets),
        cmocka_unit_test(interop_every_example_reads),
        cmocka_unit_test(interop_go_single_and_stale),
        cmocka_unit_test(interop_go_intermediaries),
        cmocka_unit_test(interop_go_pages),
        cmocka_unit_test(interop_go_check_results),
        cmocka_unit_test(interop_it_services),
        cmocka_unit_test(interop_go_lookups),
        cmocka_unit_test(interop_it_lookups),
    };
    failed += cmocka_run_group_tests_name("register", unit, NULL, NULL);
    tm_free(&m);
    return failed;
}
