/* `wrpcheck audit --batch`: many logged requests against one trust configuration, judged on
 * both cores, one result per request in input order, then a summary (JSON Lines or text), or one
 * CSV table or HTML page of them all. A folder is walked down its subfolders. */
#include "batch.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cJSON.h>

#include "io.h"
#include "report.h"
#include "sha256.h"

#define CHUNK 256
#define WORKERS 2
#define MAX_LINE (8u * 1024u * 1024u)
#define MAX_DEPTH 16       /* levels of subfolders below a batch folder */
#define MAX_ENTRIES 50000u /* files and subfolders of a batch folder, all levels together */

typedef struct job {
    char *request, *client_id, *origin, *transcript, *rc;
    wrp_request_kind kind;  /* forced by the line, or WRP_KIND_AUTO */
    wrp_request_kind known; /* the kind as far as known without judging (for INPUT_UNREADABLE) */
    bool in_folder;         /* found in a folder: skipped when clearly not a request */
    const char *skipped;    /* what such a file looks like (wrp_input_shape_str) */
    char *error;  /* why the line or a file could not be used (INPUT_UNREADABLE) */
    bool oom;     /* judged, but the result could not be kept: reported as unusable */
    char *json;   /* the result, or the log record, as printed */
    wrp_verdict verdict;
    wrp_code *codes;
    size_t n_codes;
    char *rp_name, *rp_identifier, *intermediary, *ac_subject; /* for the CSV and HTML rows */
    int ac_verified;
    bool has_sha256;
    char sha256[CLI_SHA256_HEX];
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
    free(j->rp_name);
    free(j->rp_identifier);
    free(j->intermediary);
    free(j->ac_subject);
}

