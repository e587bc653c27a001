/* End-to-end: `wrpcheck audit` run on every case of testvectors/e2e/cases.tsv and batch.tsv
 * (written by testvectors/gen_e2e.py from the contract), its exit status and its JSON compared with
 * expected/<case>.json: verdict, request_kind, relying_party, display, every finding's code, severity,
 * credential_id, type, path and source in order, and the requested items. Messages are only
 * required to be there. A text report is checked by its last line and by the strings it must and
 * must not hold; a batch by each of its result lines and its summary; a log record (--format log,
 * also in a batch) whole; an HTML page by its frame, its verdict and the strings it must and must
 * not hold; a CSV table byte for byte; a usage error by its exit status and an empty stdout. Any
 * case may also name strings its standard error must hold ("stderr_has": what a message says). */
#include <stdarg.h>
#include <stdbool.h>
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

#include "testmanifest.h"
#include "testutil.h"

#define E2E_DIR "testvectors/e2e/"
#define MIN_CASES 250

typedef struct e2e_case {
    const char *name, *exit, *check, *stdin_file, *args;
    char title[160];
} e2e_case;

/* ---- running the CLI -------------------------------------------------------------------------- */

/* Arguments are written by the generator without anything a shell would interpret; a case that
 * holds such a character is refused rather than run. */
static void check_safe(const char *s)
{
    for (const char *c = s; *c; c++)
        if (strchr("'\"\\$`;&|<>()*?!#~{}[]\t\n", *c) != NULL)
            fail_msg("case text holds a shell metacharacter: %s", s);
}

/* Where the CLI's standard error goes, to be shown when a case fails. */
static char err_path[] = "/tmp/wrpcheck-e2e-XXXXXX";
static char err_text[8192];

static void read_stderr(void)
{
    err_text[0] = 0;
    FILE *f = fopen(err_path, "rb");
    if (f == NULL)
        return;
    size_t n = fread(err_text, 1, sizeof err_text - 1, f);
    err_text[n] = 0;
    fclose(f);
}

/* Runs `wrpcheck ARGS < STDIN`; returns the exit status and stdout (caller frees); the standard
 * error is in err_text. */
static int run_cli(const e2e_case *c, char **out, size_t *out_len)
{
    const char *build = getenv("WRP_BUILD");
    check_safe(c->args);
    check_safe(c->stdin_file);
    size_t cap = strlen(c->args) + strlen(c->stdin_file) + 256;
    char *cmd = malloc(cap);
    assert_non_null(cmd);
    snprintf(cmd, cap, "%s/wrpcheck %s < %s 2>%s", build ? build : "build", c->args,
             strcmp(c->stdin_file, "-") == 0 ? "/dev/null" : c->stdin_file, err_path);
    FILE *p = popen(cmd, "r");
    free(cmd);
    assert_non_null(p);
    size_t n = 0, size = 65536;
    char *buf = malloc(size + 1);
    assert_non_null(buf);
    for (size_t r; (r = fread(buf + n, 1, size - n, p)) > 0;) {
        n += r;
        if (n == size) {
            size *= 2;
            buf = realloc(buf, size + 1);
            assert_non_null(buf);
        }
    }
    buf[n] = 0;
    int st = pclose(p);
    read_stderr();
    if (!WIFEXITED(st))
        fail_msg("%s: wrpcheck did not exit normally (status %d): %s", c->name, st, err_text);
    *out = buf;
    *out_len = n;
    return WEXITSTATUS(st);
}

/* ---- comparing -------------------------------------------------------------------------------- */

static const cJSON *get(const cJSON *o, const char *name)
{
    return cJSON_GetObjectItemCaseSensitive(o, name);
}

/* Appends a difference to *why (the first few are kept). Returns false for chaining. */
static bool differ(char *why, size_t size, const char *fmt, ...)
{
    size_t used = strlen(why);
    if (used + 2 < size) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(why + used, size - used, fmt, ap);
        va_end(ap);
    }
    return false;
}

static char *text_of(const cJSON *v)
{
    return v != NULL ? cJSON_PrintUnformatted(v) : strdup("(absent)");
}

