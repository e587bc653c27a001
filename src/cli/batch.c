/* `wrpcheck audit --batch`: many logged requests against one trust configuration, judged on
 * both cores, one JSON line per request in input order, then a summary. */
#include "cli/batch.h"

#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cJSON.h>

#include "util/json.h"

#define CHUNK 256
#define WORKERS 2
#define MAX_LINE (8u * 1024u * 1024u)

typedef struct job {
    char *request, *client_id, *origin, *transcript, *rc;
    wrp_request_kind kind;  /* forced by the line, or WRP_KIND_AUTO */
    wrp_request_kind known; /* the kind as far as known without judging (for INPUT_UNREADABLE) */
    char *error;  /* why the line or a file could not be used (INPUT_UNREADABLE) */
    char *json;   /* the result, or the log record, as printed */
    wrp_verdict verdict;
    wrp_code *codes;
    size_t n_codes;
} job;

typedef struct jobs {
    job *v;
    size_t n, cap;
} jobs;

static char *dup_or_null(const char *s)
{
    return s != NULL ? strdup(s) : NULL;
}

static void job_free(job *j)
{
    free(j->request);
    free(j->client_id);
    free(j->origin);
    free(j->transcript);
    free(j->rc);
    free(j->error);
    free(j->json);
    free(j->codes);
}

static job *jobs_add(jobs *js)
{
    if (js->n == js->cap) {
        size_t cap = js->cap ? js->cap * 2 : 64;
        job *v = realloc(js->v, cap * sizeof *v);
        if (v == NULL)
            return NULL;
        js->v = v;
        js->cap = cap;
    }
    job *j = &js->v[js->n++];
    memset(j, 0, sizeof *j);
    return j;
}

/* A path in a batch file is relative to the batch file's directory (so "-" is a file named "-",
 * never standard input). */
static char *resolve(const char *dir, const char *path)
{
    if (path == NULL)
        return NULL;
    if (path[0] == '/')
        return strdup(path);
    size_t n = strlen(dir) + strlen(path) + 2;
    char *s = malloc(n);
    if (s != NULL)
        snprintf(s, n, "%s/%s", dir, path);
    return s;
}

static const char *member(const cJSON *o, const char *name, int *bad)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);
    if (v == NULL)
        return NULL;
    if (!cJSON_IsString(v)) {
        *bad = 1;
        return NULL;
    }
    return v->valuestring;
}

/* The members a batch line may have; any other makes the line unusable. */
static const char *const line_members[] = {"request", "client_id", "origin", "transcript", "rc", "kind"};

/* The first member of o that the batch format does not define, or NULL. */
static const char *unknown_member(const cJSON *o)
{
    for (const cJSON *m = o->child; m != NULL; m = m->next) {
        size_t i = 0;
        while (i < sizeof line_members / sizeof line_members[0] && strcmp(m->string, line_members[i]) != 0)
            i++;
        if (i == sizeof line_members / sizeof line_members[0])
            return m->string;
    }
    return NULL;
}

/* A line is exactly one strict JSON object (no duplicate member, nothing after it) with no member
 * but the documented ones, each of its documented type; anything else makes the line unusable, so
 * that an override that was meant (a client_id, an origin, even one misspelt as clientId) can
 * never be dropped silently. */
