/* The wrpcheck command as users run it: exit statuses, stdout JSON, usage errors. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include <cJSON.h>

#include "support/testutil.h"
#include "util/json.h"

#define V "testvectors/rc/"
#define AUDIT_ARGS                                                                                 \
    "audit --ac-anchors testvectors/pki/ac-root.pem --crl testvectors/crl/current.pem --rc-anchors " \
    "testvectors/rc/pki/rc-root.pem --status-list testvectors/rc/sl-valid.jwt --time 1798761600"
#define COMMON                                                                                     \
    " rc --rc-anchors " V "pki/rc-root.pem --ac-anchors " V "pki/ac-root.pem --ac-chain " V        \
    "pki/ac-leaf.pem --status-list " V "sl-valid.jwt --time 1798761600 --for-request"

/* Runs the CLI with args; returns its exit status and its stdout in out (NUL-terminated). */
static int run(const char *args, char *out, size_t cap)
{
    const char *build = getenv("WRP_BUILD");
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "%s/wrpcheck %s 2>/dev/null", build ? build : "build", args);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    size_t n = fread(out, 1, cap - 1, p);
    out[n] = 0;
    int st = pclose(p);
    assert_true(WIFEXITED(st));
    return WEXITSTATUS(st);
}

static char out[65536];

/* Output that cannot be written is exit 2, never the verdict's 0. */
static void unwritable_output_exits_2(void **s)
{
    (void)s;
    assert_int_equal(run(COMMON " --format json " V "valid.jwt", out, sizeof out), 0);
    assert_int_equal(run(COMMON " --format json " V "valid.jwt > /dev/full", out, sizeof out), 2);
    assert_int_equal(run(AUDIT_ARGS " --format text testvectors/e2e/req/allow-basic.jwt > /dev/full", out,
                         sizeof out),
                     2);
}

static void version_and_help(void **s)
{
    (void)s;
    assert_int_equal(run("--version", out, sizeof out), 0);
    assert_non_null(strstr(out, "wrpcheck 0.1.0"));
    assert_int_equal(run("rc --help", out, sizeof out), 0);
    assert_non_null(strstr(out, "example:"));
}

static void usage_errors_exit_64(void **s)
{
    (void)s;
    assert_int_equal(run("", out, sizeof out), 64);
    assert_int_equal(run("frobnicate", out, sizeof out), 64);
    assert_int_equal(run("rc", out, sizeof out), 64);
    assert_int_equal(run("rc --bogus x", out, sizeof out), 64);
    assert_int_equal(run("rc --time", out, sizeof out), 64);
    assert_int_equal(run("rc --time yesterday " V "valid.jwt", out, sizeof out), 64);
    assert_int_equal(run("rc --time ' 1798761600' " V "valid.jwt", out, sizeof out), 64);
    assert_int_equal(run("rc --time +1798761600 " V "valid.jwt", out, sizeof out), 64);
    assert_int_equal(run("rc --time -5 " V "valid.jwt", out, sizeof out), 64);
    assert_int_equal(run("rc --time 1e9 " V "valid.jwt", out, sizeof out), 64);
    assert_int_equal(run("rc --format xml " V "valid.jwt", out, sizeof out), 64);
}

/* Parses the JSON result and checks the verdict and the exact list of finding codes. */
static void expect_json(const char *json, const char *verdict, const char *const *codes, size_t n)
{
    cJSON *r = cJSON_Parse(json);
    assert_non_null(r);
    assert_string_equal(cJSON_GetObjectItemCaseSensitive(r, "verdict")->valuestring, verdict);
    const cJSON *f = cJSON_GetObjectItemCaseSensitive(r, "findings");
    assert_int_equal(cJSON_GetArraySize(f), (int)n);
    for (size_t i = 0; i < n; i++)
        assert_string_equal(
            cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(f, (int)i), "code")->valuestring,
            codes[i]);
    cJSON_Delete(r);
}