/* Two members (either may be absent) are the same JSON value. */
static bool same_member(const cJSON *got, const cJSON *want, const char *what, char *why,
                        size_t size)
{
    if (got == NULL && want == NULL)
        return true;
    if (got != NULL && want != NULL && cJSON_Compare(got, want, true))
        return true;
    char *g = text_of(got), *w = text_of(want);
    differ(why, size, "%s: got %s, expected %s\n", what, g, w);
    free(g);
    free(w);
    return false;
}

static const char *const finding_fields[] = {"code", "severity", "credential_id", "type", "path",
                                             "source"};

static bool same_findings(const cJSON *got, const cJSON *want, char *why, size_t size)
{
    if (!cJSON_IsArray(got))
        return differ(why, size, "findings: not an array\n");
    bool ok = true;
    int n = cJSON_GetArraySize(got), m = cJSON_GetArraySize(want);
    if (n != m)
        ok = differ(why, size, "findings: %d, expected %d\n", n, m);
    for (int i = 0; i < n && i < m; i++) {
        const cJSON *g = cJSON_GetArrayItem(got, i), *w = cJSON_GetArrayItem(want, i);
        for (size_t k = 0; k < sizeof finding_fields / sizeof finding_fields[0]; k++) {
            char what[64];
            snprintf(what, sizeof what, "findings[%d].%s", i, finding_fields[k]);
            ok = same_member(get(g, finding_fields[k]), get(w, finding_fields[k]), what, why, size) && ok;
        }
        const cJSON *msg = get(g, "message");
        if (!cJSON_IsString(msg) || msg->valuestring[0] == 0)
            ok = differ(why, size, "findings[%d].message: not a non-empty string\n", i);
    }
    return ok;
}

/* The CLI's JSON against the expected object; *why lists the differences. */
static bool same_result(const cJSON *got, const cJSON *want, char *why, size_t size)
{
    why[0] = 0;
    if (!cJSON_IsObject(got))
        return differ(why, size, "stdout is not a JSON object\n");
    bool ok = true;
    static const char *const whole[] = {"verdict", "request_kind", "relying_party", "requested", "display"};
    for (size_t k = 0; k < sizeof whole / sizeof whole[0]; k++)
        ok = same_member(get(got, whole[k]), get(want, whole[k]), whole[k], why, size) && ok;
    /* Contract v1.1 members, compared where the expectation states them. */
    static const char *const stated[] = {"intermediary", "access_certificate"};
    for (size_t k = 0; k < sizeof stated / sizeof stated[0]; k++)
        if (get(want, stated[k]) != NULL)
            ok = same_member(get(got, stated[k]), get(want, stated[k]), stated[k], why, size) && ok;
    return same_findings(get(got, "findings"), get(want, "findings"), why, size) && ok;
}

/* expected/<case>.json; NULL when it does not exist and need not (a usage case without strings
 * for its standard error). */
static cJSON *load_expected_file(const e2e_case *c, bool required)
{
    char path[512];
    snprintf(path, sizeof path, E2E_DIR "expected/%s.json", c->name);
    size_t len = 0;
    char *text = (char *)tu_read_file(path, &len);
    if (text == NULL && !required)
        return NULL;
    if (text == NULL)
        fail_msg("cannot read %s", path);
    cJSON *want = cJSON_ParseWithLength(text, len);
    free(text);
    if (want == NULL)
        fail_msg("%s is not JSON", path);
    return want;
}

static cJSON *load_expected(const e2e_case *c)
{
    return load_expected_file(c, true);
}

/* Exactly one JSON value on stdout, nothing but whitespace after it. */
static cJSON *parse_stdout(const char *out, size_t len)
{
    const char *end = NULL;
    cJSON *got = cJSON_ParseWithLengthOpts(out, len, &end, false);
    if (got == NULL)
        return NULL;
    for (; end < out + len; end++)
        if (*end != ' ' && *end != '\n' && *end != '\r' && *end != '\t') {
            cJSON_Delete(got);
            return NULL;
        }
    return got;
}

/* Each string of the expected member `name` (an array of strings, or absent) must appear in the
 * report when `present`, and must not when not. */
