/*
 * Included by the code that builds JSON output (inspect, the result, CBOR-to-JSON, paths): every
 * cJSON call that allocates notes an allocation failure (wrp_oom_note), so that a tree that
 * silently misses a member or an element is never handed out; the public entry point that built
 * it returns WRP_ERR_NOMEM instead (util/err.h). The macros keep cJSON's names and results.
 */
#ifndef WRP_JSON_BUILD_H
#define WRP_JSON_BUILD_H

#include <cJSON.h>

#include "util/err.h"
#include "util/mem.h"

#define wrp_json_noted(item) ((cJSON *)wrp_noted_alloc(item))
#define wrp_json_noted_text(text) ((char *)wrp_noted_alloc(text))

static inline cJSON_bool wrp_json_noted_ok(cJSON_bool ok)
{
    if (!ok)
        wrp_oom_note();
    return ok;
}

/* Attach item (which may be NULL: a failed creation, already noted); on failure the item is
 * deleted, so that a caller never leaks a subtree that could not be attached. */
static inline void wrp_json_put(cJSON *o, const char *key, cJSON *item)
{
    if (item == NULL || !cJSON_AddItemToObject(o, key, item)) {
        cJSON_Delete(item);
        wrp_oom_note();
    }
}

static inline void wrp_json_push(cJSON *a, cJSON *item)
{
    if (item == NULL || !cJSON_AddItemToArray(a, item)) {
        cJSON_Delete(item);
        wrp_oom_note();
    }
}

#define cJSON_CreateObject() wrp_json_noted(cJSON_CreateObject())
#define cJSON_CreateArray() wrp_json_noted(cJSON_CreateArray())
#define cJSON_CreateNull() wrp_json_noted(cJSON_CreateNull())
#define cJSON_CreateTrue() wrp_json_noted(cJSON_CreateTrue())
#define cJSON_CreateFalse() wrp_json_noted(cJSON_CreateFalse())
#define cJSON_CreateBool(b) wrp_json_noted(cJSON_CreateBool(b))
#define cJSON_CreateNumber(n) wrp_json_noted(cJSON_CreateNumber(n))
#define cJSON_CreateString(s) wrp_json_noted(cJSON_CreateString(s))
#define cJSON_Duplicate(i, r) wrp_json_noted(cJSON_Duplicate(i, r))
#define cJSON_AddStringToObject(o, k, v) wrp_json_noted(cJSON_AddStringToObject(o, k, v))
#define cJSON_AddNumberToObject(o, k, v) wrp_json_noted(cJSON_AddNumberToObject(o, k, v))
#define cJSON_AddBoolToObject(o, k, v) wrp_json_noted(cJSON_AddBoolToObject(o, k, v))
#define cJSON_AddNullToObject(o, k) wrp_json_noted(cJSON_AddNullToObject(o, k))
#define cJSON_AddTrueToObject(o, k) wrp_json_noted(cJSON_AddTrueToObject(o, k))
#define cJSON_AddFalseToObject(o, k) wrp_json_noted(cJSON_AddFalseToObject(o, k))
#define cJSON_AddObjectToObject(o, k) wrp_json_noted(cJSON_AddObjectToObject(o, k))
#define cJSON_AddArrayToObject(o, k) wrp_json_noted(cJSON_AddArrayToObject(o, k))
#define cJSON_AddItemToObject(o, k, i) wrp_json_noted_ok(cJSON_AddItemToObject(o, k, i))
#define cJSON_AddItemToArray(a, i) wrp_json_noted_ok(cJSON_AddItemToArray(a, i))
#define cJSON_Print(i) wrp_json_noted_text(cJSON_Print(i))
#define cJSON_PrintUnformatted(i) wrp_json_noted_text(cJSON_PrintUnformatted(i))

#endif
