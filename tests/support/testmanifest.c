#include "testmanifest.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

/* The options are cut into key and value in a copy of the text, so that the fields keep the line
 * as it was written. */
typedef struct parser {
    const tm_format *f;
    const char *path;
    char *copy;
    tm_manifest *m;
    size_t cap;
} parser;

static int fail(parser *p, int lineno, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int used = snprintf(p->m->error, sizeof p->m->error, "%s:%d: ", p->path, lineno);
    if (used > 0 && (size_t)used < sizeof p->m->error)
        vsnprintf(p->m->error + used, sizeof p->m->error - (size_t)used, fmt, ap);
    va_end(ap);
    return -1;
}

static bool known_key(const tm_format *f, const char *key)
{
    for (const char *const *k = f->keys; k != NULL && *k != NULL; k++)
        if (strcmp(*k, key) == 0)
            return true;
    return false;
}

static int add_option(parser *p, tm_line *l, char *word)
{
    char *eq = strchr(word, '=');
    if (eq == NULL || eq == word)
        return fail(p, l->lineno, "option \"%s\" is not key=value", word);
    *eq = 0;
    if (!known_key(p->f, word))
        return fail(p, l->lineno, "unknown option %s", word);
    if (tm_opt(l, word) != NULL)
        return fail(p, l->lineno, "option %s given twice", word);
    if (l->n_options == TM_MAX_OPTIONS)
        return fail(p, l->lineno, "more than %d options", TM_MAX_OPTIONS);
    l->option[l->n_options++] = (tm_option){word, eq + 1};
    return 0;
}

/* The options of l, from the copy of its fields (fields start..). */
static int add_options(parser *p, tm_line *l, char *const *copied)
{
    for (size_t i = p->f->options_from; i < l->n_fields; i++) {
        if (!p->f->options_spaced) {
            if (add_option(p, l, copied[i]) != 0)
                return -1;
            continue;
        }
        char *save = NULL;
        for (char *w = strtok_r(copied[i], " ", &save); w != NULL; w = strtok_r(NULL, " ", &save))
            if (add_option(p, l, w) != 0)
                return -1;
    }
    return 0;
}

static void name_line(tm_line *l)
{
    size_t used = (size_t)snprintf(l->name, sizeof l->name, "%d:", l->lineno);
    for (size_t i = 0; i < l->n_fields && used < sizeof l->name; i++)
        used += (size_t)snprintf(l->name + used, sizeof l->name - used, " %s", l->field[i]);
}

/* Splits the line at s (its copy at c) into a new case. */
static int add_line(parser *p, char *s, char *c, int lineno)
{
    if (p->m->n == p->cap) {
        size_t ncap = p->cap ? p->cap * 2 : 64;
        tm_line *v = realloc(p->m->v, ncap * sizeof *v);
        if (v == NULL)
            return fail(p, lineno, "out of memory");
        p->m->v = v;
        p->cap = ncap;
    }
    tm_line *l = &p->m->v[p->m->n++];
    memset(l, 0, sizeof *l);
    l->lineno = lineno;
    char *copied[TM_MAX_FIELDS];
    for (;;) {
        if (l->n_fields == TM_MAX_FIELDS || l->n_fields == p->f->max_fields)
            return fail(p, lineno, "more than %zu tab-separated fields", l->n_fields);
        copied[l->n_fields] = c;
        l->field[l->n_fields++] = s;
        char *tab = strchr(s, '\t');
        if (tab == NULL)
            break;
        *tab = 0;
        c[tab - s] = 0;
        c += tab - s + 1;
        s = tab + 1;
    }
    if (l->n_fields < p->f->min_fields)
        return fail(p, lineno, "%zu tab-separated field%s, at least %zu expected", l->n_fields,
                    l->n_fields == 1 ? "" : "s", p->f->min_fields);
    name_line(l);
    return p->f->options_from > 0 ? add_options(p, l, copied) : 0;
}

int tm_parse(char *text, size_t len, const char *path, const tm_format *f, tm_manifest *m)
{
    memset(m, 0, sizeof *m);
    m->text = text;
    parser p = {f, path, NULL, m, 0};
    int rc = 0;
    if (strlen(text) != len) {
        int at = 1;
        for (const char *c = text; *c; c++)
            at += *c == '\n';
        rc = fail(&p, at, "a NUL byte");
        goto out;
    }
    if ((p.copy = strdup(text)) == NULL) {
        rc = fail(&p, 0, "out of memory");
        goto out;
    }
    int lineno = 0;
    for (char *s = text, *next; s != NULL; s = next) {
        char *end = strchr(s, '\n');
        next = end != NULL ? end + 1 : NULL;
        if (end != NULL)
            *end = p.copy[end - text] = 0;
        else if (*s == 0)
            break;
        lineno++;
        if (strchr(s, '\r') != NULL) {
            rc = fail(&p, lineno, "a carriage return (lines end with \\n alone)");
            goto out;
        }
        if (s[0] == '#' || s[0] == 0)
            continue;
        if ((rc = add_line(&p, s, p.copy + (s - text), lineno)) != 0)
            goto out;
    }
    if (m->n == 0)
        rc = fail(&p, lineno, "no case in the manifest");
out:
    if (rc != 0) {
        char error[sizeof m->error];
        memcpy(error, m->error, sizeof error);
        free(p.copy);
        tm_free(m);
        memcpy(m->error, error, sizeof error);
        return -1;
    }
    m->options_text = p.copy;
    return 0;
}

int tm_load(const char *path, const tm_format *f, tm_manifest *m)
{
    size_t len = 0;
    char *text = (char *)tu_read_file(path, &len);
    if (text == NULL) {
        memset(m, 0, sizeof *m);
        snprintf(m->error, sizeof m->error, "%s: cannot read (run the tests from the repository root)",
                 path);
        return -1;
    }
    return tm_parse(text, len, path, f, m);
}

void tm_free(tm_manifest *m)
{
    free(m->v);
    free(m->text);
    free(m->options_text);
    memset(m, 0, sizeof *m);
}

const char *tm_opt(const tm_line *l, const char *key)
{
    for (size_t i = 0; i < l->n_options; i++)
        if (strcmp(l->option[i].key, key) == 0)
            return l->option[i].value;
    return NULL;
}