static bool text_strings(const char *out, const cJSON *want, const char *name, bool present,
                         char *why, size_t size)
{
    bool ok = true;
    const cJSON *s;
    cJSON_ArrayForEach(s, get(want, name))
    {
        if (!cJSON_IsString(s))
            return differ(why, size, "%s: not an array of strings\n", name);
        if ((strstr(out, s->valuestring) != NULL) != present) {
            char *text = text_of(s);
            ok = differ(why, size, "%s: the output %s %s\n", name, present ? "lacks" : "holds", text);
            free(text);
        }
    }
    return ok;
}

/* A log record is compared whole: every member, every value, nothing more. */
static bool same_record(const cJSON *got, const cJSON *want, char *why, size_t size)
{
    if (got != NULL && cJSON_Compare(got, want, true))
        return true;
    char *g = text_of(got), *w = text_of(want);
    differ(why, size, "got %.1500s\nexpected %.1500s\n", g, w);
    free(g);
    free(w);
    return false;
}

/* A batch's output: one result (or, with log, one {request, presentation}) per line, then the
 * summary line. */
static bool same_batch(char *out, const cJSON *want, bool log, char *why, size_t size)
{
    const cJSON *results = get(want, "results");
    int n = cJSON_GetArraySize(results), i = 0;
    bool ok = true, summary = false;
    char *save = NULL;
    for (char *line = strtok_r(out, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save), i++) {
        cJSON *got = parse_stdout(line, strlen(line));
        char what[32];
        snprintf(what, sizeof what, "line %d: ", i + 1);
        if (got == NULL) {
            ok = differ(why, size, "%snot one JSON object: %.200s\n", what, line);
        } else if (i < n) {
            const cJSON *w = cJSON_GetArrayItem(results, i);
            char sub[4096] = "";
            bool same = log ? same_record(got, w, sub, sizeof sub) : same_result(got, w, sub, sizeof sub);
            same = same_member(get(got, "request"), get(w, "request"), "request", sub, sizeof sub) && same;
            if (!same)
                ok = differ(why, size, "%s%s", what, sub);
        } else if (i == n) {
            summary = true;
            ok = same_member(get(got, "summary"), get(want, "summary"), "summary", why, size) && ok;
        } else {
            ok = differ(why, size, "%sa line after the summary\n", what);
        }
        cJSON_Delete(got);
    }
    if (!summary)
        ok = differ(why, size, "%d lines, expected %d results and the summary\n", i, n);
    return ok;
}

/* An HTML page (--format html): one document, the expected verdict on its verdict banner, every
 * string of html_has and none of html_lacks. */
static bool html_page(const char *out, size_t len, const cJSON *want, const char *verdict, char *why, size_t size)
{
    static const char start[] = "<!DOCTYPE html>\n", end[] = "</html>\n";
    bool ok = true;
    if (len < sizeof start + sizeof end || strncmp(out, start, sizeof start - 1) != 0 ||
        strcmp(out + len - (sizeof end - 1), end) != 0 || strlen(out) != len)
        ok = differ(why, size, "stdout is not one HTML page from <!DOCTYPE html> to </html>\n");
    char mark[64];
    snprintf(mark, sizeof mark, "data-verdict=\"%s\"", verdict);
    if (strstr(out, mark) == NULL)
        ok = differ(why, size, "the page lacks %s\n", mark);
    ok = text_strings(out, want, "html_has", true, why, size) && ok;
    return text_strings(out, want, "html_lacks", false, why, size) && ok;
}

/* A CSV table (--format csv) is expected/<name>.csv byte for byte. */
static bool same_csv(const e2e_case *c, const char *out, size_t len, char *why, size_t size)
{
    char path[512];
    snprintf(path, sizeof path, E2E_DIR "expected/%s.csv", c->name);
    size_t n = 0;
    char *want = (char *)tu_read_file(path, &n);
    if (want == NULL)
        fail_msg("cannot read %s", path);
    bool same = n == len && memcmp(want, out, n) == 0;
    if (!same) {
        size_t i = 0;
        while (i < n && i < len && want[i] == out[i])
            i++;
        size_t from = i > 60 ? i - 60 : 0;
        differ(why, size, "stdout differs from %s at byte %zu: got \"%.120s\", expected \"%.120s\"\n", path, i,
               out + (from < len ? from : len), want + from);
    }
    free(want);
    return same;
}