/* -h and --help on every command print that command's help on stdout and exit 0, wherever they
 * stand among its arguments; the help shows each option's values from the option table. */
static void help_on_every_command(void **s)
{
    (void)s;
    static const struct {
        const char *args, *starts;
    } cases[] = {
        {"-h", "usage: wrpcheck [--version] [--help] COMMAND"},
        {"--help", "usage: wrpcheck [--version] [--help] COMMAND"},
        {"audit -h", "usage: wrpcheck audit [OPTIONS] REQUEST"},
        {"audit --help", "usage: wrpcheck audit [OPTIONS] REQUEST"},
        {"audit --format json x.jwt -h", "usage: wrpcheck audit [OPTIONS] REQUEST"},
        {"rc -h", "usage: wrpcheck rc [OPTIONS] FILE"},
        {"rc --time 0 --help", "usage: wrpcheck rc [OPTIONS] FILE"},
        {"inspect -h", "usage: wrpcheck inspect "},
        {"inspect --help", "usage: wrpcheck inspect "},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(run(cases[i].args, out, sizeof out), 0);
        if (strncmp(out, cases[i].starts, strlen(cases[i].starts)) != 0)
            fail_msg("wrpcheck %s printed: %.80s", cases[i].args, out);
    }
    assert_int_equal(run("audit --help", out, sizeof out), 0);
    assert_non_null(strstr(out, "  --format text|json|html|csv|log "));
    assert_non_null(strstr(out, "  --mode enforce|warn "));
    assert_non_null(strstr(out, "  --kind openid4vp|mdoc "));
    assert_non_null(strstr(out, "RFC 3339"));
    assert_null(strstr(out, "--ac-chain"));
    assert_int_equal(run("rc --help", out, sizeof out), 0);
    assert_non_null(strstr(out, "  --ac-chain FILE "));
    assert_non_null(strstr(out, "  --format text|json "));
    assert_null(strstr(out, "--register"));
    assert_int_equal(run("inspect -x", out, sizeof out), 64);
    assert_int_equal(run("--help=x", out, sizeof out), 64);
    assert_int_equal(run("audit --help=x", out, sizeof out), 64);
}

/* --opt=value is --opt value; --time takes the strict RFC 3339 UTC form as well as seconds. */
static void options_with_equals_and_rfc3339_time(void **s)
{
    (void)s;
    assert_int_equal(run("rc --rc-anchors=" V "pki/rc-root.pem --ac-anchors=" V "pki/ac-root.pem --ac-chain=" V
                         "pki/ac-leaf.pem --status-list=" V "sl-valid.jwt --time=2027-01-01T00:00:00Z "
                         "--for-request --format=json " V "valid.jwt", out, sizeof out), 0);
    expect_json(out, "allow", NULL, 0);
    /* a day before the certificate's iat, written either way: the same judgement */
    assert_int_equal(run(COMMON " --time 2020-01-01T00:00:00Z --format json " V "valid.jwt", out, sizeof out), 1);
    char rfc[sizeof out];
    memcpy(rfc, out, sizeof rfc);
    assert_int_equal(run(COMMON " --time 1577836800 --format json " V "valid.jwt", out, sizeof out), 1);
    assert_string_equal(rfc, out);
    assert_non_null(strstr(out, "is after the time 2020-01-01T00:00:00Z"));
}