static void parse_line(job *j, const char *line, size_t lineno, const char *dir)
{
    char msg[256];
    cJSON *o = NULL;
    int bad = wrp_json_parse((const uint8_t *)line, strlen(line), &o, NULL) != WRP_OK;
    const char *req = cJSON_IsObject(o) ? member(o, "request", &bad) : NULL;
    const char *kind = cJSON_IsObject(o) ? member(o, "kind", &bad) : NULL;
    const char *client_id = cJSON_IsObject(o) ? member(o, "client_id", &bad) : NULL;
    const char *origin = cJSON_IsObject(o) ? member(o, "origin", &bad) : NULL;
    const char *transcript = cJSON_IsObject(o) ? member(o, "transcript", &bad) : NULL;
    const char *rc = cJSON_IsObject(o) ? member(o, "rc", &bad) : NULL;
    const char *unknown = cJSON_IsObject(o) ? unknown_member(o) : NULL;
    if (!cJSON_IsObject(o) || req == NULL || bad || unknown != NULL ||
        (kind != NULL && strcmp(kind, "openid4vp") != 0 && strcmp(kind, "mdoc") != 0)) {
        if (unknown != NULL)
            snprintf(msg, sizeof msg, "batch line %zu has a member the batch format does not define: "
                                      "\"%.64s\" (it may be an override that would be dropped)",
                     lineno, unknown);
        else
            snprintf(msg, sizeof msg, "batch line %zu is not an object with a string \"request\" (and "
                                      "string client_id, origin, transcript, rc, kind openid4vp|mdoc)",
                     lineno);
        j->error = strdup(msg);
        snprintf(msg, sizeof msg, "line %zu", lineno);
        j->request = strdup(msg);
        cJSON_Delete(o);
        return;
    }
    j->request = resolve(dir, req);
    j->client_id = dup_or_null(client_id);
    j->origin = dup_or_null(origin);
    j->transcript = resolve(dir, transcript);
    j->rc = resolve(dir, rc);
    j->kind = kind == NULL ? WRP_KIND_AUTO : strcmp(kind, "mdoc") == 0 ? WRP_KIND_MDOC : WRP_KIND_OPENID4VP;
    cJSON_Delete(o);
}

static int load_lines(const char *path, jobs *js)
{
    size_t len = 0;
    unsigned char *data = cli_read_all(path, &len, MAX_LINE * 8);
    if (data == NULL)
        return -1;
    char *slash = strrchr(path, '/');
    char *dir = slash == NULL ? strdup(".") : strndup(path, (size_t)(slash - path) + (slash == path));
    char *text = (char *)data;
    size_t lineno = 0;
    int rc = 0;
    char *buf = memchr(text, 0, len) == NULL ? realloc(text, len + 1) : NULL;
    if (buf == NULL || dir == NULL) { /* a NUL byte would end a line early: the whole batch is refused */
        free(buf != NULL ? buf : text);
        free(dir);
        return -1;
    }
    buf[len] = 0;
    for (char *line = buf, *next; line != NULL; line = next) {
        next = strchr(line, '\n');
        if (next != NULL)
            *next++ = 0;
        lineno++; /* every line counts, blank ones too, so that messages name the right one */
        size_t n = strlen(line);
        while (n > 0 && (line[n - 1] == '\r' || line[n - 1] == ' ' || line[n - 1] == '\t'))
            line[--n] = 0;
        if (n == 0)
            continue;
        job *j = jobs_add(js);
        if (j == NULL) {
            rc = -1;
            break;
        }
        parse_line(j, line, lineno, dir);
    }
    free(buf);
    free(dir);
    return rc;
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(((const job *)a)->request, ((const job *)b)->request);
}

static int load_dir(const char *path, jobs *js)
{
    DIR *d = opendir(path);
    if (d == NULL)
        return -1;
    struct dirent *e;
    int rc = 0;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char *full = resolve(path, e->d_name);
        struct stat st;
        if (full == NULL || stat(full, &st) != 0 || !S_ISREG(st.st_mode)) {
            free(full);
            continue;
        }
        job *j = jobs_add(js);
        if (j == NULL) {
            free(full);
            rc = -1;
            break;
        }
        j->request = full;
    }
    closedir(d);
    qsort(js->v, js->n, sizeof *js->v, name_cmp);
    return rc;
}

/* ---- judging ---- */

typedef struct shared {
    const wrp_verifier *v;
    const cli_batch_opts *o;
    jobs *js;
    size_t next, end;
    pthread_mutex_t lock;
} shared;

static int set_file(wrp_request *rq, wrp_status (*set)(wrp_request *, const uint8_t *, size_t),
                    const char *path, job *j, const char *what)
{
    if (path == NULL)
        return 0;
    size_t len = 0;
    unsigned char *data = cli_read_all(path, &len, CLI_MAX_FILE);
    wrp_status st = data != NULL ? set(rq, data, len) : WRP_ERR_IO;
    free(data);
    if (st == WRP_OK)
        return 0;
    char msg[512];
    snprintf(msg, sizeof msg, "cannot use %s file %s", what, path);
    j->error = strdup(msg);
    return -1;
}

