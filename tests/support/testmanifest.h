/* The one reader of the tab-separated manifests under testvectors/.
 *
 * A manifest is lines ending in \n. A line starting with # is a comment and an empty line is
 * skipped; every other line is one case, split on each tab into fields (a field may be empty).
 * From field `options_from` on, the fields are key=value options; with `options_spaced` the
 * options are instead the space-separated words of that one field. A line with too few or too many
 * fields, an option without '=' or with a key the format does not know, a key given twice, a
 * carriage return or a NUL byte makes the whole manifest malformed, as does a manifest without a
 * single case: tm_load then fails, naming the file and line, and the test program must fail with
 * it rather than run fewer cases. */
#ifndef WRP_TESTMANIFEST_H
#define WRP_TESTMANIFEST_H

#include <stdbool.h>
#include <stddef.h>

#define TM_MAX_FIELDS 24
#define TM_MAX_OPTIONS 32

typedef struct tm_format {
    size_t min_fields, max_fields;
    size_t options_from;     /* index of the first option field; 0 when the lines have none */
    bool options_spaced;     /* the options are the space-separated words of field options_from */
    const char *const *keys; /* the option keys allowed, NULL-terminated */
} tm_format;

typedef struct tm_option {
    const char *key, *value;
} tm_option;

typedef struct tm_line {
    int lineno; /* in the file, from 1 */
    size_t n_fields;
    const char *field[TM_MAX_FIELDS]; /* with options_spaced, field[options_from] is its first word */
    size_t n_options;
    tm_option option[TM_MAX_OPTIONS];
    char name[512]; /* "LINE: FIELD FIELD ...", as the line was written (shortened) */
} tm_line;

typedef struct tm_manifest {
    char *text, *options_text;
    tm_line *v;
    size_t n;
    char error[512]; /* why tm_load or tm_parse failed: "PATH:LINE: what" */
} tm_manifest;

/* Reads path (relative to the repository root) in format f; 0 on success, -1 when unreadable or
 * malformed (m->error says why; nothing else to free). */
int tm_load(const char *path, const tm_format *f, tm_manifest *m);

/* The same over text (NUL-terminated, len bytes before the NUL, malloc'd: the manifest owns it
 * from here on, also on failure); path only names it in m->error. */
int tm_parse(char *text, size_t len, const char *path, const tm_format *f, tm_manifest *m);

void tm_free(tm_manifest *m);

/* The value of option key on line l, or NULL when the line does not give it. */
const char *tm_opt(const tm_line *l, const char *key);

#endif