static job *jobs_add(jobs *js)
{
    job *v = cli_grow(js->v, js->n, &js->cap, sizeof *v, 64);
    if (v == NULL)
        return NULL;
    js->v = v;
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
    bool slash = dir[0] != 0 && dir[strlen(dir) - 1] == '/';
    if (s != NULL)
        snprintf(s, n, "%s%s%s", dir, slash ? "" : "/", path);
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
    int bad = wrp_json_check((const uint8_t *)line, strlen(line)) != WRP_OK || (o = cJSON_Parse(line)) == NULL;
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

typedef struct walk {
    jobs *js;
    size_t entries;
    char *why; /* the reason a folder cannot be used */
    size_t why_size;
} walk;

/* The regular files (symbolic links to files included) under path, at most MAX_DEPTH levels of
 * subfolders down and MAX_ENTRIES entries in all; dot files and dot folders are left out, and a
 * symbolic link to a folder is not followed (a loop could not end). Beyond a bound the batch is
 * refused rather than judged in part. */
static int walk_dir(walk *w, const char *path, unsigned depth)
{
    DIR *d = opendir(path);
    if (d == NULL) {
        snprintf(w->why, w->why_size, "cannot read %.300s: %s", path, strerror(errno));
        return -1;
    }
    int rc = 0;
    for (;;) {
        errno = 0;
        struct dirent *e = readdir(d);
        if (e == NULL) {
            if (errno != 0) {
                snprintf(w->why, w->why_size, "cannot read %.300s: %s", path, strerror(errno));
                rc = -1;
            }
            break;
        }
        if (e->d_name[0] == '.')
            continue;
        if (++w->entries > MAX_ENTRIES) {
            snprintf(w->why, w->why_size, "more than %u files and folders (the limit)", MAX_ENTRIES);
            rc = -1;
            break;
        }
        char *full = resolve(path, e->d_name);
        struct stat st;
        if (full == NULL) {
            snprintf(w->why, w->why_size, "out of memory");
            rc = -1;
            break;
        }
        if (lstat(full, &st) == 0 && S_ISDIR(st.st_mode)) {
            if (depth == MAX_DEPTH) {
                snprintf(w->why, w->why_size, "more than %d levels of folders (the limit): %.300s", MAX_DEPTH,
                         full);
                rc = -1;
            } else {
                rc = walk_dir(w, full, depth + 1);
            }
            free(full);
            if (rc != 0)
                break;
            continue;
        }
        if (stat(full, &st) != 0 || !S_ISREG(st.st_mode)) {
            free(full);
            continue;
        }
        job *j = jobs_add(w->js);
        if (j == NULL) {
            free(full);
            snprintf(w->why, w->why_size, "out of memory");
            rc = -1;
            break;
        }
        j->request = full;
        j->in_folder = true;
    }
    closedir(d);
    return rc;
}

/* Every file of the folder, sorted by path byte by byte (so the order does not depend on the file
 * system). */
static int load_dir(const char *path, jobs *js, char *why, size_t why_size)
{
    walk w = {js, 0, why, why_size};
    int rc = walk_dir(&w, path, 0);
    if (js->n > 0)
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
    unsigned char *data = cli_read_all(path, &len, wrp_max_input_bytes());
    wrp_status st = data != NULL ? set(rq, data, len) : WRP_ERR_IO;
    free(data);
    if (st == WRP_OK)
        return 0;
    char msg[512];
    snprintf(msg, sizeof msg, "cannot use %s file %s", what, path);
    j->error = strdup(msg);
    return -1;
}

/* A file of a folder that is clearly something else (certificates, a README, a web page) is not
 * judged: by its bytes alone (SPEC.md 1b), never by its name. */
static bool not_a_request(wrp_input_shape shape)
{
    return shape == WRP_SHAPE_PEM || shape == WRP_SHAPE_TEXT || shape == WRP_SHAPE_HTML;
}

/* What the CSV and HTML rows show of a result; false when it cannot be kept. */
static bool keep_row(job *j, const wrp_result *r)
{
    const char *src[4] = {NULL, NULL, wrp_result_intermediary_name(r), wrp_result_ac_subject(r)};
    char **dst[4] = {&j->rp_name, &j->rp_identifier, &j->intermediary, &j->ac_subject};
    if (wrp_result_rp_verified(r)) {
        src[0] = wrp_result_rp_name(r);
        src[1] = wrp_result_rp_identifier(r);
    }
    for (size_t i = 0; i < 4; i++)
        if (src[i] != NULL && (*dst[i] = strdup(src[i])) == NULL)
            return false;
    j->ac_verified = wrp_result_ac_verified(r);
    return true;
}

static void judge_one(const shared *s, job *j)
{
    j->known = j->kind != WRP_KIND_AUTO ? j->kind : s->o->kind;
    if (j->error != NULL)
        return;
    size_t len = 0, max = wrp_max_input_bytes();
    unsigned char *data = cli_read_all(j->request, &len, max);
    if (data != NULL) {
        uint64_t size;
        j->has_sha256 = len <= max || cli_sha256_file(j->request, j->sha256, &size) == 0;
        if (len <= max)
            cli_sha256_hex(data, len, j->sha256);
        wrp_input_shape shape = wrp_sniff(data, len);
        if (j->in_folder && not_a_request(shape)) {
            j->skipped = wrp_input_shape_str(shape);
            free(data);
            return;
        }
    }
    wrp_request *rq = wrp_request_new();
    const char *client_id = j->client_id ? j->client_id : s->o->client_id;
    const char *origin = j->origin ? j->origin : s->o->origin;
    if (rq == NULL || (client_id && wrp_request_set_client_id(rq, client_id) != WRP_OK) ||
        (origin && wrp_request_set_origin(rq, origin) != WRP_OK)) {
        j->oom = true;
        free(data);
        wrp_request_free(rq);
        return;
    }
    wrp_request_set_kind(rq, j->kind != WRP_KIND_AUTO ? j->kind : s->o->kind);
    int unusable = set_file(rq, wrp_request_set_transcript, j->transcript ? j->transcript : s->o->transcript, j,
                            "transcript") != 0 ||
                   set_file(rq, wrp_request_set_registration, j->rc ? j->rc : s->o->rc, j,
                            "registration certificate") != 0;
    for (size_t i = 0; !unusable && i < s->o->n_policies; i++)
        unusable = set_file(rq, wrp_request_add_disclosure_policy, s->o->policies[i], j, "disclosure policy") != 0;
    if (unusable) {
        j->oom = j->error == NULL;
        free(data);
        wrp_request_free(rq);
        return;
    }
    wrp_result *r = NULL;
    if (data != NULL && j->known == WRP_KIND_AUTO)
        j->known = wrp_detect_kind(data, len);
    if (data == NULL) {
        /* the system's reason, asked again here (this thread's errno is long gone) */
        char msg[512], reason[128] = "";
        FILE *f = fopen(j->request, "rb");
        if (f == NULL && strerror_r(errno, reason + 2, sizeof reason - 2) == 0)
            memcpy(reason, ": ", 2);
        if (f != NULL)
            fclose(f);
        snprintf(msg, sizeof msg, "cannot read %s%s", j->request, reason);
        j->error = strdup(msg);
        j->oom = j->error == NULL;
    } else if (wrp_audit(s->v, rq, data, len, &r) != WRP_OK) {
        j->error = strdup("the library could not judge the request (out of memory)");
        j->oom = j->error == NULL;
    } else {
        j->json = strdup(s->o->format == CLI_FORMAT_LOG ? wrp_result_log_json(r) : wrp_result_json(r));
        j->verdict = wrp_result_verdict(r);
        j->n_codes = wrp_result_finding_count(r);
        j->codes = calloc(j->n_codes ? j->n_codes : 1, sizeof *j->codes);
        for (size_t i = 0; j->codes != NULL && i < j->n_codes; i++)
            j->codes[i] = wrp_result_finding_code(r, i);
        if (j->json == NULL || j->codes == NULL || !keep_row(j, r)) {
            j->oom = true;
            j->n_codes = 0;
        }
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

typedef struct output {
    const cli_batch_opts *o;
    bool folder;
    cli_totals t;
    cli_html_batch *html;
    FILE *skipped; /* --format json, a folder: the summary's list of skipped files */
    char *skipped_text;
    size_t skipped_len;
    bool failed; /* a CSV record or the HTML page could not be written in full (out of memory) */
} output;

static void row_of(const job *j, const char *error, cli_row *row)
{
    memset(row, 0, sizeof *row);
    row->file = j->request;
    row->skipped = j->skipped;
    row->error = error;
    row->verdict = j->verdict;
    row->sha256 = j->has_sha256 ? j->sha256 : NULL;
    if (error == NULL && j->skipped == NULL) {
        row->rp_name = j->rp_name;
        row->rp_identifier = j->rp_identifier;
        row->intermediary = j->intermediary;
        row->ac_subject = j->ac_subject;
        row->ac_verified = j->ac_verified;
        row->codes = j->codes;
        row->n_codes = j->n_codes;
    }
}

static void print_row(output *out, const job *j, const char *error)
{
    cli_row row;
    row_of(j, error, &row);
    if (out->o->format == CLI_FORMAT_CSV && cli_csv_row(stdout, &row) != 0)
        out->failed = true;
    if (out->o->format == CLI_FORMAT_HTML)
        cli_html_batch_row(out->html, &row);
}

static void print_skipped(output *out, const job *j)
{
    out->t.skipped++;
    switch (out->o->format) {
    case CLI_FORMAT_LOG:
    case CLI_FORMAT_JSON:
        fprintf(out->skipped, "%s{\"file\":", out->t.skipped > 1 ? "," : "");
        cli_json_string(out->skipped, j->request);
        fprintf(out->skipped, ",\"looks_like\":");
        cli_json_string(out->skipped, j->skipped);
        fprintf(out->skipped, "}");
        break;
    case CLI_FORMAT_TEXT:
        cli_text(stdout, j->request, 0);
        printf(": skipped, not a request (");
        cli_text(stdout, j->skipped, 0);
        printf(")\n");
        break;
    default:
        print_row(out, j, NULL);
    }
}

static void print_job(output *out, const job *j)
{
    cli_totals *sum = &out->t;
    if (j->skipped != NULL) {
        print_skipped(out, j);
        return;
    }
    sum->requests++;
    if (j->error != NULL || j->oom || j->json == NULL) {
        const char *error = j->error != NULL ? j->error : "out of memory";
        sum->verdicts[WRP_VERDICT_ERROR]++;
        sum->codes[WRP_CODE_INPUT_UNREADABLE]++;
        if (out->o->format == CLI_FORMAT_LOG) {
            /* {"request": PATH, "presentation": record}, the record as TS10's Transaction holds it */
            printf("{\"request\":");
            cli_json_string(stdout, j->request);
            printf(",\"presentation\":");
            cli_unreadable_log(stdout, error);
            printf("}\n");
        } else if (out->o->format == CLI_FORMAT_JSON) {
            printf("{\"request\":");
            cli_json_string(stdout, j->request);
            printf(",");
            cli_unreadable_members(stdout, j->known, error);
            printf("}\n");
        } else if (out->o->format == CLI_FORMAT_TEXT) {
            cli_text(stdout, j->request, 0);
            printf(": error INPUT_UNREADABLE (");
            cli_text(stdout, error, 0);
            printf(")\n");
        } else {
            print_row(out, j, error);
        }
        return;
    }
    sum->verdicts[j->verdict]++;
    for (size_t i = 0; i < j->n_codes; i++)
        if ((unsigned)j->codes[i] < 256)
            sum->codes[j->codes[i]]++;
    if (out->o->format == CLI_FORMAT_LOG) {
        printf("{\"request\":");
        cli_json_string(stdout, j->request);
        printf(",\"presentation\":%s}\n", j->json);
    } else if (out->o->format == CLI_FORMAT_JSON) {
        printf("{\"request\":");
        cli_json_string(stdout, j->request);
        printf(",%s\n", j->json + 1);
    } else if (out->o->format == CLI_FORMAT_TEXT) {
        cli_text(stdout, j->request, 0);
        printf(": %s", wrp_verdict_str(j->verdict));
        for (size_t i = 0; i < j->n_codes; i++)
            printf("%s%s", i ? " " : " (", wrp_code_str(j->codes[i]));
        printf("%s\n", j->n_codes ? ")" : "");
    } else {
        print_row(out, j, NULL);
    }
}

static void print_summary(output *out)
{
    static const wrp_verdict order[] = {WRP_VERDICT_ALLOW, WRP_VERDICT_WARN, WRP_VERDICT_DENY,
                                        WRP_VERDICT_ERROR};
    const cli_totals *sum = &out->t;
    switch (out->o->format) {
    case CLI_FORMAT_CSV:
        if (cli_csv_totals(stdout, sum) != 0)
            out->failed = true;
        return;
    case CLI_FORMAT_HTML:
        if (cli_html_batch_end(out->html, stdout, out->o->path, out->folder, sum, out->o->facts) != 0)
            out->failed = true;
        out->html = NULL;
        return;
    case CLI_FORMAT_LOG: /* the summary line of --format json */
    case CLI_FORMAT_JSON:
        printf("{\"summary\":{\"requests\":%zu,\"verdicts\":{", sum->requests);
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
        printf("}");
        if (out->folder) { /* a JSON Lines batch has no such member, as before folders were walked */
            if (ferror(out->skipped) | fclose(out->skipped) | (out->skipped_text == NULL && sum->skipped > 0))
                out->failed = true;
            out->skipped = NULL;
            printf(",\"skipped\":%zu,\"skipped_files\":[%s]", sum->skipped,
                   out->skipped_text != NULL && !out->failed ? out->skipped_text : "");
        }
        printf("}}\n");
        return;
    case CLI_FORMAT_TEXT:
        break;
    }
    printf("summary: %zu requests", sum->requests);
    for (size_t i = 0; i < 4; i++)
        printf(", %zu %s", sum->verdicts[order[i]], wrp_verdict_str(order[i]));
    if (out->folder)
        printf(", %zu skipped (not requests)", sum->skipped);
    printf("\n");
    for (unsigned c = 0; c < 256; c++)
        if (sum->codes[c] != 0)
            printf("  %-28s %zu\n", wrp_code_str((wrp_code)c), sum->codes[c]);
}

static void free_jobs(jobs *js, size_t from)
{
    for (size_t i = from; i < js->n; i++)
        job_free(&js->v[i]);
    free(js->v);
}

int cli_batch(const wrp_verifier *v, const cli_batch_opts *o, char *why, size_t why_size)
{
    jobs js = {0};
    struct stat st;
    char reason[512] = "";
    bool folder = stat(o->path, &st) == 0 && S_ISDIR(st.st_mode);
    int loaded = folder ? load_dir(o->path, &js, reason, sizeof reason) : load_lines(o->path, &js);
    if (loaded != 0) {
        if (folder)
            snprintf(why, why_size, "cannot use batch folder %s: %s", o->path, reason);
        else
            snprintf(why, why_size, "cannot read batch %s", o->path);
        free_jobs(&js, 0);
        return -1;
    }
    output out;
    memset(&out, 0, sizeof out);
    out.o = o;
    out.folder = folder;
    if ((o->format == CLI_FORMAT_HTML && (out.html = cli_html_batch_new(folder ? o->path : NULL)) == NULL) ||
        ((o->format == CLI_FORMAT_JSON || o->format == CLI_FORMAT_LOG) && folder &&
         (out.skipped = open_memstream(&out.skipped_text, &out.skipped_len)) == NULL)) {
        snprintf(why, why_size, "out of memory");
        free_jobs(&js, 0);
        return -1;
    }
    if (o->format == CLI_FORMAT_CSV)
        cli_csv_header(stdout);
    shared s = {v, o, &js, 0, 0, PTHREAD_MUTEX_INITIALIZER};
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
            print_job(&out, &js.v[i]);
            job_free(&js.v[i]);
        }
    }
    print_summary(&out);
    free(js.v);
    free(out.skipped_text);
    if (out.failed) {
        fprintf(stderr, "wrpcheck: the batch's output could not be written in full (out of memory)\n");
        return 2;
    }
    if (out.t.verdicts[WRP_VERDICT_ERROR])
        return 2;
    if (out.t.verdicts[WRP_VERDICT_DENY])
        return 1;
    return out.t.verdicts[WRP_VERDICT_WARN] ? 3 : 0;
}
