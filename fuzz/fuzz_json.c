/* The strict JSON front end (util/json.h). Invariants: what it accepts, cJSON accepts too; the
 * tree prints to text that it accepts again as an equal tree, and printing that tree gives the
 * same text; every member is found by its own name; integers read back exactly. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "util/json.h"

/* Walks the tree; false when it holds a non-finite number (which prints as null). */
static bool check_tree(const cJSON *item)
{
    bool finite = true;
    if (cJSON_IsNumber(item)) {
        int64_t v;
        if (wrp_json_int(item, INT64_MIN, INT64_MAX, &v))
            FUZZ_ASSERT((double)v == item->valuedouble && fabs(item->valuedouble) <= 9007199254740992.0);
        finite = isfinite(item->valuedouble);
    }
    for (const cJSON *c = item->child; c != NULL; c = c->next) {
        if (cJSON_IsObject(item)) {
            FUZZ_ASSERT(c->string != NULL);
            FUZZ_ASSERT(wrp_json_get(item, c->string) == c);
            if (cJSON_IsString(c))
                FUZZ_ASSERT(wrp_json_get_str(item, c->string) == c->valuestring);
        }
        finite = check_tree(c) && finite;
    }
    return finite;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cJSON *tree = NULL;
    if (wrp_json_parse(data, size, &tree, NULL) != WRP_OK) {
        FUZZ_ASSERT(tree == NULL);
        return 0;
    }
    FUZZ_ASSERT(tree != NULL);

    /* Differential: the strict parser accepts a subset of what cJSON accepts. */
    char *copy = malloc(size + 1);
    FUZZ_ASSERT(copy != NULL);
    memcpy(copy, data, size);
    copy[size] = 0;
    cJSON *lenient = cJSON_ParseWithLengthOpts(copy, size + 1, NULL, 0);
    FUZZ_ASSERT(lenient != NULL && fuzz_json_equal(tree, lenient, false));
    cJSON_Delete(lenient);
    free(copy);

    if (check_tree(tree)) {
        char *text = cJSON_PrintUnformatted(tree);
        FUZZ_ASSERT(text != NULL);
        cJSON *again = NULL;
        FUZZ_ASSERT(wrp_json_parse((const uint8_t *)text, strlen(text), &again, NULL) == WRP_OK);
        FUZZ_ASSERT(fuzz_json_equal(tree, again, true));
        char *text2 = cJSON_PrintUnformatted(again);
        FUZZ_ASSERT(text2 != NULL && strcmp(text, text2) == 0);
        free(text2);
        cJSON_Delete(again);
        free(text);
    }
    cJSON_Delete(tree);
    return 0;
}
