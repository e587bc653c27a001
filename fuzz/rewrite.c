/* fuzz/rewrite.h */
#include "rewrite.h"

#include <stdlib.h>
#include <string.h>

#include "crypto/sig.h"
#include "fuzz.h"
#include "util/b64.h"

static char *copy(const char *p, size_t n)
{
    char *s = malloc(n + 1);
    if (s != NULL) {
        memcpy(s, p, n);
        s[n] = 0;
    }
    return s;
}

bool fuzz_jws_open(const uint8_t *in, size_t n, fuzz_jws *out)
{
    memset(out, 0, sizeof *out);
    if (in == NULL)
        return false;
    while (n > 0 && (in[n - 1] == '\n' || in[n - 1] == '\r' || in[n - 1] == ' '))
        n--;
    while (n > 0 && (in[0] == '\n' || in[0] == '\r' || in[0] == ' ')) {
        in++;
        n--;
    }
    const char *s = (const char *)in;
    if (n == 0)
        return false;
    const char *d1 = memchr(s, '.', n);
    const char *d2 = d1 != NULL ? memchr(d1 + 1, '.', n - (size_t)(d1 + 1 - s)) : NULL;
    if (d2 == NULL || memchr(d2 + 1, '.', n - (size_t)(d2 + 1 - s)) != NULL || memchr(s, 0, n) != NULL)
        return false;
    uint8_t *raw = NULL;
    size_t raw_n = 0;
    if (wrp_b64url_decode((const uint8_t *)d1 + 1, (size_t)(d2 - d1 - 1), &raw, &raw_n, NULL) != WRP_OK)
        return false;
    char *text = copy((const char *)raw, raw_n);
    free(raw);
    cJSON *payload = text != NULL && strlen(text) == raw_n ? cJSON_Parse(text) : NULL;
    free(text);
    if (!cJSON_IsObject(payload)) {
        cJSON_Delete(payload);
        return false;
    }
    out->header = copy(s, (size_t)(d1 - s));
    out->sig = copy(d2 + 1, n - (size_t)(d2 + 1 - s));
    out->payload = payload;
    if (out->header == NULL || out->sig == NULL) {
        fuzz_jws_free(out);
        return false;
    }
    return true;
}

char *fuzz_jws_close(const fuzz_jws *j)
{
    char *json = cJSON_PrintUnformatted(j->payload), *b64 = NULL;
    if (json == NULL || wrp_b64url_encode((const uint8_t *)json, strlen(json), &b64) != WRP_OK) {
        free(json);
        return NULL;
    }
    free(json);
    size_t n = strlen(j->header) + strlen(b64) + strlen(j->sig) + 3;
    char *out = malloc(n);
    if (out != NULL) {
        strcpy(out, j->header);
        strcat(out, ".");
        strcat(out, b64);
        strcat(out, ".");
        strcat(out, j->sig);
    }
    free(b64);
    return out;
}

void fuzz_jws_free(fuzz_jws *j)
{
    free(j->header);
    free(j->sig);
    cJSON_Delete(j->payload);
    memset(j, 0, sizeof *j);
}

bool fuzz_stub_signatures(void)
{
    static int known = -1;
    if (known < 0) {
        uint8_t sig[64] = {0xA5};
        const uint8_t msg[] = "wrpcheck";
        known = wrp_sig_verify(WRP_ALG_ES256, fuzz_keys()[0], msg, sizeof msg, sig, sizeof sig, NULL) == WRP_OK;
        ERR_clear_error();
    }
    return known == 1;
}

void fuzz_json_reverse_array(cJSON *arr)
{
    cJSON *items = NULL;
    while (arr->child != NULL) {
        cJSON *x = cJSON_DetachItemViaPointer(arr, arr->child);
        x->next = items;
        items = x;
    }
    /* re-attach in the reversed order */
    while (items != NULL) {
        cJSON *next = items->next;
        items->next = NULL;
        cJSON_AddItemToArray(arr, items);
        items = next;
    }
}

void fuzz_json_reverse_members(cJSON *node)
{
    for (cJSON *c = node->child; c != NULL; c = c->next)
        fuzz_json_reverse_members(c);
    if (cJSON_IsObject(node))
        fuzz_json_reverse_array(node);
}
