/*
 * Allocation-failure injection across the vector suite, through the command line: the CLI's own
 * code (src/cli/main.c, its main renamed wrp_cli_main) runs in this process, so that every
 * allocation of a whole run (reading the files, the configuration, the verifier, the judgement,
 * the output, the release) can be made to fail. Three groups of runs:
 *
 *   e2e      every case of testvectors/e2e/cases.tsv (`wrpcheck audit`, usage errors included)
 *   rc       every line of testvectors/rc/manifest.tsv as `wrpcheck rc` (its options mapped to the
 *            command line; require_ac_policy has no option and is left out)
 *   inspect  `wrpcheck inspect` of every vector file under testvectors/ (not the generators,
 *            manifests and READMEs): every parser the library has
 *
 * For each run, allocation N is made to fail, for N over the failure points of the run (see
 * allocinject.h for what must hold). The outcome compared is the exit status, ranked from lenient
 * to strict (allow 0, warn 3, deny 1, error 2, usage 64), and the standard output: a run that
 * ends with the clean run's status must print exactly what the clean run printed, except for
 * status 2, whose message names what failed.
 *
 * The allocations before the judgement (reading the files, building the configuration) depend only
 * on the command line less its input file; they are swept for the first case of each such command
 * line, and later cases are swept from the judgement on (the point where the CLI calls wrp_audit or
 * wrp_check_registration; this program is linked with --wrap for both to find it).
 *
 * How many failure points: WRP_ALLOC_STRIDE=K tests every Kth (case I starting at I mod K, so
 * that the cases together cover the offsets); WRP_ALLOC_FULL=1 tests every one (make alloc-fail).
 * WRP_ALLOC_CASE=TEXT runs the command lines whose name contains TEXT; WRP_ALLOC_AT=N runs each
 * of them once with allocation N failing and prints what it printed (for looking at one point);
 * WRP_ALLOC_LIST=1 prints each command line's allocation count.
 * The default, K = 251, keeps `make test` short. WRP_ALLOC_GROUP=e2e|rc|inspect runs one group.
 */
#include <dirent.h>
#include <fcntl.h>
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "allocinject.h"
#include "testmanifest.h"
#include "testutil.h"
#include "wrpcheck.h"

int wrp_cli_main(int argc, char **argv);

#define DEFAULT_STRIDE 251
#define DENSE_UP_TO 20000  /* every point (at the stride) up to here; then */
#define SPARSE_POINTS 1000 /* at most this many more (divided by the stride) */
#define MAX_ARGS 64
#define MAX_FAILURES 1000

/* ---- the judgement's entry points, for the mark ------------------------------------------------ */

wrp_status __real_wrp_audit(const wrp_verifier *v, const wrp_request *rq, const uint8_t *in,
                            size_t len, wrp_result **out);
wrp_status __wrap_wrp_audit(const wrp_verifier *v, const wrp_request *rq, const uint8_t *in,
                            size_t len, wrp_result **out);
wrp_status __real_wrp_check_registration(const wrp_verifier *v, const uint8_t *rc, size_t rc_len,
                                         const uint8_t *chain, size_t chain_len, int for_request,
                                         wrp_result **out);
wrp_status __wrap_wrp_check_registration(const wrp_verifier *v, const uint8_t *rc, size_t rc_len,
                                         const uint8_t *chain, size_t chain_len, int for_request,
                                         wrp_result **out);

wrp_status __wrap_wrp_audit(const wrp_verifier *v, const wrp_request *rq, const uint8_t *in,
                            size_t len, wrp_result **out)
{
    ai_mark();
    return __real_wrp_audit(v, rq, in, len, out);
}

wrp_status __wrap_wrp_check_registration(const wrp_verifier *v, const uint8_t *rc, size_t rc_len,
                                         const uint8_t *chain, size_t chain_len, int for_request,
                                         wrp_result **out)
{
    ai_mark();
    return __real_wrp_check_registration(v, rc, rc_len, chain, chain_len, for_request, out);
}

