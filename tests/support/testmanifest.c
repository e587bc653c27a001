#include "testmanifest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

static int add_line(tm_manifest *m, size_t *cap, char *line, int lineno)
{
    if (m->n == *cap) {
        size_t ncap = *cap ? *cap * 2 : 64;
        tm_line *v = realloc(m->v, ncap * sizeof *v);
        char **o = realloc(m->option_storage, ncap * sizeof *o);
        if (v != NULL)
            m->v = v;
        if (o != NULL)
            m->option_storage = o;
        if (v == NULL || o == NULL)
            return -1;
        *cap = ncap;
    }
    tm_line *l = &m->v[m->n];
    memset(l, 0, sizeof *l);
    m->option_storage[m->n] = NULL;
    m->n++;
    l->line = lineno;
    char *tab = strchr(line, '\t');
    if (tab == NULL) {
        fprintf(stderr, "manifest line %d: expected at least two tab-separated columns\n", lineno);
        return -1;
    }
    *tab = 0;
    l->files = line;
    l->expected = tab + 1;
    char *opts = strchr(tab + 1, '\t');
    if (opts != NULL) {
        *opts++ = 0;
        size_t n = 1;
        for (const char *p = opts; *p; p++)
            n += *p == '\t';
        char **v = calloc(n, sizeof *v);
        if (v == NULL)
            return -1;
        m->option_storage[m->n - 1] = (char *)v;
        char *save = NULL;
        for (char *tok = strtok_r(opts, "\t", &save); tok != NULL; tok = strtok_r(NULL, "\t", &save))
            v[l->n_options++] = tok;
        l->options = (const char *const *)v;
    }
    size_t used = (size_t)snprintf(l->name, sizeof l->name, "%s -> %s", l->files, l->expected);
    for (size_t i = 0; i < l->n_options && used < sizeof l->name; i++)
        used += (size_t)snprintf(l->name + used, sizeof l->name - used, " %s", l->options[i]);
    return 0;
}

int tm_load(const char *path, tm_manifest *m)
{
    memset(m, 0, sizeof *m);
    size_t len, cap = 0;
    m->text = (char *)tu_read_file(path, &len);
    if (m->text == NULL)
        return -1;
    int lineno = 0;
    char *p = m->text;
    while (*p) {
        char *end = strchr(p, '\n');
        if (end != NULL)
            *end = 0;
        lineno++;
        if (p[0] != '#' && p[0] != 0 && add_line(m, &cap, p, lineno) != 0) {
            tm_free(m);
            return -1;
        }
        if (end == NULL)
            break;
        p = end + 1;
    }
    return 0;
}

void tm_free(tm_manifest *m)
{
    for (size_t i = 0; i < m->n; i++)
        free(m->option_storage[i]);
    free(m->option_storage);
    free(m->v);
    free(m->text);
    memset(m, 0, sizeof *m);
}

const char *tm_opt(const tm_line *l, const char *key)
{
    size_t k = strlen(key);
    for (size_t i = 0; i < l->n_options; i++)
        if (strncmp(l->options[i], key, k) == 0 && l->options[i][k] == '=')
            return l->options[i] + k + 1;
    return NULL;
}
