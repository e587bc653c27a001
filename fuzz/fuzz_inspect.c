/* wrp_inspect_ex (lib/inspect.c): any bytes, in both formats, with and without a status index.
 * Invariants: the call runs (WRP_OK, or WRP_ERR_MALFORMED / WRP_ERR_ARG with an output saying
 * why) and decides alike in both formats; the JSON parses and is what wrp_inspect gives; the text
 * outline is well-formed UTF-8 in which nothing from the input can start a line or hide: no control
 * character but the line feed, no code point the escapes of SPEC.md 1a cover. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "util/text.h"
#include "util/utf8.h"
#include "wrpcheck.h"

static void check_text(const char *s)
{
    const uint8_t *p = (const uint8_t *)s;
    size_t n = strlen(s), i = 0;
    while (i < n) {
        size_t k = wrp_utf8_seq(p + i, n - i, NULL);
        FUZZ_ASSERT(k != 0);
        uint32_t cp = p[i];
        if (k > 1) {
            static const uint8_t lead_mask[] = {0, 0x7F, 0x1F, 0x0F, 0x07};
            cp = p[i] & lead_mask[k];
            for (size_t j = 1; j < k; j++)
                cp = cp << 6 | (p[i + j] & 0x3Fu);
        }
        FUZZ_ASSERT(cp == '\n' || !wrp_text_escaped(cp));
        i += k;
    }
    FUZZ_ASSERT(n == 0 || s[n - 1] == '\n');
}

static wrp_status one(const uint8_t *data, size_t size, int64_t index)
{
    char *json = NULL, *text = NULL;
    wrp_status js = wrp_inspect_ex(data, size, WRP_INSPECT_JSON, index, &json);
    wrp_status ts = wrp_inspect_ex(data, size, WRP_INSPECT_TEXT, index, &text);
    FUZZ_ASSERT(js == ts);
    FUZZ_ASSERT(js == WRP_OK || js == WRP_ERR_MALFORMED || (index >= 0 && js == WRP_ERR_ARG));
    FUZZ_ASSERT(json != NULL && text != NULL);
    FUZZ_ASSERT(ERR_peek_error() == 0);
    FUZZ_ASSERT(wrp_utf8_valid((const uint8_t *)json, strlen(json)));
    cJSON *v = cJSON_Parse(json);
    FUZZ_ASSERT(cJSON_IsObject(v));
    const cJSON *kind = cJSON_GetObjectItemCaseSensitive(v, "kind");
    FUZZ_ASSERT(cJSON_IsString(kind));
    FUZZ_ASSERT((js == WRP_ERR_MALFORMED) == (strcmp(kind->valuestring, "unreadable") == 0));
    cJSON_Delete(v);
    check_text(text);
    if (index < 0) {
        char *legacy = NULL;
        FUZZ_ASSERT(wrp_inspect(data, size, &legacy) == WRP_OK);
        FUZZ_ASSERT(strcmp(legacy, json) == 0);
        wrp_string_free(legacy);
    }
    wrp_string_free(json);
    wrp_string_free(text);
    return js;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* the first byte, when there is one, also picks an index: a status list's early entries */
    wrp_status st = one(data, size, -1);
    if (st == WRP_OK && size > 0)
        (void)one(data, size, data[0] & 15);
    return 0;
}