/* ---- one command line --------------------------------------------------------------------------- */

typedef struct cli_case {
    char name[160];
    char *argv[MAX_ARGS + 1];
    int argc;
    char key[2048];       /* the command line less its input file */
    const char *stdin_path; /* NULL: /dev/null */
} cli_case;

static int g_out = -1, g_null = -1; /* the captured standard output; /dev/null */
static char *g_buf;                  /* what a run printed */
#define OUT_MAX (8u << 20)

static int rank_of(int status)
{
    switch (status) {
    case 0:
        return 0;
    case 3:
        return 1;
    case 1:
        return 2;
    case 2:
        return 3;
    case 64:
        return 4;
    default:
        return 5;
    }
}

static void redirect_stdin(const char *path)
{
    int fd = open(path != NULL ? path : "/dev/null", O_RDONLY);
    if (fd < 0) {
        perror(path);
        abort();
    }
    if (dup2(fd, 0) < 0)
        abort();
    close(fd);
    clearerr(stdin);
    (void)fseek(stdin, 0, SEEK_SET); /* drops whatever a cut-short run left buffered */
}

static ai_outcome run_cli(void *ctx)
{
    cli_case *c = ctx;
    redirect_stdin(c->stdin_path);
    fflush(stdout);
    fflush(stderr);
    if (ftruncate(g_out, 0) != 0 || lseek(g_out, 0, SEEK_SET) != 0)
        abort();
    int saved_out = dup(1), saved_err = dup(2);
    if (saved_out < 0 || saved_err < 0 || dup2(g_out, 1) < 0 || dup2(g_null, 2) < 0)
        abort();
    char *argv[MAX_ARGS + 1];
    memcpy(argv, c->argv, sizeof argv); /* the CLI may not keep what it was given */
    int status = wrp_cli_main(c->argc, argv);
    fflush(stdout);
    fflush(stderr);
    if (dup2(saved_out, 1) < 0 || dup2(saved_err, 2) < 0)
        abort();
    close(saved_out);
    close(saved_err);
    off_t size = lseek(g_out, 0, SEEK_END);
    if (size < 0 || (size_t)size > OUT_MAX || pread(g_out, g_buf, (size_t)size, 0) != size)
        abort();
    ai_outcome o = {rank_of(status), ai_copy(g_buf, (size_t)size), (size_t)size};
    return o;
}

/* ---- the groups --------------------------------------------------------------------------------- */

typedef struct group {
    const char *name;
    cli_case *cases;
    size_t n, cap;
    char *texts; /* what the cases point into */
} group;

static cli_case *add_case(group *g)
{
    if (g->n == g->cap) {
        size_t cap = g->cap ? g->cap * 2 : 256;
        cli_case *v = realloc(g->cases, cap * sizeof *v);
        assert_non_null(v);
        g->cases = v;
        g->cap = cap;
    }
    cli_case *c = &g->cases[g->n++];
    memset(c, 0, sizeof *c);
    c->argv[c->argc++] = (char *)"wrpcheck";
    return c;
}

static void push_arg(cli_case *c, char *a)
{
    if (c->argc >= MAX_ARGS)
        fail_msg("%s: more than %d arguments", c->name, MAX_ARGS);
    c->argv[c->argc++] = a;
}

/* The key: every argument but the last one that is not an option or an option's value. */
static void make_key(cli_case *c)
{
    int input = -1;
    for (int i = 1; i < c->argc; i++) {
        if (strncmp(c->argv[i], "--", 2) == 0) {
            if (strcmp(c->argv[i], "--no-revocation") != 0 && strcmp(c->argv[i], "--for-request") != 0)
                i++;
        } else if (i > 1) {
            input = i;
        }
    }
    size_t used = 0;
    for (int i = 1; i < c->argc; i++) {
        if (i == input)
            continue;
        int w = snprintf(c->key + used, sizeof c->key - used, "%s ", c->argv[i]);
        if (w < 0 || (size_t)w >= sizeof c->key - used)
            fail_msg("%s: command line too long", c->name);
        used += (size_t)w;
    }
}