/* wrpcheck rc lists what the certificate registers, one line per claim, in its text report. */
static void rc_lists_what_it_registers(void **s)
{
    (void)s;
    assert_int_equal(run(COMMON " " V "valid.jwt", out, sizeof out), 0);
    assert_non_null(strstr(out, "registers:\n"
                                "  dc+sd-jwt urn:eudi:pid:1 [\"age_over_18\"]\n"
                                "  dc+sd-jwt urn:eudi:pid:1 [\"nationalities\",null]\n"));
    assert_non_null(strstr(out, "  dc+sd-jwt urn:eudi:pid:1 [\"place_of_birth\",\"country\"] values [\"NL\",\"BE\",\"DE\"]\n"));
    assert_non_null(strstr(out, "  mso_mdoc eu.europa.ec.eudi.pid.1 [\"eu.europa.ec.eudi.pid.1\",\"age_in_years\"] "
                                "values [18,19,20]\n"));
    assert_non_null(strstr(out, "input SHA-256:  "));
    assert_int_equal(run("rc --time 1798761600 testvectors/e2e/rc/valid.jwt", out, sizeof out), 1);
    assert_non_null(strstr(out, "  dc+sd-jwt urn:example:loyalty:1 every claim\n"));
    assert_non_null(strstr(out, "[registration certificate NOT verified]"));
}

static void valid_certificate_is_allowed(void **s)
{
    (void)s;
    assert_int_equal(run(COMMON " --format json " V "valid.jwt", out, sizeof out), 0);
    expect_json(out, "allow", NULL, 0);
    cJSON *r = cJSON_Parse(out);
    const cJSON *rp = cJSON_GetObjectItemCaseSensitive(r, "relying_party");
    assert_string_equal(cJSON_GetObjectItemCaseSensitive(rp, "identifier")->valuestring,
                        "LEIXG-529900T8BM49AURSDO55");
    cJSON_Delete(r);
}

static void revoked_certificate_is_denied(void **s)
{
    (void)s;
    static const char *const codes[] = {"RC_REVOKED"};
    assert_int_equal(run(COMMON " --format json " V "revoked-invalid.cwt", out, sizeof out), 1);
    expect_json(out, "deny", codes, 1);
}

static void no_revocation_records_a_warning(void **s)
{
    (void)s;
    static const char *const codes[] = {"REVOCATION_SKIPPED"};
    assert_int_equal(run(COMMON " --no-revocation --format json " V "revoked-invalid.jwt", out, sizeof out), 0);
    expect_json(out, "allow", codes, 1);
}

static void stdin_is_read_for_dash(void **s)
{
    (void)s;
    static const char *const codes[] = {"RC_SUBJECT_MISMATCH"};
    assert_int_equal(run(COMMON " --format json - < " V "subject-other.jwt", out, sizeof out), 1);
    expect_json(out, "deny", codes, 1);
}

static void unreadable_input_exits_2(void **s)
{
    (void)s;
    assert_int_equal(run(COMMON " /nonexistent/rc.jwt", out, sizeof out), 2);
    assert_int_equal(run("rc --rc-anchors /nonexistent.pem " V "valid.jwt", out, sizeof out), 2);
    assert_int_equal(run("rc --rc-anchors " V "valid.jwt " V "valid.jwt", out, sizeof out), 2);
}

/* Strict JSON (RFC 8259, UTF-8 throughout) with the given verdict: what `--format json` must print
 * whatever bytes the arguments or the input held. */
static void expect_strict_json(const char *json, const char *verdict)
{
    cJSON *r = NULL;
    assert_int_equal(wrp_json_parse((const uint8_t *)json, strlen(json), &r, NULL), WRP_OK);
    assert_string_equal(cJSON_GetObjectItemCaseSensitive(r, "verdict")->valuestring, verdict);
    cJSON_Delete(r);
}

/* An argument or a file name that is not UTF-8 is quoted in a message; the output stays JSON. */
static void output_is_utf8_whatever_the_arguments(void **s)
{
    (void)s;
    assert_int_equal(run(AUDIT_ARGS " --format json --client-id \"$(printf '\\377\\376')\" "
                         "testvectors/e2e/req/allow-basic.jwt",
                         out, sizeof out), 1);
    expect_strict_json(out, "deny");
    assert_non_null(strstr(out, "??"));
    assert_int_equal(run(AUDIT_ARGS " --format json \"/nonexistent/$(printf '\\377\\303').jwt\"", out, sizeof out), 2);
    expect_strict_json(out, "error");
}