/* The last line of a text report. */
static const char *last_line(char *out, size_t len)
{
    while (len > 0 && (out[len - 1] == '\n' || out[len - 1] == '\r'))
        out[--len] = 0;
    char *nl = strrchr(out, '\n');
    return nl != NULL ? nl + 1 : out;
}

static void run_case(void **state)
{
    const e2e_case *c = *state;
    char *out = NULL;
    size_t len = 0;
    int status = run_cli(c, &out, &len);
    int want_status = atoi(c->exit);
    char why[4096] = "";
    if (strcmp(c->check, "usage") == 0) {
        cJSON *want = load_expected_file(c, false);
        bool said = want == NULL || text_strings(err_text, want, "stderr_has", true, why, sizeof why);
        cJSON_Delete(want);
        if (status != want_status || len != 0 || !said)
            fail_msg("%s: exit %d (expected %d), stdout %zu bytes (expected none)\n%sstderr: %s",
                     c->name, status, want_status, len, why, err_text);
        free(out);
        return;
    }
    if (strcmp(c->check, "csv") == 0) {
        bool ok = status == want_status;
        if (!ok)
            differ(why, sizeof why, "exit status %d, expected %d\n", status, want_status);
        ok = same_csv(c, out, len, why, sizeof why) && ok;
        free(out);
        if (!ok)
            fail_msg("%s (wrpcheck %s):\n%sstderr: %s", c->name, c->args, why, err_text);
        return;
    }
    cJSON *want = load_expected(c);
    const cJSON *v = get(want, "verdict");
    const char *verdict = cJSON_IsString(v) ? v->valuestring : "";
    bool ok = status == want_status;
    if (!ok)
        differ(why, sizeof why, "exit status %d, expected %d\n", status, want_status);
    ok = text_strings(err_text, want, "stderr_has", true, why, sizeof why) && ok;
    if (strcmp(c->check, "batch") == 0 || strcmp(c->check, "batch-log") == 0) {
        ok = same_batch(out, want, strcmp(c->check, "batch-log") == 0, why + strlen(why),
                        sizeof why - strlen(why)) && ok;
    } else if (strcmp(c->check, "html") == 0) {
        ok = html_page(out, len, want, verdict, why, sizeof why) && ok;
    } else if (strcmp(c->check, "text") == 0) {
        ok = text_strings(out, want, "text_has", true, why, sizeof why) && ok;
        ok = text_strings(out, want, "text_lacks", false, why, sizeof why) && ok;
        char line[64];
        snprintf(line, sizeof line, "verdict: %s", verdict);
        const char *last = last_line(out, len);
        if (strcmp(last, line) != 0)
            ok = differ(why, sizeof why, "last line \"%s\", expected \"%s\"\n", last, line);
    } else {
        cJSON *got = parse_stdout(out, len);
        if (got == NULL)
            ok = differ(why, sizeof why, "stdout is not one JSON object: %.200s\n", out);
        else if (strcmp(c->check, "log") == 0)
            ok = same_record(got, want, why + strlen(why), sizeof why - strlen(why)) && ok;
        else
            ok = same_result(got, want, why + strlen(why), sizeof why - strlen(why)) && ok;
        cJSON_Delete(got);
    }
    cJSON_Delete(want);
    free(out);
    if (!ok)
        fail_msg("%s (wrpcheck %s):\n%sstderr: %s", c->name, c->args, why, err_text);
}

/* ---- the comparison itself can fail ---------------------------------------------------------- */

typedef enum edit_op { SET, DROP, DUPLICATE, ROTATE, REMOVE } edit_op;

/* One change to a result: in the object `parent` (NULL: the top level) or in its item `index`,
 * set `member` to the JSON `value` or drop it; or duplicate, move to the end, or remove the item. */
typedef struct result_edit {
    const char *what;
    edit_op op;
    const char *parent;
    int index;
    const char *member, *value;
} result_edit;

