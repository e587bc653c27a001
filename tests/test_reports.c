/* The reports as users run them, where the end-to-end tables cannot reach: a batch folder's bounds
 * (levels of subfolders, files and folders in all), a symbolic link to a folder, the text output of
 * a folder, a JSON Lines batch naming a file that is not a request, the SHA-256 of a request read
 * from standard input, and output that cannot be written. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include <openssl/sha.h>

#include "support/testutil.h"

#define AUDIT                                                                                      \
    "audit --ac-anchors testvectors/pki/ac-root.pem --crl testvectors/crl/current.pem --rc-anchors " \
    "testvectors/rc/pki/rc-root.pem --status-list testvectors/rc/sl-valid.jwt --time 1798761600"
#define ALLOW "testvectors/e2e/req/allow-basic.jwt"

static char out[1 << 20];

/* Runs the CLI with args (a shell command line's rest); its exit status, the start of stdout in out
 * (the rest is read and dropped). */
static int run(const char *args)
{
    const char *build = getenv("WRP_BUILD");
    char cmd[4096];
    snprintf(cmd, sizeof cmd, "%s/wrpcheck %s 2>/dev/null", build ? build : "build", args);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    size_t n = fread(out, 1, sizeof out - 1, p);
    out[n] = 0;
    char rest[4096];
    while (fread(rest, 1, sizeof rest, p) > 0)
        ;
    int st = pclose(p);
    assert_true(WIFEXITED(st));
    return WEXITSTATUS(st);
}

static char *temp_dir(void)
{
    char *t = strdup("/tmp/wrpcheck-reports-XXXXXX");
    assert_non_null(t);
    assert_non_null(mkdtemp(t));
    return t;
}

static void remove_tree(const char *dir)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

static void write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

static void copy_request(const char *to)
{
    size_t len = 0;
    uint8_t *req = tu_read_file(ALLOW, &len);
    assert_non_null(req);
    write_file(to, req, len);
    free(req);
}

/* A request 16 levels of subfolders down is judged; one 17 levels down makes the batch unusable. */
static void folder_depth_is_bounded(void **s)
{
    (void)s;
    char *top = temp_dir();
    char path[1024];
    snprintf(path, sizeof path, "%s", top);
    for (int level = 1; level <= 16; level++) {
        strcat(path, "/d");
        assert_int_equal(mkdir(path, 0700), 0);
    }
    char file[1100], args[1400];
    snprintf(file, sizeof file, "%s/r.jwt", path);
    copy_request(file);
    snprintf(args, sizeof args, AUDIT " --format json --batch %s", top);
    assert_int_equal(run(args), 0);
    assert_non_null(strstr(out, "\"summary\":{\"requests\":1,"));
    strcat(path, "/d");
    assert_int_equal(mkdir(path, 0700), 0);
    assert_int_equal(run(args), 2);
    assert_non_null(strstr(out, "\"code\":\"INPUT_UNREADABLE\""));
    assert_non_null(strstr(out, "more than 16 levels of folders"));
    assert_null(strstr(out, "summary"));
    remove_tree(top);
    free(top);
}

/* 50,000 files and folders are walked (here all plain text, so all skipped); one more makes the
 * batch unusable rather than judged in part. */
static void folder_size_is_bounded(void **s)
{
    (void)s;
    char *top = temp_dir();
    char path[512], args[800];
    for (int i = 0; i < 50000; i++) {
        snprintf(path, sizeof path, "%s/%05d.txt", top, i);
        write_file(path, "notes\n", 6);
    }
    snprintf(args, sizeof args, AUDIT " --format json --batch %s", top);
    assert_int_equal(run(args), 0);
    assert_non_null(strstr(out, "{\"summary\":{\"requests\":0,"));
    assert_non_null(strstr(out, "\"skipped\":50000,"));
    snprintf(path, sizeof path, "%s/sub", top);
    assert_int_equal(mkdir(path, 0700), 0);
    assert_int_equal(run(args), 2);
    assert_non_null(strstr(out, "more than 50000 files and folders"));
    remove_tree(top);
    free(top);
}