static void judge_one(const shared *s, job *j)
{
    j->known = j->kind != WRP_KIND_AUTO ? j->kind : s->o->kind;
    if (j->error != NULL)
        return;
    wrp_request *rq = wrp_request_new();
    const char *client_id = j->client_id ? j->client_id : s->o->client_id;
    const char *origin = j->origin ? j->origin : s->o->origin;
    if (rq == NULL || (client_id && wrp_request_set_client_id(rq, client_id) != WRP_OK) ||
        (origin && wrp_request_set_origin(rq, origin) != WRP_OK)) {
        j->error = strdup("out of memory");
        wrp_request_free(rq);
        return;
    }
    wrp_request_set_kind(rq, j->kind != WRP_KIND_AUTO ? j->kind : s->o->kind);
    if (set_file(rq, wrp_request_set_transcript, j->transcript ? j->transcript : s->o->transcript, j,
                 "transcript") != 0 ||
        set_file(rq, wrp_request_set_registration, j->rc ? j->rc : s->o->rc, j, "registration "
                                                                               "certificate") != 0) {
        wrp_request_free(rq);
        return;
    }
    for (size_t i = 0; i < s->o->n_policies; i++) {
        if (set_file(rq, wrp_request_add_disclosure_policy, s->o->policies[i], j, "disclosure policy") != 0) {
            wrp_request_free(rq);
            return;
        }
    }
    size_t len = 0;
    unsigned char *data = cli_read_all(j->request, &len, CLI_MAX_FILE);
    wrp_result *r = NULL;
    if (data != NULL && j->known == WRP_KIND_AUTO)
        j->known = wrp_detect_kind(data, len);
    if (data == NULL) {
        char msg[512];
        snprintf(msg, sizeof msg, "cannot read %s", j->request);
        j->error = strdup(msg);
    } else if (wrp_audit(s->v, rq, data, len, &r) != WRP_OK) {
        j->error = strdup("the library could not judge the request (out of memory)");
    } else {
        j->json = strdup(s->o->format == CLI_FORMAT_LOG ? wrp_result_log_json(r) : wrp_result_json(r));
        j->verdict = wrp_result_verdict(r);
        j->n_codes = wrp_result_finding_count(r);
        j->codes = calloc(j->n_codes ? j->n_codes : 1, sizeof *j->codes);
        for (size_t i = 0; j->codes != NULL && i < j->n_codes; i++)
            j->codes[i] = wrp_result_finding_code(r, i);
        if (j->codes == NULL)
            j->n_codes = 0;
    }
    free(data);
    wrp_result_free(r);
    wrp_request_free(rq);
}

static void *worker(void *arg)
{
    shared *s = arg;
    for (;;) {
        pthread_mutex_lock(&s->lock);
        size_t i = s->next < s->end ? s->next++ : SIZE_MAX;
        pthread_mutex_unlock(&s->lock);
        if (i == SIZE_MAX)
            return NULL;
        judge_one(s, &s->js->v[i]);
    }
}

/* ---- output ---- */

typedef struct summary {
    size_t verdicts[4];
    size_t codes[256];
} summary;

/* A batch in the log format: {"request": PATH, "presentation": record}, the record as TS10's
 * Transaction holds it. */