/* Room for the strings a manifest line's arguments are made of. */
typedef struct arena {
    char *buf;
    size_t used, cap;
} arena;

/* An empty arena of cap bytes whose texts the group owns. */
static void arena_start(arena *a, size_t cap, group *g)
{
    a->cap = cap;
    a->buf = malloc(cap);
    assert_non_null(a->buf);
    a->used = 0;
    g->texts = a->buf;
}

static char *keep(arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *at = a->buf + a->used;
    int w = vsnprintf(at, a->cap - a->used, fmt, ap);
    va_end(ap);
    if (w < 0 || (size_t)w >= a->cap - a->used)
        fail_msg("argument arena full");
    a->used += (size_t)w + 1;
    return at;
}

/* Each file of a comma-separated list as `option testvectors/rc/FILE`. */
static void push_files(cli_case *c, arena *a, const char *opt, const char *list)
{
    char tmp[1024];
    snprintf(tmp, sizeof tmp, "%s", list);
    char *save = NULL;
    for (char *f = strtok_r(tmp, ",", &save); f != NULL; f = strtok_r(NULL, ",", &save)) {
        push_arg(c, keep(a, "%s", opt));
        push_arg(c, keep(a, "testvectors/rc/%s", f));
    }
}

/* The bytes of every field of m, each with a terminator. */
static size_t manifest_bytes(const tm_manifest *m)
{
    size_t n = 0;
    for (size_t i = 0; i < m->n; i++)
        for (size_t f = 0; f < m->v[i].n_fields; f++)
            n += strlen(m->v[i].field[f]) + 1;
    return n;
}

/* testvectors/e2e/cases.tsv: name, exit, check, stdin, arguments (as test_e2e reads it). */
static const tm_format e2e_format = {.min_fields = 5, .max_fields = 5};

static void load_e2e(group *g)
{
    tm_manifest m;
    if (tm_load("testvectors/e2e/cases.tsv", &e2e_format, &m) != 0)
        fail_msg("%s", m.error);
    static arena a;
    arena_start(&a, manifest_bytes(&m) + 65536, g);
    for (size_t i = 0; i < m.n; i++) {
        const tm_line *l = &m.v[i];
        cli_case *c = add_case(g);
        snprintf(c->name, sizeof c->name, "e2e %s", l->field[0]);
        c->stdin_path = strcmp(l->field[3], "-") == 0 ? NULL : keep(&a, "%s", l->field[3]);
        char *args = keep(&a, "%s", l->field[4]), *asave = NULL;
        for (char *w = strtok_r(args, " ", &asave); w != NULL; w = strtok_r(NULL, " ", &asave))
            push_arg(c, w);
        make_key(c);
    }
    tm_free(&m);
}

/* testvectors/rc/manifest.tsv: file, expected codes, options (as test_rc reads it; see
 * testvectors/rc/README.md). */
static const char *const rc_keys[] = {"ac", "status", "crl", "rc_anchors", "ac_anchors", "for_request",
                                      "revocation", "require_ac_policy", "time", NULL};
static const tm_format rc_format = {.min_fields = 3, .max_fields = 3, .options_from = 2,
                                    .options_spaced = true, .keys = rc_keys};