/* The text report (into out) of an unsigned request whose PID type is replaced by type, JSON
 * text as written in the request: a request controls what the report prints. */
static void text_report_with_type(const char *type)
{
    size_t len = 0;
    char *req = (char *)tu_read_file("testvectors/e2e/req/warn-unsigned-denied.json", &len);
    assert_non_null(req);
    const char *from = "\"urn:eudi:pid:1\"]},\"claims\"";
    char to[512];
    snprintf(to, sizeof to, "\"%s\"]},\"claims\"", type);
    char *at = strstr(req, from);
    assert_non_null(at);
    char path[] = "/tmp/wrpcheck-inject-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    assert_non_null(f);
    fprintf(f, "%.*s%s%s", (int)(at - req), req, to, at + strlen(from));
    fclose(f);
    free(req);
    char args[512];
    snprintf(args, sizeof args, "%s --format text %s", AUDIT_ARGS, path);
    assert_int_equal(run(args, out, sizeof out), 1);
    unlink(path);
}

/* Text from the request (here a credential type holding a line break and a forged verdict) is
 * escaped in the text report: the only line that starts with "verdict:" is the tool's own. */
static void text_report_escapes_the_request(void **s)
{
    (void)s;
    text_report_with_type("urn:x\\nverdict: allow\\u001b[2K");
    int verdicts = 0;
    for (const char *line = out; line != NULL && *line; line = strchr(line, '\n'), line = line ? line + 1 : NULL) {
        if (strncmp(line, "verdict:", 8) == 0) {
            verdicts++;
            assert_true(strncmp(line, "verdict: deny\n", 14) == 0);
        }
    }
    assert_int_equal(verdicts, 1);
    assert_null(strchr(out, 0x1b));
    assert_non_null(strstr(out, "urn:x\\x0averdict: allow\\x1b[2K"));
}

/* C1 controls (U+0085 NEXT LINE, U+009B CSI), U+2028 / U+2029 and the invisible format characters
 * a request puts in a type are escaped as \uNNNN (\UNNNNNNNN above U+FFFF) in the text report;
 * letters outside ASCII are written as they are. */
static void text_report_escapes_unicode_controls(void **s)
{
    (void)s;
    text_report_with_type("urn:x\\u0085verdict: allow\\u2028verdict: allow\\u2029\\u009b2K\\u202e\\u200f\\u2067"
                          "\\u061c\\u00ad\\ufeff\\udb40\\udc41 caf\\u00e9 \\u00fc \\u540d");
    assert_non_null(strstr(out, "urn:x\\u0085verdict: allow\\u2028verdict: allow\\u2029\\u009b2K\\u202e\\u200f"
                                "\\u2067\\u061c\\u00ad\\ufeff\\U000e0041 caf\xc3\xa9 \xc3\xbc \xe5\x90\x8d"));
    static const char *const raw[] = {"\xc2\x85", "\xc2\x9b", "\xe2\x80\xa8", "\xe2\x80\xa9", "\xe2\x80\xae",
                                      "\xe2\x80\x8f", "\xe2\x81\xa7", "\xd8\x9c", "\xc2\xad", "\xef\xbb\xbf",
                                      "\xf3\xa0\x81\x81"};
    for (size_t i = 0; i < sizeof raw / sizeof raw[0]; i++)
        if (strstr(out, raw[i]) != NULL)
            fail_msg("the report holds the raw bytes of escape %zu", i);
    int verdicts = 0;
    for (const char *line = out; line != NULL && *line; line = strchr(line, '\n'), line = line ? line + 1 : NULL)
        verdicts += strncmp(line, "verdict:", 8) == 0;
    assert_int_equal(verdicts, 1);
}

#define AUDIT                                                                                      \
    " audit --ac-anchors testvectors/pki/ac-int.pem --crl testvectors/crl/current.pem --rc-anchors " \
    "testvectors/rc/pki/rc-root.pem --status-list testvectors/rc/sl-valid.jwt --time 1798761600"

