/* fuzz/mutator.h */
#include "mutator.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "rewrite.h"

/* libFuzzer's own mutation; absent (NULL) in the plain-main replay build, which never mutates. */
size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size) __attribute__((weak));

static unsigned next(unsigned *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

static const char *const WORDS[] = {
    "dc+sd-jwt", "vc+sd-jwt", "mso_mdoc", "jwt_vc_json", "ldp_vc", "urn:eudi:pid:1", "eu.europa.ec.eudi.pid.1",
    "eu.europa.ec.eudi.pid.1", "given_name", "family_name", "birth_date", "address", "street_address",
    "nationalities", "age_over_18", "registration_cert", "registrar_dataset", "x509_san_dns:rp.example.com",
    "x509_hash:", "redirect_uri:https://rp.example.com", "dc_api", "dc_api.jwt", "direct_post",
    "https://rp.example.com", "payment_data", "vp_token", "openid", "", "0", "a", "pid", "mdl",
};
static const char *const NAMES[] = {
    "credentials", "id", "format", "meta", "vct_values", "doctype_value", "type_values", "claims", "claim",
    "path", "values", "claim_sets", "credential_sets", "options", "required", "multiple",
    "require_cryptographic_holder_binding", "trusted_authorities", "intent_to_retain", "dcql_query",
    "client_id", "response_type", "response_mode", "response_uri", "nonce", "state", "expected_origins",
    "verifier_info", "data", "credential_ids", "transaction_data", "scope", "presentation_definition",
    "sub", "intermediary", "act", "status", "status_list", "idx", "uri", "entitlements", "purpose",
};

static size_t count(const cJSON *n)
{
    size_t k = 1;
    for (const cJSON *c = n->child; c != NULL; c = c->next)
        k += count(c);
    return k;
}

/* The k-th node in depth-first order (the root is 0), with its parent. */
static cJSON *nth(cJSON *n, size_t *k, cJSON **parent)
{
    if ((*k)-- == 0)
        return n;
    for (cJSON *c = n->child; c != NULL; c = c->next) {
        cJSON *hit = nth(c, k, parent);
        if (hit != NULL) {
            if (*parent == NULL)
                *parent = n;
            return hit;
        }
    }
    return NULL;
}

static cJSON *pick(cJSON *root, unsigned *s, cJSON **parent)
{
    size_t k = next(s) % count(root);
    *parent = NULL;
    return nth(root, &k, parent);
}

static cJSON *scalar(unsigned *s)
{
    switch (next(s) % 9) {
    case 0:
        return cJSON_CreateNull();
    case 1:
        return cJSON_CreateBool(next(s) & 1);
    case 2:
        return cJSON_CreateNumber((double)(next(s) % 5));
    case 3:
        return cJSON_CreateNumber(next(s) & 1 ? -1.0 : 1.5);
    case 4:
        return cJSON_CreateArray();
    case 5:
        return cJSON_CreateObject();
    default:
        return cJSON_CreateString(WORDS[next(s) % (sizeof WORDS / sizeof WORDS[0])]);
    }
}

/* Puts item in place of node in its parent, keeping node's member name. */
static void replace(cJSON *parent, cJSON *node, cJSON *item)
{
    if (item == NULL)
        return;
    if (node->string != NULL) {
        item->string = strdup(node->string);
        item->type &= ~cJSON_StringIsConst;
    }
    cJSON_ReplaceItemViaPointer(parent, node, item);
}

static void mutate_string(cJSON *node, unsigned *s)
{
    if (LLVMFuzzerMutate == NULL)
        return;
    size_t n = strlen(node->valuestring), max = n + 16;
    char *buf = malloc(max + 1);
    if (buf == NULL)
        return;
    memcpy(buf, node->valuestring, n);
    n = LLVMFuzzerMutate((uint8_t *)buf, n, max);
    buf[n] = 0;
    (void)s;
    cJSON_SetValuestring(node, buf); /* stops at an inserted NUL: still a string */
    free(buf);
}

static void mutate_tree(cJSON *root, unsigned *s);

/* A registration certificate (or any JWS) in a string: its payload mutated, the token rebuilt. */
static bool mutate_embedded(cJSON *root, unsigned *s)
{
    cJSON *found[16];
    size_t n = 0;
    size_t total = count(root);
    for (size_t i = 0; i < total && n < 16; i++) {
        size_t k = i;
        cJSON *parent = NULL, *x = nth(root, &k, &parent);
        fuzz_jws j;
        if (cJSON_IsString(x) && strchr(x->valuestring, '.') != NULL &&
            fuzz_jws_open((const uint8_t *)x->valuestring, strlen(x->valuestring), &j)) {
            found[n++] = x;
            fuzz_jws_free(&j);
        }
    }
    if (n == 0)
        return false;
    cJSON *x = found[next(s) % n];
    fuzz_jws j;
    if (!fuzz_jws_open((const uint8_t *)x->valuestring, strlen(x->valuestring), &j))
        return false;
    mutate_tree(j.payload, s);
    char *text = fuzz_jws_close(&j);
    fuzz_jws_free(&j);
    if (text == NULL)
        return false;
    cJSON_SetValuestring(x, text);
    free(text);
    return true;
}

static void mutate_tree(cJSON *root, unsigned *s)
{
    cJSON *parent, *node = pick(root, s, &parent);
    switch (next(s) % 8) {
    case 0: /* delete */
        if (parent != NULL)
            cJSON_Delete(cJSON_DetachItemViaPointer(parent, node));
        break;
    case 1: /* duplicate within an array */
        if (cJSON_IsArray(parent))
            cJSON_AddItemToArray(parent, cJSON_Duplicate(node, 1));
        break;
    case 2: { /* graft a copy of another subtree into an array */
        cJSON *p2, *from = pick(root, s, &p2);
        if (cJSON_IsArray(node) && from != node && count(from) < 256)
            cJSON_AddItemToArray(node, cJSON_Duplicate(from, 1));
        break;
    }
    case 3: /* swap with the next sibling: the parent's children taken off and put back */
        if (parent != NULL && node->next != NULL) {
            size_t n = (size_t)cJSON_GetArraySize(parent), i = 0, at = 0;
            cJSON **kids = malloc(n * sizeof *kids);
            if (kids == NULL)
                break;
            while (parent->child != NULL) {
                if (parent->child == node)
                    at = i;
                kids[i++] = cJSON_DetachItemViaPointer(parent, parent->child);
            }
            cJSON *t = kids[at];
            kids[at] = kids[at + 1];
            kids[at + 1] = t;
            for (i = 0; i < n; i++)
                cJSON_AddItemToArray(parent, kids[i]);
            free(kids);
        }
        break;
    case 4: /* replace with a scalar or an empty container */
        if (parent != NULL)
            replace(parent, node, scalar(s));
        break;
    case 5: /* rename a member */
        if (node->string != NULL && !(node->type & cJSON_StringIsConst)) {
            free(node->string);
            node->string = strdup(NAMES[next(s) % (sizeof NAMES / sizeof NAMES[0])]);
        }
        break;
    case 6: /* a string's bytes, or a number moved */
        if (cJSON_IsString(node))
            mutate_string(node, s);
        else if (cJSON_IsNumber(node))
            cJSON_SetNumberValue(node, node->valuedouble + (double)((int)(next(s) % 5) - 2));
        break;
    default: /* the payload of an embedded JWS */
        mutate_embedded(root, s);
        break;
    }
}

/* The request's JSON: where it is and how to put it back. */
typedef enum shape { SHAPE_JWS, SHAPE_PARTS, SHAPE_JSON } shape;

static char *mutate_request(const uint8_t *req, size_t n, unsigned *s)
{
    fuzz_jws j = {0};
    shape sh;
    fuzz_part parts[4];
    char *text = NULL;
    if (n > 4 && memcmp(req, "jwt" FUZZ_SEP, 3 + strlen(FUZZ_SEP)) == 0 &&
        fuzz_split(req, n, FUZZ_SEP, parts, 4) == 4) {
        sh = SHAPE_PARTS;
        char *json = strndup((const char *)parts[2].p, parts[2].n);
        j.payload = json != NULL ? cJSON_Parse(json) : NULL;
        free(json);
    } else if (n > 0 && req[0] == '{') {
        sh = SHAPE_JSON;
        char *json = strndup((const char *)req, n);
        j.payload = json != NULL ? cJSON_Parse(json) : NULL;
        free(json);
    } else {
        sh = SHAPE_JWS;
        if (!fuzz_jws_open(req, n, &j))
            return NULL;
    }
    if (j.payload == NULL) {
        fuzz_jws_free(&j);
        return NULL;
    }
    for (unsigned i = 0, rounds = 1 + next(s) % 3; i < rounds; i++)
        mutate_tree(j.payload, s);
    if (sh == SHAPE_JWS) {
        text = fuzz_jws_close(&j);
    } else {
        char *json = cJSON_PrintUnformatted(j.payload);
        if (json != NULL && sh == SHAPE_JSON) {
            text = json;
            json = NULL;
        } else if (json != NULL) {
            size_t len = parts[1].n + strlen(json) + (size_t)(req + n - parts[3].p) + 3 + 3 * strlen(FUZZ_SEP) + 1;
            text = malloc(len);
            if (text != NULL) {
                size_t at = 0;
                memcpy(text, req, (size_t)(parts[1].p + parts[1].n - req));
                at = (size_t)(parts[1].p + parts[1].n - req);
                memcpy(text + at, FUZZ_SEP, strlen(FUZZ_SEP));
                at += strlen(FUZZ_SEP);
                memcpy(text + at, json, strlen(json));
                at += strlen(json);
                memcpy(text + at, FUZZ_SEP, strlen(FUZZ_SEP));
                at += strlen(FUZZ_SEP);
                memcpy(text + at, parts[3].p, (size_t)(req + n - parts[3].p));
                at += (size_t)(req + n - parts[3].p);
                text[at] = 0;
            }
        }
        free(json);
    }
    fuzz_jws_free(&j);
    return text;
}

size_t fuzz_mutate(uint8_t *data, size_t size, size_t max_size, unsigned seed, const char *sep, size_t part)
{
    unsigned s = seed | 1u;
    static int plain = -1;
    if (plain < 0)
        plain = getenv("WRP_FUZZ_PLAIN_MUTATOR") != NULL;
    if (plain || LLVMFuzzerMutate == NULL || next(&s) % 2 == 0)
        return LLVMFuzzerMutate != NULL ? LLVMFuzzerMutate(data, size, max_size) : size;
    const uint8_t *req = data;
    size_t n = size;
    if (sep != NULL) {
        fuzz_part parts[8];
        FUZZ_ASSERT(part < 8);
        fuzz_split(data, size, sep, parts, part + 2);
        if (parts[part].p == NULL)
            return LLVMFuzzerMutate(data, size, max_size);
        req = parts[part].p;
        n = parts[part].n;
    }
    char *text = mutate_request(req, n, &s);
    size_t before = (size_t)(req - data), after = size - before - n, len = text != NULL ? strlen(text) : 0;
    if (text == NULL || before + len + after > max_size) {
        free(text);
        return LLVMFuzzerMutate(data, size, max_size);
    }
    memmove(data + before + len, req + n, after);
    memcpy(data + before, text, len);
    free(text);
    return before + len + after;
}
