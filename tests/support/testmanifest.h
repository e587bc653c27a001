/* Manifests of test vectors as tab-separated lines: a first column (the files), the expected
 * outcome, then any number of key=value options. Lines starting with # and empty lines are
 * skipped. */
#ifndef WRP_TESTMANIFEST_H
#define WRP_TESTMANIFEST_H

#include <stddef.h>

typedef struct tm_line {
    int line;
    const char *files;
    const char *expected;
    const char *const *options; /* n_options "key=value" strings */
    size_t n_options;
    char name[512];
} tm_line;

typedef struct tm_manifest {
    char *text;
    tm_line *v;
    size_t n;
    char **option_storage;
} tm_manifest;

/* Reads path (relative to the repository root); 0 on success, -1 when unreadable or malformed. */
int tm_load(const char *path, tm_manifest *m);
void tm_free(tm_manifest *m);

/* The value of option key on line l, or NULL when the line does not give it. */
const char *tm_opt(const tm_line *l, const char *key);

#endif