/* Batch mode: one JSON line per request in input order, then the summary; exit status of the
 * worst verdict. */
static void batch_lines_and_summary(void **s)
{
    (void)s;
    FILE *f = fopen("build/batch-test.jsonl", "w");
    assert_non_null(f);
    fprintf(f, "{\"request\":\"../testvectors/o4vp/valid-san-dns.jwt\"}\n"
               "\n"
               "{\"request\":\"../testvectors/o4vp/alg-none.jwt\",\"kind\":\"openid4vp\"}\n"
               "{\"request\":\"missing.jwt\"}\n"
               "[\"not an object\"]\n");
    fclose(f);
    assert_int_equal(run(AUDIT " --format json --batch build/batch-test.jsonl", out, sizeof out), 2);
    static const char *const verdicts[] = {"allow", "deny", "error", "error"};
    char *save = NULL, *line = strtok_r(out, "\n", &save);
    for (size_t i = 0; i < 4; i++, line = strtok_r(NULL, "\n", &save)) {
        assert_non_null(line);
        cJSON *r = cJSON_Parse(line);
        assert_non_null(r);
        assert_string_equal(cJSON_GetObjectItemCaseSensitive(r, "verdict")->valuestring, verdicts[i]);
        assert_non_null(cJSON_GetObjectItemCaseSensitive(r, "request"));
        cJSON_Delete(r);
    }
    assert_non_null(line);
    cJSON *sum = cJSON_Parse(line);
    const cJSON *x = cJSON_GetObjectItemCaseSensitive(sum, "summary");
    assert_int_equal(cJSON_GetObjectItemCaseSensitive(x, "requests")->valueint, 4);
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(x, "verdicts");
    assert_int_equal(cJSON_GetObjectItemCaseSensitive(v, "error")->valueint, 2);
    assert_int_equal(cJSON_GetObjectItemCaseSensitive(v, "deny")->valueint, 1);
    const cJSON *c = cJSON_GetObjectItemCaseSensitive(x, "codes");
    assert_int_equal(cJSON_GetObjectItemCaseSensitive(c, "INPUT_UNREADABLE")->valueint, 2);
    assert_int_equal(cJSON_GetObjectItemCaseSensitive(c, "REQUEST_ALG")->valueint, 1);
    cJSON_Delete(sum);
    assert_null(strtok_r(NULL, "\n", &save));
    /* only allowed requests: exit 0 */
    f = fopen("build/batch-ok.jsonl", "w");
    assert_non_null(f);
    fprintf(f, "{\"request\":\"../testvectors/o4vp/valid-san-dns.jwt\"}\n");
    fclose(f);
    assert_int_equal(run(AUDIT " --batch build/batch-ok.jsonl", out, sizeof out), 0);
    assert_non_null(strstr(out, "summary: 1 requests, 1 allow"));
    /* batch and REQUEST together: usage error; unreadable batch: error */
    assert_int_equal(run(AUDIT " --batch build/batch-ok.jsonl x.jwt", out, sizeof out), 64);
    assert_int_equal(run(AUDIT " --format json --batch /nonexistent.jsonl", out, sizeof out), 2);
    assert_non_null(strstr(out, "INPUT_UNREADABLE"));
}

/* A batch line is one strict JSON object whose members have the documented types: an override of
 * the wrong type, a member given twice or a second object on the line makes the line unusable
 * (verdict error) instead of being dropped, which would judge the request without it. */