static void print_job(const job *j, cli_format format, summary *sum)
{
    if (j->error != NULL) {
        sum->verdicts[WRP_VERDICT_ERROR]++;
        sum->codes[WRP_CODE_INPUT_UNREADABLE]++;
        if (format == CLI_FORMAT_LOG) {
            printf("{\"request\":");
            cli_json_string(stdout, j->request);
            printf(",\"presentation\":");
            cli_unreadable_log(stdout, j->error);
            printf("}\n");
        } else if (format == CLI_FORMAT_JSON) {
            printf("{\"request\":");
            cli_json_string(stdout, j->request);
            printf(",");
            cli_unreadable_members(stdout, j->known, j->error);
            printf("}\n");
        } else {
            cli_text(stdout, j->request, 0);
            printf(": error INPUT_UNREADABLE (");
            cli_text(stdout, j->error, 0);
            printf(")\n");
        }
        return;
    }
    sum->verdicts[j->verdict]++;
    for (size_t i = 0; i < j->n_codes; i++)
        if ((unsigned)j->codes[i] < 256)
            sum->codes[j->codes[i]]++;
    if (format == CLI_FORMAT_LOG) {
        printf("{\"request\":");
        cli_json_string(stdout, j->request);
        printf(",\"presentation\":%s}\n", j->json);
    } else if (format == CLI_FORMAT_JSON) {
        printf("{\"request\":");
        cli_json_string(stdout, j->request);
        printf(",%s\n", j->json + 1);
    } else {
        cli_text(stdout, j->request, 0);
        printf(": %s", wrp_verdict_str(j->verdict));
        for (size_t i = 0; i < j->n_codes; i++)
            printf("%s%s", i ? " " : " (", wrp_code_str(j->codes[i]));
        printf("%s\n", j->n_codes ? ")" : "");
    }
}

static void print_summary(const summary *sum, size_t total, int json)
{
    static const wrp_verdict order[] = {WRP_VERDICT_ALLOW, WRP_VERDICT_WARN, WRP_VERDICT_DENY,
                                        WRP_VERDICT_ERROR};
    if (json) {
        printf("{\"summary\":{\"requests\":%zu,\"verdicts\":{", total);
        for (size_t i = 0; i < 4; i++)
            printf("%s\"%s\":%zu", i ? "," : "", wrp_verdict_str(order[i]), sum->verdicts[order[i]]);
        printf("},\"codes\":{");
        int first = 1;
        for (unsigned c = 0; c < 256; c++) {
            if (sum->codes[c] == 0)
                continue;
            printf("%s\"%s\":%zu", first ? "" : ",", wrp_code_str((wrp_code)c), sum->codes[c]);
            first = 0;
        }
        printf("}}}\n");
        return;
    }
    printf("summary: %zu requests", total);
    for (size_t i = 0; i < 4; i++)
        printf(", %zu %s", sum->verdicts[order[i]], wrp_verdict_str(order[i]));
    printf("\n");
    for (unsigned c = 0; c < 256; c++)
        if (sum->codes[c] != 0)
            printf("  %-28s %zu\n", wrp_code_str((wrp_code)c), sum->codes[c]);
}

int cli_batch(const wrp_verifier *v, const cli_batch_opts *o)
{
    jobs js = {0};
    struct stat st;
    int loaded = stat(o->path, &st) == 0 && S_ISDIR(st.st_mode) ? load_dir(o->path, &js)
                                                                   : load_lines(o->path, &js);
    if (loaded != 0) {
        fprintf(stderr, "wrpcheck: cannot read batch %s\n", o->path);
        for (size_t i = 0; i < js.n; i++)
            job_free(&js.v[i]);
        free(js.v);
        return -1;
    }
    shared s = {v, o, &js, 0, 0, PTHREAD_MUTEX_INITIALIZER};
    summary sum;
    memset(&sum, 0, sizeof sum);
    for (size_t start = 0; start < js.n; start += CHUNK) {
        s.next = start;
        s.end = start + CHUNK < js.n ? start + CHUNK : js.n;
        pthread_t t[WORKERS];
        size_t started = 0;
        for (size_t k = 0; k < WORKERS; k++)
            if (pthread_create(&t[k], NULL, worker, &s) == 0)
                started++;
        if (started == 0)
            worker(&s);
        for (size_t k = 0; k < started; k++)
            pthread_join(t[k], NULL);
        for (size_t i = start; i < s.end; i++) {
            print_job(&js.v[i], o->format, &sum);
            job_free(&js.v[i]);
        }
    }
    print_summary(&sum, js.n, o->format != CLI_FORMAT_TEXT);
    free(js.v);
    if (sum.verdicts[WRP_VERDICT_ERROR])
        return 2;
    if (sum.verdicts[WRP_VERDICT_DENY])
        return 1;
    return sum.verdicts[WRP_VERDICT_WARN] ? 3 : 0;
}