static const result_edit edits[] = {
    {"verdict", SET, NULL, -1, "verdict", "\"allow\""},
    {"request_kind", SET, NULL, -1, "request_kind", "\"mdoc\""},
    {"relying party", SET, "relying_party", -1, "name", "\"X\""},
    {"registered flag", SET, "requested", 1, "registered", "true"},
    {"requested path", SET, "requested", 1, "path", "[\"x\"]"},
    {"requested item missing", REMOVE, "requested", 0, NULL, NULL},
    {"finding code", SET, "findings", 0, "code", "\"OVERASK_CREDENTIAL\""},
    {"finding severity", SET, "findings", 0, "severity", "\"warning\""},
    {"finding path absent", DROP, "findings", 0, "path", NULL},
    {"finding path", SET, "findings", 0, "path", "[]"},
    {"finding source", SET, "findings", 0, "source", "\"register\""},
    {"finding type", SET, "findings", 0, "type", "\"urn:other\""},
    {"finding credential_id", SET, "findings", 0, "credential_id", "\"other\""},
    {"finding message absent", DROP, "findings", 0, "message", NULL},
    {"finding message empty", SET, "findings", 0, "message", "\"\""},
    {"finding extra", DUPLICATE, "findings", 0, NULL, NULL},
    {"finding order", ROTATE, "findings", 0, NULL, NULL},
    {"finding missing", REMOVE, "findings", 1, NULL, NULL},
};

static void apply(cJSON *root, const result_edit *e)
{
    cJSON *parent = e->parent != NULL ? cJSON_GetObjectItemCaseSensitive(root, e->parent) : root;
    cJSON *item = e->index >= 0 ? cJSON_GetArrayItem(parent, e->index) : parent;
    assert_non_null(item);
    switch (e->op) {
    case SET:
        assert_true(cJSON_ReplaceItemInObjectCaseSensitive(item, e->member, cJSON_Parse(e->value)));
        break;
    case DROP:
        cJSON_DeleteItemFromObjectCaseSensitive(item, e->member);
        break;
    case DUPLICATE:
        assert_true(cJSON_AddItemToArray(parent, cJSON_Duplicate(item, true)));
        break;
    case ROTATE:
        assert_true(cJSON_AddItemToArray(parent, cJSON_DetachItemFromArray(parent, e->index)));
        break;
    case REMOVE:
        cJSON_DeleteItemFromArray(parent, e->index);
        break;
    }
}

/* Every part of the result that the cases compare is compared: a copy of an expected result that
 * differs in one of them is told apart from the original. */
static void comparison_sees_every_difference(void **state)
{
    (void)state;
    e2e_case c = {.name = "rule6-one-finding-per-path"};
    cJSON *want = load_expected(&c);
    assert_true(cJSON_GetArraySize(get(want, "findings")) >= 2);
    assert_true(cJSON_GetArraySize(get(want, "requested")) >= 2);
    cJSON *got = cJSON_Duplicate(want, true);
    cJSON *f;
    cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(got, "findings"))
        cJSON_AddStringToObject(f, "message", "a message");
    char why[2048];
    assert_true(same_result(got, want, why, sizeof why));
    for (size_t i = 0; i < sizeof edits / sizeof edits[0]; i++) {
        cJSON *g = cJSON_Duplicate(got, true);
        apply(g, &edits[i]);
        if (same_result(g, want, why, sizeof why))
            fail_msg("a result with another %s compares equal", edits[i].what);
        cJSON_Delete(g);
    }
    cJSON_Delete(got);
    cJSON_Delete(want);
}

/* s with its first `from` replaced by `to` (from must occur). */
static char *replaced(const char *s, const char *from, const char *to)
{
    const char *at = strstr(s, from);
    assert_non_null(at);
    size_t head = (size_t)(at - s), n = strlen(s) - strlen(from) + strlen(to) + 1;
    char *r = malloc(n);
    assert_non_null(r);
    snprintf(r, n, "%.*s%s%s", (int)head, s, to, at + strlen(from));
    return r;
}

/* text followed by `line` and a newline (text is reallocated). */
static char *with_line(char *text, const char *line)
{
    size_t n = (text != NULL ? strlen(text) : 0) + strlen(line) + 2;
    char *r = realloc(text, n);
    assert_non_null(r);
    if (text == NULL)
        r[0] = 0;
    strcat(r, line);
    strcat(r, "\n");
    return r;
}

/* same_batch on a copy (it splits its input in place). */
static bool batch_matches(const char *out, const cJSON *want)
{
    char why[4096] = "";
    char *copy = strdup(out);
    assert_non_null(copy);
    bool same = same_batch(copy, want, false, why, sizeof why);
    free(copy);
    return same;
}