static void batch_lines_are_strict(void **s)
{
    (void)s;
    FILE *f = fopen("build/batch-strict.jsonl", "w");
    assert_non_null(f);
    fprintf(f, "{\"request\":\"../testvectors/o4vp/valid-san-dns.jwt\",\"client_id\":123}\n"
               "{\"request\":\"../testvectors/o4vp/valid-san-dns.jwt\",\"origin\":{\"o\":\"x\"}}\n"
               "{\"request\":\"../testvectors/o4vp/valid-san-dns.jwt\",\"client_id\":\"x509_san_dns:rp.example.com\","
               "\"client_id\":\"x509_san_dns:evil.example\"}\n"
               "{\"request\":\"../testvectors/o4vp/valid-san-dns.jwt\"}{\"request\":\"missing.jwt\"}\n"
               "\n\n"
               "[1,2]\n"
               "{\"request\":\"missing.jwt\",\"kind\":\"mdoc\"}\n");
    fclose(f);
    assert_int_equal(run(AUDIT " --format json --batch build/batch-strict.jsonl", out, sizeof out), 2);
    char *save = NULL, *line = strtok_r(out, "\n", &save);
    for (size_t i = 0; i < 6; i++, line = strtok_r(NULL, "\n", &save)) {
        assert_non_null(line);
        cJSON *r = cJSON_Parse(line);
        assert_non_null(r);
        assert_string_equal(cJSON_GetObjectItemCaseSensitive(r, "verdict")->valuestring, "error");
        const cJSON *k = cJSON_GetObjectItemCaseSensitive(r, "request_kind");
        if (i == 5)
            assert_string_equal(k->valuestring, "mdoc");
        else
            assert_true(cJSON_IsNull(k));
        if (i == 4) /* the line number counts the blank lines */
            assert_non_null(strstr(line, "batch line 7 "));
        cJSON_Delete(r);
    }
    /* "-" in a batch file is a file of that name next to it, not standard input */
    f = fopen("build/batch-dash.jsonl", "w");
    assert_non_null(f);
    fprintf(f, "{\"request\":\"-\"}\n");
    fclose(f);
    assert_int_equal(run(AUDIT " --format json --batch build/batch-dash.jsonl < testvectors/o4vp/valid-san-dns.jwt",
                         out, sizeof out),
                     2);
    assert_non_null(strstr(out, "INPUT_UNREADABLE"));
}

/* A batch line with a member the format does not define is unusable, named by its line number and
 * the member: "clientId" must not be read as no client_id at all (the request would be allowed),
 * while client_id, given the same value, denies. A line with the known members only is judged. */
static void batch_lines_with_unknown_members_are_unusable(void **s)
{
    (void)s;
    FILE *f = fopen("build/batch-unknown.jsonl", "w");
    assert_non_null(f);
    fprintf(f, "{\"request\":\"../testvectors/o4vp/valid-san-dns.jwt\",\"clientId\":\"x509_hash:abc\"}\n"
               "{\"request\":\"../testvectors/o4vp/valid-san-dns.jwt\",\"client_id\":\"x509_hash:abc\"}\n"
               "\n"
               "{\"request\":\"../testvectors/o4vp/valid-san-dns.jwt\",\"client_id\":\"x509_san_dns:rp.example.com\","
               "\"origin\":\"https://rp.example.com\",\"transcript\":\"../testvectors/e2e/transcript.cbor\","
               "\"rc\":\"../testvectors/rc/valid.jwt\",\"kind\":\"openid4vp\"}\n"
               "{\"request\":\"../testvectors/o4vp/valid-san-dns.jwt\",\"\":1}\n"
               "{\"request\":\"../testvectors/o4vp/valid-san-dns.jwt\",\"Request\":\"x.jwt\"}\n");
    fclose(f);
    assert_int_equal(run(AUDIT " --format json --batch build/batch-unknown.jsonl", out, sizeof out), 2);
    static const struct {
        const char *verdict, *request, *says;
    } lines[] = {
        {"error", "line 1", "batch line 1 has a member the batch format does not define: \"clientId\""},
        {"deny", NULL, "CLIENT_ID_MISMATCH"},
        {"deny", NULL, "ORIGIN_MISMATCH"}, /* the origin given, the request names none */
        {"error", "line 5", "batch line 5 has a member the batch format does not define: \"\""},
        {"error", "line 6", "batch line 6 has a member the batch format does not define: \"Request\""},
    };
    char *save = NULL, *line = strtok_r(out, "\n", &save);
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++, line = strtok_r(NULL, "\n", &save)) {
        assert_non_null(line);
        cJSON *r = cJSON_Parse(line);
        assert_non_null(r);
        assert_string_equal(cJSON_GetObjectItemCaseSensitive(r, "verdict")->valuestring, lines[i].verdict);
        const cJSON *f0 = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(r, "findings"), 0);
        if (lines[i].request != NULL) {
            assert_string_equal(cJSON_GetObjectItemCaseSensitive(r, "request")->valuestring, lines[i].request);
            assert_string_equal(cJSON_GetObjectItemCaseSensitive(f0, "code")->valuestring, "INPUT_UNREADABLE");
            assert_non_null(strstr(cJSON_GetObjectItemCaseSensitive(f0, "message")->valuestring, lines[i].says));
        } else {
            assert_string_equal(cJSON_GetObjectItemCaseSensitive(f0, "code")->valuestring, lines[i].says);
        }
        cJSON_Delete(r);
    }
    assert_non_null(strstr(line, "\"summary\""));
    /* the text form names the line too */
    assert_int_equal(run(AUDIT " --batch build/batch-unknown.jsonl", out, sizeof out), 2);
    assert_non_null(strstr(out, "line 1: error INPUT_UNREADABLE (batch line 1 has a member the batch format "
                                "does not define: \"clientId\""));
}