static void load_rc(group *g)
{
    tm_manifest m;
    if (tm_load("testvectors/rc/manifest.tsv", &rc_format, &m) != 0)
        fail_msg("%s", m.error);
    static arena a;
    arena_start(&a, manifest_bytes(&m) * 4 + 65536, g);
    for (size_t i = 0; i < m.n; i++) {
        const tm_line *l = &m.v[i];
        cli_case *c = add_case(g);
        snprintf(c->name, sizeof c->name, "rc %s:%d", l->field[0], l->lineno);
        const char *ac_anchors = "pki/ac-root.pem", *rc_anchors = "pki/rc-root.pem";
        const char *time_v = "1798761600";
        push_arg(c, (char *)"rc");
        for (size_t k = 0; k < l->n_options; k++) {
            const char *o = l->option[k].key, *v = l->option[k].value;
            if (strcmp(o, "ac") == 0) {
                push_files(c, &a, "--ac-chain", v);
            } else if (strcmp(o, "status") == 0) {
                push_files(c, &a, "--status-list", v);
            } else if (strcmp(o, "crl") == 0) {
                push_files(c, &a, "--crl", v);
            } else if (strcmp(o, "rc_anchors") == 0) {
                rc_anchors = v;
            } else if (strcmp(o, "ac_anchors") == 0) {
                ac_anchors = v;
            } else if (strcmp(o, "for_request") == 0) {
                if (strcmp(v, "1") == 0)
                    push_arg(c, (char *)"--for-request");
            } else if (strcmp(o, "revocation") == 0) {
                if (strcmp(v, "0") == 0)
                    push_arg(c, (char *)"--no-revocation");
            } else if (strcmp(o, "time") == 0) {
                time_v = v;
            } else if (strcmp(o, "require_ac_policy") != 0) {
                fail_msg("rc manifest: option %s has no command line", o);
            }
        }
        push_files(c, &a, "--ac-anchors", ac_anchors);
        push_files(c, &a, "--rc-anchors", rc_anchors);
        push_arg(c, (char *)"--time");
        push_arg(c, keep(&a, "%s", time_v));
        push_arg(c, (char *)"--format");
        push_arg(c, (char *)"json");
        push_arg(c, keep(&a, "testvectors/rc/%s", l->field[0]));
        make_key(c);
    }
    tm_free(&m);
}

static int wanted_file(const char *name)
{
    static const char *skip[] = {".py", ".md", ".tsv", ".txt"};
    size_t n = strlen(name);
    for (size_t i = 0; i < sizeof skip / sizeof skip[0]; i++) {
        size_t k = strlen(skip[i]);
        if (n >= k && strcmp(name + n - k, skip[i]) == 0)
            return 0;
    }
    return name[0] != '.';
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const cli_case *)a)->name, ((const cli_case *)b)->name);
}

static void walk(group *g, arena *a, const char *dir)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        fail_msg("cannot read %s", dir);
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (e->d_name[0] == '.')
            continue;
        char *path = keep(a, "%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(path, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode)) {
            walk(g, a, path);
        } else if (S_ISREG(st.st_mode) && wanted_file(e->d_name)) {
            cli_case *c = add_case(g);
            snprintf(c->name, sizeof c->name, "inspect %s", path);
            push_arg(c, (char *)"inspect");
            push_arg(c, path);
            make_key(c);
            /* every case reads another file first: none shares a prefix with another */
            snprintf(c->key, sizeof c->key, "%s", path);
        }
    }
    closedir(d);
}

static void load_inspect(group *g)
{
    static arena a;
    arena_start(&a, 1u << 20, g);
    walk(g, &a, "testvectors");
    qsort(g->cases, g->n, sizeof *g->cases, by_name);
}

/* ---- the sweep over a group ------------------------------------------------------------------- */

static unsigned long stride(void)
{
    if (getenv("WRP_ALLOC_FULL") != NULL)
        return 1;
    const char *s = getenv("WRP_ALLOC_STRIDE");
    long v = s != NULL ? strtol(s, NULL, 10) : DEFAULT_STRIDE;
    return v >= 1 ? (unsigned long)v : DEFAULT_STRIDE;
}

/* WRP_ALLOC_CASE=TEXT: only the command lines whose name contains TEXT. */
static int case_wanted(const cli_case *c)
{
    const char *only = getenv("WRP_ALLOC_CASE");
    return only == NULL || strstr(c->name, only) != NULL;
}

static int group_wanted(const char *name)
{
    const char *only = getenv("WRP_ALLOC_GROUP");
    return only == NULL || strcmp(only, name) == 0;
}

/* Skips the test (before it loads anything) when allocations are not interposed here, or when
 * another group is selected. */