/* A symbolic link to a folder (here to the folder itself) is not followed; one to a file is. */
static void links_to_folders_are_not_followed(void **s)
{
    (void)s;
    char *top = temp_dir();
    char path[512], args[800];
    snprintf(path, sizeof path, "%s/a.jwt", top);
    copy_request(path);
    snprintf(path, sizeof path, "%s/loop", top);
    assert_int_equal(symlink(".", path), 0);
    snprintf(path, sizeof path, "%s/b.jwt", top);
    assert_int_equal(symlink("a.jwt", path), 0);
    snprintf(args, sizeof args, AUDIT " --format json --batch %s/", top);
    assert_int_equal(run(args), 0);
    assert_non_null(strstr(out, "\"summary\":{\"requests\":2,"));
    char want[600];
    snprintf(want, sizeof want, "{\"request\":\"%s/a.jwt\",", top); /* no double slash from DIR/ */
    assert_non_null(strstr(out, want));
    assert_null(strstr(out, "loop"));
    remove_tree(top);
    free(top);
}

/* The text output names each skipped file in its place and counts them on the summary line. */
static void folder_text_output_names_skipped_files(void **s)
{
    (void)s;
    char *top = temp_dir();
    char path[512], args[800], want[700];
    snprintf(path, sizeof path, "%s/b.jwt", top);
    copy_request(path);
    snprintf(path, sizeof path, "%s/a-README", top);
    static const char notes[] = "Requests captured on 2026-12-01.\n";
    write_file(path, notes, strlen(notes));
    snprintf(args, sizeof args, AUDIT " --batch %s", top);
    assert_int_equal(run(args), 0);
    snprintf(want, sizeof want, "%s/a-README: skipped, not a request (plain text)\n%s/b.jwt: allow\n", top, top);
    assert_non_null(strstr(out, want));
    assert_non_null(strstr(out, "summary: 1 requests, 1 allow, 0 warn, 0 deny, 0 error, 1 skipped (not requests)\n"));
    remove_tree(top);
    free(top);
}

/* A JSON Lines batch names its files on purpose: a text file there is judged (and malformed), and
 * the summary has no skipped members. */
static void batch_lines_never_skip(void **s)
{
    (void)s;
    char *top = temp_dir();
    char path[512], args[800];
    snprintf(path, sizeof path, "%s/notes.txt", top);
    write_file(path, "notes\n", 6);
    snprintf(path, sizeof path, "%s/batch.jsonl", top);
    write_file(path, "{\"request\":\"notes.txt\"}\n", 24);
    snprintf(args, sizeof args, AUDIT " --format json --batch %s", path);
    assert_int_equal(run(args), 2);
    assert_non_null(strstr(out, "\"code\":\"REQUEST_MALFORMED\""));
    assert_null(strstr(out, "skipped"));
    snprintf(args, sizeof args, AUDIT " --format csv --batch %s", path);
    assert_int_equal(run(args), 2);
    assert_non_null(strstr(out, ",error,,,,REQUEST_MALFORMED,"));
    assert_non_null(strstr(out, "\r\ntotal,,skipped,,,,,,0\r\n"));
    remove_tree(top);
    free(top);
}

/* A request read from standard input is listed by the SHA-256 of the bytes read. */
static void html_names_the_digest_of_standard_input(void **s)
{
    (void)s;
    size_t len = 0;
    uint8_t *req = tu_read_file(ALLOW, &len);
    assert_non_null(req);
    uint8_t d[SHA256_DIGEST_LENGTH];
    SHA256(req, len, d);
    free(req);
    char want[200];
    int k = snprintf(want, sizeof want, "<td>standard input</td><td>%zu</td><td><code>", len);
    for (size_t i = 0; i < sizeof d; i++)
        k += snprintf(want + k, sizeof want - (size_t)k, "%02x", d[i]);
    assert_int_equal(run(AUDIT " --format html - < " ALLOW), 0);
    assert_non_null(strstr(out, want));
    assert_non_null(strstr(out, "data-verdict=\"allow\""));
}

/* A page or a table that cannot be written is no result: exit 2, whatever the verdict. */
static void unwritable_reports_exit_2(void **s)
{
    (void)s;
    assert_int_equal(run(AUDIT " --format html " ALLOW " > /dev/full"), 2);
    assert_int_equal(run(AUDIT " --format csv --batch testvectors/e2e/batch/reports-folder > /dev/full"), 2);
    assert_int_equal(run(AUDIT " --format html --batch testvectors/e2e/batch/batch-known-members.jsonl > /dev/full"),
                     2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(folder_depth_is_bounded),
        cmocka_unit_test(folder_size_is_bounded),
        cmocka_unit_test(links_to_folders_are_not_followed),
        cmocka_unit_test(folder_text_output_names_skipped_files),
        cmocka_unit_test(batch_lines_never_skip),
        cmocka_unit_test(html_names_the_digest_of_standard_input),
        cmocka_unit_test(unwritable_reports_exit_2),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
