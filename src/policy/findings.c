#include "policy/findings.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/mem.h"
#include "util/utf8.h"

wrp_severity wrp_code_severity(wrp_code code)
{
    switch (code) {
    case WRP_CODE_REVOCATION_SKIPPED:
    case WRP_CODE_REGISTER_UNSIGNED:
    case WRP_CODE_REGISTER_INCONSISTENT:
    case WRP_CODE_REQUEST_PARAMETER:
    case WRP_CODE_REGISTRAR_DATASET_MISMATCH:
        return WRP_SEV_WARNING;
    case WRP_CODE_VERIFIER_INFO_IGNORED:
        return WRP_SEV_INFO;
    default:
        return WRP_SEV_ERROR;
    }
}

__attribute__((format(printf, 1, 0))) static char *vformat(const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0)
        return NULL;
    char *s = wrp_malloc((size_t)n + 1);
    if (s != NULL) {
        vsnprintf(s, (size_t)n + 1, fmt, ap);
        wrp_utf8_scrub(s); /* messages quote the input, which may not be UTF-8 (a file name) */
    }
    return s;
}

wrp_finding *wrp_findings_add(wrp_findings *f, wrp_code code, const char *fmt, ...)
{
    if (f->oom)
        return NULL;
    if (f->n == f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 8;
        wrp_finding *v = wrp_realloc(f->v, cap * sizeof *v);
        if (v == NULL) {
            f->oom = true;
            return NULL;
        }
        f->v = v;
        f->cap = cap;
    }
    va_list ap;
    va_start(ap, fmt);
    char *msg = vformat(fmt, ap);
    va_end(ap);
    if (msg == NULL) {
        f->oom = true;
        return NULL;
    }
    wrp_finding *x = &f->v[f->n++];
    memset(x, 0, sizeof *x);
    x->code = code;
    x->severity = wrp_code_severity(code);
    x->message = msg;
    return x;
}

void wrp_finding_set_str(wrp_findings *f, char **field, const char *value)
{
    free(*field);
    *field = NULL;
    if (value == NULL)
        return;
    *field = wrp_strdup(value);
    if (*field == NULL)
        f->oom = true;
}

bool wrp_findings_has(const wrp_findings *f, wrp_code code)
{
    for (size_t i = 0; i < f->n; i++)
        if (f->v[i].code == code)
            return true;
    return false;
}

void wrp_findings_free(wrp_findings *f)
{
    for (size_t i = 0; i < f->n; i++) {
        free(f->v[i].message);
        free(f->v[i].credential_id);
        free(f->v[i].type);
        wrp_path_free(&f->v[i].path);
    }
    free(f->v);
    memset(f, 0, sizeof *f);
}

bool wrp_code_is_overask(wrp_code c)
{
    return c == WRP_CODE_OVERASK || c == WRP_CODE_OVERASK_CREDENTIAL;
}