static void skip_unless_wanted(const char *name)
{
    const char *why = NULL;
    if (!ai_available(&why)) {
        print_message("skipped: %s\n", why);
        skip();
    }
    if (!group_wanted(name)) {
        print_message("skipped: WRP_ALLOC_GROUP selects another group\n");
        skip();
    }
}

static void sweep_group(group *g)
{
    g_buf = malloc(OUT_MAX);
    assert_non_null(g_buf);
    char tmpl[] = "/tmp/wrpcheck-alloc-XXXXXX";
    g_out = mkstemp(tmpl);
    assert_true(g_out >= 0);
    unlink(tmpl);
    g_null = open("/dev/null", O_WRONLY);
    assert_true(g_null >= 0);

    unsigned long k = stride();
    unsigned long allocs = 0, tested = 0, no_result = 0, stricter = 0, prefixes = 0;
    unsigned failures = 0;
    unsigned long largest = 0;
    const char *largest_name = "";
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (size_t i = 0; i < g->n; i++) {
        cli_case *c = &g->cases[i];
        if (!case_wanted(c))
            continue;
        int first_of_key = 1;
        for (size_t j = 0; j < i && first_of_key; j++)
            if (strcmp(g->cases[j].key, c->key) == 0)
                first_of_key = 0;
        ai_sweep s = {
            .name = c->name,
            .run = run_cli,
            .ctx = c,
            .stride = k,
            .offset = i % k,
            .from_mark = !first_of_key,
            .text_free_rank = rank_of(2),
            .strict = 1,
            .dense_up_to = DENSE_UP_TO,
            .sparse_points = SPARSE_POINTS / k + 1,
        };
        if (getenv("WRP_ALLOC_AT") != NULL) {
            ai_outcome o = ai_run_at(&s, strtoul(getenv("WRP_ALLOC_AT"), NULL, 10));
            print_message("%s: rank %d\n%s\n", c->name, o.rank, o.text);
            ai_outcome_free(&o);
            continue;
        }
        int clean = 0;
        const char *bad = ai_sweep_run(&s, &clean);
        prefixes += (unsigned long)first_of_key;
        if (getenv("WRP_ALLOC_LIST") != NULL)
            print_message("%s: %lu allocations, from %lu\n", c->name, s.allocs,
                          s.from_mark ? s.mark + 1 : 1);
        if (s.allocs > largest) {
            largest = s.allocs;
            largest_name = c->name;
        }
        allocs += s.allocs;
        tested += s.tested;
        no_result += s.no_result;
        stricter += s.stricter;
        if (bad != NULL && failures++ < MAX_FAILURES)
            print_error("%s\n", bad);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    print_message("%s: %zu command lines (%lu swept from their first allocation, the others from the "
                  "judgement on), %lu allocations in their clean runs; stride %lu: %lu failure "
                  "points run, %lu ended with a stricter exit status, %lu as the clean run; %u "
                  "command lines failed; %.1f s; the longest run: %s, %lu allocations\n",
                  g->name, g->n, prefixes, allocs, k, tested, stricter, tested - stricter - no_result,
                  failures, secs, largest_name, largest);
    close(g_out);
    close(g_null);
    free(g_buf);
    g_buf = NULL;
    if (failures != 0)
        fail_msg("%s: %u command lines failed under allocation failure", g->name, failures);
}

static void e2e(void **state)
{
    (void)state;
    skip_unless_wanted("e2e");
    group g = {.name = "e2e"};
    load_e2e(&g);
    sweep_group(&g);
    free(g.cases);
    free(g.texts);
}

static void rc(void **state)
{
    (void)state;
    skip_unless_wanted("rc");
    group g = {.name = "rc"};
    load_rc(&g);
    sweep_group(&g);
    free(g.cases);
    free(g.texts);
}

static void inspect(void **state)
{
    (void)state;
    skip_unless_wanted("inspect");
    group g = {.name = "inspect"};
    load_inspect(&g);
    sweep_group(&g);
    free(g.cases);
    free(g.texts);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(e2e),
        cmocka_unit_test(rc),
        cmocka_unit_test(inspect),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
