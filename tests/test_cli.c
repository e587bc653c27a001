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

#define V "testvectors/rc/"
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(version_and_help),
        cmocka_unit_test(usage_errors_exit_64),
        cmocka_unit_test(valid_certificate_is_allowed),
        cmocka_unit_test(revoked_certificate_is_denied),
        cmocka_unit_test(no_revocation_records_a_warning),
        cmocka_unit_test(stdin_is_read_for_dash),
        cmocka_unit_test(unreadable_input_exits_2),
        cmocka_unit_test(request_beyond_the_size_limit_is_malformed),
    };
    return cmocka_run_group_tests_name("cli", tests, NULL, NULL);
}