/* A request one byte beyond the 4 MiB input limit is REQUEST_MALFORMED (the contract: "sizes beyond
 * the documented limits"), read from a file or from stdin, not an unreadable input; an anchor
 * file beyond it cannot be used. */
static void request_beyond_the_size_limit_is_malformed(void **s)
{
    (void)s;
    char path[] = "/tmp/wrpcheck-big-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "wb");
    assert_non_null(f);
    for (size_t i = 0; i < 4u * 1024u * 1024u + 1u; i++)
        fputc('A', f);
    fclose(f);
    static const char *const malformed[] = {"REQUEST_MALFORMED"};
    static const char *const unreadable[] = {"INPUT_UNREADABLE"};
    char args[256];
    snprintf(args, sizeof args, "audit --format json %s", path);
    assert_int_equal(run(args, out, sizeof out), 2);
    expect_json(out, "error", malformed, 1);
    snprintf(args, sizeof args, "audit --format json --kind mdoc - < %s", path);
    assert_int_equal(run(args, out, sizeof out), 2);
    expect_json(out, "error", malformed, 1);
    snprintf(args, sizeof args, "audit --format json --ac-anchors %s " V "valid.jwt", path);
    assert_int_equal(run(args, out, sizeof out), 2);
    expect_json(out, "error", unreadable, 1);
    unlink(path);
}

/* The base64 body of the first PEM block of a file, appended to buf. */
static void pem_body(const char *path, char *buf, size_t cap)
{
    FILE *f = fopen(path, "r");
    assert_non_null(f);
    char line[256];
    int in = 0;
    while (fgets(line, sizeof line, f) != NULL) {
        if (strncmp(line, "-----BEGIN", 10) == 0) {
            in = 1;
            continue;
        }
        if (strncmp(line, "-----END", 8) == 0)
            break;
        if (in) {
            line[strcspn(line, "\r\n")] = 0;
            strncat(buf, line, cap - strlen(buf) - 1);
        }
    }
    fclose(f);
}