/* The text and batch checks tell a report or a batch output apart from one that differs. */
static void text_and_batch_checks_see_differences(void **state)
{
    (void)state;
    char why[4096] = "";
    cJSON *want = cJSON_Parse("{\"text_has\":[\"a\\\\u0085b\"],\"text_lacks\":[\"\\u0085\"]}");
    assert_non_null(want);
    assert_true(text_strings("x a\\u0085b y", want, "text_has", true, why, sizeof why));
    assert_true(text_strings("x a\\u0085b y", want, "text_lacks", false, why, sizeof why));
    assert_false(text_strings("x a\xc2\x85" "b y", want, "text_has", true, why, sizeof why));
    assert_false(text_strings("x a\xc2\x85" "b y", want, "text_lacks", false, why, sizeof why));
    cJSON_Delete(want);

    e2e_case c = {.name = "batch-unknown-member"};
    want = load_expected(&c);
    /* the output the CLI would print: every result, with messages, then the summary */
    char *results = NULL;
    const cJSON *r;
    cJSON_ArrayForEach(r, get(want, "results"))
    {
        cJSON *line = cJSON_Duplicate(r, true);
        cJSON *f;
        cJSON_ArrayForEach(f, get(line, "findings"))
            cJSON_AddStringToObject(f, "message", "a message");
        char *t = cJSON_PrintUnformatted(line);
        results = with_line(results, t);
        free(t);
        cJSON_Delete(line);
    }
    assert_non_null(results);
    cJSON *sum = cJSON_CreateObject();
    cJSON_AddItemToObject(sum, "summary", cJSON_Duplicate(get(want, "summary"), true));
    char *sum_text = cJSON_PrintUnformatted(sum);
    cJSON_Delete(sum);
    char *out = with_line(strdup(results), sum_text);
    assert_true(batch_matches(out, want));
    assert_false(batch_matches(results, want));             /* no summary */
    char *more = with_line(strdup(out), "{\"request\":\"x\"}"); /* a line too many */
    assert_false(batch_matches(more, want));
    free(more);
    static const struct {
        const char *from, *to;
    } changes[] = {
        {"\"request\":\"line 2\"", "\"request\":\"line 3\""},
        {"\"verdict\":\"error\"", "\"verdict\":\"allow\""},
        {"\"code\":\"INPUT_UNREADABLE\"", "\"code\":\"REQUEST_MALFORMED\""},
        {"\"requests\":", "\"requests\":1"},
        {"\"INPUT_UNREADABLE\":", "\"INPUT_UNREADABLE\":1"},
    };
    for (size_t i = 0; i < sizeof changes / sizeof changes[0]; i++) {
        char *e = replaced(out, changes[i].from, changes[i].to);
        if (batch_matches(e, want))
            fail_msg("a batch output with %s for %s compares equal", changes[i].to, changes[i].from);
        free(e);
    }
    free(out);
    free(results);
    free(sum_text);
    cJSON_Delete(want);
}

/* The log check tells a record apart from one with a member changed, dropped or added. */
static void log_check_sees_differences(void **state)
{
    (void)state;
    e2e_case c = {.name = "log-intermediary"};
    cJSON *want = load_expected(&c);
    char why[4096] = "";
    assert_true(same_record(want, want, why, sizeof why));
    static const char *const changes[][2] = {
        {"isIntermediary", "false"},
        {"interactingPartyIdentifier", "null"},
        {"listOfClaimsRequested", "[]"},
        {"reasonOfNoncompletion", "\"verdict deny\""},
        {"intermediaryName", NULL},
    };
    for (size_t i = 0; i < sizeof changes / sizeof changes[0]; i++) {
        cJSON *g = cJSON_Duplicate(want, true);
        cJSON_DeleteItemFromObjectCaseSensitive(g, changes[i][0]);
        if (changes[i][1] != NULL)
            cJSON_AddItemToObject(g, changes[i][0], cJSON_Parse(changes[i][1]));
        if (same_record(g, want, why, sizeof why))
            fail_msg("a record with %s %s compares equal", changes[i][0], changes[i][1] ? changes[i][1] : "absent");
        cJSON_Delete(g);
    }
    cJSON_Delete(want);
}

