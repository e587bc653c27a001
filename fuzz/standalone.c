/*
 * A plain main() for the fuzz targets, so that every target builds with any C compiler and
 * replays inputs without libFuzzer: `make test` runs each one over its seed corpus and its saved
 * crash inputs, and a failure reproduces with `build/fuzz-replay/TARGET FILE...`.
 *
 * With arguments: each file, or each file of each directory, is one input. Without: the target's
 * name is its program name, and the inputs are $WRP_BUILD/fuzz-seeds/NAME (made by
 * fuzz/make_corpus.py; a sample of them under valgrind) and fuzz/crashes/NAME (committed
 * regressions, always all of them). The output is one cmocka-style test, which tests/run.sh
 * counts; a crash or an invariant violation kills the program after naming the input.
 */
#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"

#if defined(__SANITIZE_ADDRESS__)
#define WRP_REPLAY_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define WRP_REPLAY_ASAN 1
#endif
#endif
#ifdef WRP_REPLAY_ASAN
#include <sanitizer/common_interface_defs.h>
#endif

#ifdef WRP_FUZZ_NO_SIGNATURES
#define WRP_REPLAY_MODE "_sigstub"
#else
#define WRP_REPLAY_MODE ""
#endif

static const char *current = "(none)";

/* Async-signal-safe: called from a signal handler or the sanitizer's death callback. */
static void say_current(void)
{
    static const char msg[] = "replay: failing input: ";
    if (write(2, msg, sizeof msg - 1) < 0 || write(2, current, strlen(current)) < 0 ||
        write(2, "\n", 1) < 0) {
        /* stderr is gone: nothing more can be said */
    }
}

static void on_signal(int sig)
{
    say_current();
    signal(sig, SIG_DFL);
    raise(sig);
}

static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    size_t cap = 4096, n = 0;
    unsigned char *buf = malloc(cap);
    while (buf != NULL) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap)
            break;
        unsigned char *bigger = realloc(buf, cap *= 2);
        if (bigger == NULL) {
            free(buf);
            buf = NULL;
        } else {
            buf = bigger;
        }
    }
    bool failed = ferror(f) != 0;
    fclose(f);
    if (failed) {
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

/* Runs one file; returns 1 when it ran, 0 when it could not be read. */
static int run_file(const char *path)
{
    size_t len = 0;
    unsigned char *data = slurp(path, &len);
    if (data == NULL) {
        fprintf(stderr, "replay: cannot read %s\n", path);
        return 0;
    }
    /* an exact-size copy, so that ASan sees a read past the input */
    unsigned char *exact = malloc(len ? len : 1);
    if (exact == NULL) {
        free(data);
        return 0;
    }
    memcpy(exact, data, len);
    free(data);
    current = path;
    LLVMFuzzerTestOneInput(exact, len);
    current = "(none)";
    free(exact);
    return 1;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every step-th regular file of a directory (step 1: all), in name order; a missing directory
 * holds no input. Adds to *ran and *unreadable. */
static void run_dir(const char *dir, size_t step, size_t *ran, size_t *unreadable)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return;
    char **names = NULL;
    size_t n = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (e->d_name[0] == '.')
            continue;
        char **more = realloc(names, (n + 1) * sizeof *names);
        size_t k = strlen(dir) + strlen(e->d_name) + 2;
        if (more == NULL || (more[n] = malloc(k)) == NULL) {
            names = more != NULL ? more : names;
            (*unreadable)++;
            break;
        }
        names = more;
        snprintf(names[n], k, "%s/%s", dir, e->d_name);
        n++;
    }
    closedir(d);
    if (n > 1)
        qsort(names, n, sizeof *names, cmp_names);
    for (size_t i = 0; i < n; i++) {
        struct stat st;
        if (i % step == 0 && stat(names[i], &st) == 0 && S_ISREG(st.st_mode)) {
            if (run_file(names[i]))
                (*ran)++;
            else
                (*unreadable)++;
        }
        free(names[i]);
    }
    free(names);
}

static void run_path(const char *path, size_t *ran, size_t *unreadable)
{
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        run_dir(path, 1, ran, unreadable);
    else if (run_file(path))
        (*ran)++;
    else
        (*unreadable)++;
}

int main(int argc, char **argv)
{
    static const int sigs[] = {SIGABRT, SIGSEGV, SIGBUS, SIGFPE, SIGILL};
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        signal(sigs[i], on_signal);
#ifdef WRP_REPLAY_ASAN
    __sanitizer_set_death_callback(say_current);
#endif
    const char *name = strrchr(argv[0], '/');
    name = name != NULL ? name + 1 : argv[0];

    size_t ran = 0, unreadable = 0;
    printf("[==========] Running 1 test(s).\n[ RUN      ] fuzz_replay_%s" WRP_REPLAY_MODE "\n", name);
    fflush(stdout);
    if (argc > 1) {
        for (int i = 1; i < argc; i++)
            run_path(argv[i], &ran, &unreadable);
    } else {
        const char *build = getenv("WRP_BUILD");
        char dir[4096];
        /* Under `make valgrind` (tests/run.sh with $VALGRIND) every 16th seed is enough: the
         * whole corpus would take half an hour there, and ASan replays all of it. */
        size_t step = getenv("VALGRIND") != NULL ? 16 : 1;
        snprintf(dir, sizeof dir, "%s/fuzz-seeds/%s", build != NULL ? build : "build", name);
        run_dir(dir, step, &ran, &unreadable);
        snprintf(dir, sizeof dir, "fuzz/crashes/%s", name);
        run_dir(dir, 1, &ran, &unreadable);
    }
    bool ok = unreadable == 0 && ran > 0;
    printf("%zu input(s) replayed, %zu unreadable\n", ran, unreadable);
    printf("[%s] fuzz_replay_%s" WRP_REPLAY_MODE "\n[==========] 1 test(s) run.\n",
           ok ? "       OK " : "  FAILED  ", name);
    printf(ok ? "[  PASSED  ] 1 test(s).\n" : "[  FAILED  ] 1 test(s), listed below:\n");
    return ok ? 0 : 1;
}