static void write_lote(const char *path, const char *next_update)
{
    static char ac[4096], rc[4096];
    ac[0] = rc[0] = 0;
    pem_body("testvectors/pki/ac-int.pem", ac, sizeof ac);
    pem_body("testvectors/rc/pki/rc-root.pem", rc, sizeof rc);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f,
            "{\"LoTE\":{\"ListAndSchemeInformation\":{\"LoTEVersionIdentifier\":1,\"LoTESequenceNumber\":1,"
            "\"LoTEType\":\"http://uri.etsi.org/19602/LoTEType/EUWRPACProvidersList\",\"SchemeTerritory\":\"NL\","
            "\"ListIssueDateTime\":\"2026-01-01T00:00:00Z\",\"NextUpdate\":\"%s\"},"
            "\"TrustedEntitiesList\":[{\"TrustedEntityInformation\":{\"TEName\":[{\"lang\":\"en\",\"value\":\"T\"}]},"
            "\"TrustedEntityServices\":["
            "{\"ServiceInformation\":{\"ServiceTypeIdentifier\":\"http://uri.etsi.org/19602/SvcType/WRPAC/Issuance\","
            "\"ServiceDigitalIdentity\":{\"X509Certificates\":[{\"val\":\"%s\"}]}}},"
            "{\"ServiceInformation\":{\"ServiceTypeIdentifier\":\"http://uri.etsi.org/19602/SvcType/WRPRC/Issuance\","
            "\"ServiceDigitalIdentity\":{\"X509Certificates\":[{\"val\":\"%s\"}]}}}]}]}}\n",
            next_update, ac, rc);
    fclose(f);
}

/* A trusted list feeds the anchors: without --ac-anchors and --rc-anchors the sample request is
 * allowed through the list's WRPAC and WRPRC services; a list past its NextUpdate is refused. */
static void trusted_list_feeds_the_anchors(void **s)
{
    (void)s;
    write_lote("build/lote-test.json", "2027-06-01T00:00:00Z");
    const char *base = "audit --format json --crl testvectors/crl/current.pem --status-list "
                       "testvectors/rc/sl-valid.jwt --time 1798761600 ";
    char args[512];
    snprintf(args, sizeof args, "%s testvectors/o4vp/valid-san-dns.jwt", base);
    assert_int_equal(run(args, out, sizeof out), 1); /* no anchors at all: untrusted */
    snprintf(args, sizeof args, "%s --lote build/lote-test.json testvectors/o4vp/valid-san-dns.jwt", base);
    assert_int_equal(run(args, out, sizeof out), 0);
    expect_json(out, "allow", NULL, 0);
    write_lote("build/lote-old.json", "2026-11-06T00:00:00Z");
    snprintf(args, sizeof args, "%s --lote build/lote-old.json testvectors/o4vp/valid-san-dns.jwt", base);
    assert_int_equal(run(args, out, sizeof out), 2);
    static const char *const unreadable[] = {"INPUT_UNREADABLE"};
    expect_json(out, "error", unreadable, 1);
    /* the dates the message names are RFC 3339, not Unix seconds */
    assert_non_null(strstr(out, "next update was due at 2026-11-06T00:00:00Z (time 2027-01-01T00:00:00Z)"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(version_and_help),
        cmocka_unit_test(help_on_every_command),
        cmocka_unit_test(options_with_equals_and_rfc3339_time),
        cmocka_unit_test(rc_lists_what_it_registers),
        cmocka_unit_test(unwritable_output_exits_2),
        cmocka_unit_test(usage_errors_exit_64),
        cmocka_unit_test(valid_certificate_is_allowed),
        cmocka_unit_test(revoked_certificate_is_denied),
        cmocka_unit_test(no_revocation_records_a_warning),
        cmocka_unit_test(stdin_is_read_for_dash),
        cmocka_unit_test(unreadable_input_exits_2),
        cmocka_unit_test(batch_lines_and_summary),
        cmocka_unit_test(batch_lines_are_strict),
        cmocka_unit_test(trusted_list_feeds_the_anchors),
        cmocka_unit_test(request_beyond_the_size_limit_is_malformed),
        cmocka_unit_test(output_is_utf8_whatever_the_arguments),
        cmocka_unit_test(text_report_escapes_the_request),
        cmocka_unit_test(text_report_escapes_unicode_controls),
        cmocka_unit_test(batch_lines_with_unknown_members_are_unusable),
    };
    return cmocka_run_group_tests_name("cli", tests, NULL, NULL);
}