/* The HTML check tells a page apart from one that is cut short, shows another verdict, or lacks or
 * holds a string it must not. */
static void html_check_sees_differences(void **state)
{
    (void)state;
    char why[4096] = "";
    cJSON *want = cJSON_Parse("{\"html_has\":[\"&lt;script&gt;\"],\"html_lacks\":[\"<script\"]}");
    assert_non_null(want);
    static const char page[] = "<!DOCTYPE html>\n<header data-verdict=\"deny\"></header>&lt;script&gt;</html>\n";
    assert_true(html_page(page, strlen(page), want, "deny", why, sizeof why));
    assert_false(html_page(page, strlen(page), want, "allow", why, sizeof why));
    assert_false(html_page(page, strlen(page) - 1, want, "deny", why, sizeof why));
    static const char raw[] = "<!DOCTYPE html>\n<header data-verdict=\"deny\"></header><script></html>\n";
    assert_false(html_page(raw, strlen(raw), want, "deny", why, sizeof why));
    static const char both[] = "<!DOCTYPE html>\n<p data-verdict=\"deny\">&lt;script&gt;<script></p></html>\n";
    assert_false(html_page(both, strlen(both), want, "deny", why, sizeof why));
    cJSON_Delete(want);
}

/* ---- the case file ---------------------------------------------------------------------------- */

/* name, exit status, check, standard input (- for none), the command line's arguments */
static const tm_format case_format = {.min_fields = 5, .max_fields = 5};

static e2e_case *load_cases(const char *path, tm_manifest *m, size_t *n)
{
    if (tm_load(path, &case_format, m) != 0) {
        fprintf(stderr, "%s\n", m->error);
        return NULL;
    }
    e2e_case *v = calloc(m->n, sizeof *v);
    if (v == NULL)
        return NULL;
    for (size_t i = 0; i < m->n; i++) {
        const tm_line *l = &m->v[i];
        v[i] = (e2e_case){l->field[0], l->field[1], l->field[2], l->field[3], l->field[4], {0}};
        snprintf(v[i].title, sizeof v[i].title, "e2e %s", v[i].name);
    }
    *n = m->n;
    return v;
}

/* Runs every case of a table as one group. */
static int run_table(const char *group, e2e_case *cases, size_t n)
{
    struct CMUnitTest *tests = calloc(n, sizeof *tests);
    if (tests == NULL)
        return 1;
    for (size_t i = 0; i < n; i++) {
        tests[i].name = cases[i].title;
        tests[i].test_func = run_case;
        tests[i].initial_state = &cases[i];
    }
    int failed = _cmocka_run_group_tests(group, tests, n, NULL, NULL);
    free(tests);
    return failed;
}

int main(void)
{
    /* A sanitizer's report must not pass for a deny (exit 1). */
    setenv("ASAN_OPTIONS", "exitcode=86", 0);
    setenv("UBSAN_OPTIONS", "exitcode=86", 0);
    tm_manifest text, batch_text;
    size_t n = 0, n_batch = 0;
    e2e_case *cases = load_cases(E2E_DIR "cases.tsv", &text, &n);
    e2e_case *batches = load_cases(E2E_DIR "batch.tsv", &batch_text, &n_batch);
    if (cases == NULL || batches == NULL)
        return 1;
    if (n < MIN_CASES) {
        fprintf(stderr, E2E_DIR "cases.tsv holds %zu cases, fewer than %d\n", n, MIN_CASES);
        return 1;
    }
    int fd = mkstemp(err_path);
    if (fd < 0) {
        perror("wrpcheck e2e");
        return 1;
    }
    close(fd);
    int failed = run_table("e2e_cases", cases, n);
    failed += run_table("e2e_batch", batches, n_batch);
    const struct CMUnitTest self[] = {
        cmocka_unit_test(comparison_sees_every_difference),
        cmocka_unit_test(text_and_batch_checks_see_differences),
        cmocka_unit_test(log_check_sees_differences),
        cmocka_unit_test(html_check_sees_differences),
    };
    failed += cmocka_run_group_tests_name("e2e_comparison", self, NULL, NULL);
    free(cases);
    tm_free(&text);
    free(batches);
    tm_free(&batch_text);
    unlink(err_path);
    return failed ? 1 : 0;
}
