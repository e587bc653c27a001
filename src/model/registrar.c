/* Registrar datasets (ETSI TS 119 472-2 V1.3.1, OIDFVP-HAIP-COMMON-REQ-RO-06..11): the members that
 * can be compared with a registration certificate, read from JSON or from CBOR. */
#include "model/registrar.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/cbor.h"
#include "util/json.h"
#include "util/limits.h"
#include "util/mem.h"

#define NOT_AN_OBJECT "its data is not a JSON object"
#define NOT_A_MAP "it is neither a map nor a byte string holding a JSON object"

wrp_registrar_dataset *wrp_registrar_datasets_add(wrp_registrar_datasets *d)
{
    wrp_registrar_dataset *v = wrp_realloc(d->v, (d->n + 1) * sizeof *v);
    if (v == NULL)
        return NULL;
    d->v = v;
    memset(&v[d->n], 0, sizeof v[d->n]);
    return &v[d->n++];
}

static void member_free(wrp_rd_member *m)
{
    for (size_t i = 0; i < m->n; i++)
        free(m->v[i]);
    free(m->v);
    memset(m, 0, sizeof *m);
}

void wrp_registrar_datasets_free(wrp_registrar_datasets *d)
{
    if (d == NULL)
        return;
    for (size_t i = 0; i < d->n; i++) {
        member_free(&d->v[i].identifier);
        member_free(&d->v[i].intended_use);
        member_free(&d->v[i].registry_uri);
    }
    free(d->v);
    memset(d, 0, sizeof *d);
}

/* Room for n values, before they are read (n <= WRP_MAX_REGISTER_LIST). */
static wrp_status member_alloc(wrp_rd_member *m, size_t n)
{
    m->v = wrp_calloc(n, sizeof *m->v);
    return m->v != NULL ? WRP_OK : wrp_nomem();
}

/* Appends s (n bytes, no NUL among them). */
static wrp_status member_push(wrp_rd_member *m, const char *s, size_t n)
{
    char *c = wrp_malloc(n + 1);
    if (c == NULL)
        return wrp_nomem();
    memcpy(c, s, n);
    c[n] = 0;
    m->v[m->n++] = c;
    return WRP_OK;
}

/* Ends a member: read when every value was, else unreadable (and emptied). */
static wrp_status member_end(wrp_rd_member *m, wrp_status st, bool shape_ok)
{
    if (st == WRP_OK && shape_ok) {
        m->state = WRP_RD_READ;
        return WRP_OK;
    }
    member_free(m);
    m->state = WRP_RD_UNREADABLE;
    return st;
}

/* ---- JSON ------------------------------------------------------------------------------------- */

static wrp_status json_string(const cJSON *it, wrp_rd_member *m)
{
    if (it == NULL)
        return WRP_OK;
    if (!cJSON_IsString(it))
        return member_end(m, WRP_OK, false);
    wrp_status st = member_alloc(m, 1);
    if (st == WRP_OK)
        st = member_push(m, it->valuestring, strlen(it->valuestring));
    return member_end(m, st, true);
}

/* A string (one identifier), or [{type, identifier}]. */
static wrp_status json_identifiers(const cJSON *it, wrp_rd_member *m)
{
    if (it == NULL || cJSON_IsString(it))
        return json_string(it, m);
    if (!cJSON_IsArray(it))
        return member_end(m, WRP_OK, false);
    size_t n = (size_t)cJSON_GetArraySize(it);
    if (n > WRP_MAX_REGISTER_LIST)
        return member_end(m, WRP_OK, false);
    wrp_status st = member_alloc(m, n);
    bool shape = true;
    for (const cJSON *e = it->child; st == WRP_OK && shape && e != NULL; e = e->next) {
        const char *id = wrp_json_get_str(e, "identifier");
        shape = id != NULL;
        if (shape)
            st = member_push(m, id, strlen(id));
    }
    return member_end(m, st, shape);
}

wrp_status wrp_registrar_from_json(const cJSON *data, wrp_registrar_dataset *out)
{
    if (!cJSON_IsObject(data)) {
        out->unusable = NOT_AN_OBJECT;
        return WRP_OK;
    }
    wrp_status st = json_identifiers(wrp_json_get(data, "identifier"), &out->identifier);
    if (st == WRP_OK)
        st = json_string(wrp_json_get(data, "intendedUseIdentifier"), &out->intended_use);
    if (st == WRP_OK)
        st = json_string(wrp_json_get(data, "registryURI"), &out->registry_uri);
    return st;
}

/* ---- CBOR ------------------------------------------------------------------------------------- */

/* A text string that can be a C string. */
static bool cbor_text(const cbor_item_t *it, const char **s, size_t *n)
{
    const uint8_t *p;
    if (it == NULL || !wrp_cbor_tstr(it, &p, n) || memchr(p, 0, *n) != NULL)
        return false;
    *s = (const char *)p;
    return true;
}

static wrp_status cbor_string(const cbor_item_t *it, wrp_rd_member *m)
{
    const char *s;
    size_t n;
    if (it == NULL)
        return WRP_OK;
    if (!cbor_text(it, &s, &n))
        return member_end(m, WRP_OK, false);
    wrp_status st = member_alloc(m, 1);
    if (st == WRP_OK)
        st = member_push(m, s, n);
    return member_end(m, st, true);
}

static wrp_status cbor_identifiers(const cbor_item_t *it, wrp_rd_member *m)
{
    if (it == NULL || cbor_isa_string(it))
        return cbor_string(it, m);
    if (!cbor_isa_array(it) || cbor_array_size(it) > WRP_MAX_REGISTER_LIST)
        return member_end(m, WRP_OK, false);
    size_t n = cbor_array_size(it);
    wrp_status st = member_alloc(m, n);
    bool shape = true;
    for (size_t i = 0; st == WRP_OK && shape && i < n; i++) {
        const char *s;
        size_t len;
        shape = cbor_text(wrp_cbor_map_get_str(wrp_cbor_array_at(it, i), "identifier"), &s, &len);
        if (shape)
            st = member_push(m, s, len);
    }
    return member_end(m, st, shape);
}

wrp_status wrp_registrar_from_cbor(const cbor_item_t *value, wrp_registrar_dataset *out)
{
    const uint8_t *p;
    size_t n;
    if (value != NULL && wrp_cbor_bstr(value, &p, &n)) {
        cJSON *json = NULL;
        wrp_status st = wrp_json_parse(p, n, &json, NULL);
        if (st == WRP_OK && cJSON_IsObject(json)) {
            st = wrp_registrar_from_json(json, out);
        } else if (st != WRP_ERR_NOMEM) {
            out->unusable = NOT_A_MAP;
            st = WRP_OK;
        }
        cJSON_Delete(json);
        return st;
    }
    if (value == NULL || !cbor_isa_map(value)) {
        out->unusable = NOT_A_MAP;
        return WRP_OK;
    }
    wrp_status st = cbor_identifiers(wrp_cbor_map_get_str(value, "identifier"), &out->identifier);
    if (st == WRP_OK)
        st = cbor_string(wrp_cbor_map_get_str(value, "intendedUseIdentifier"), &out->intended_use);
    if (st == WRP_OK)
        st = cbor_string(wrp_cbor_map_get_str(value, "registryURI"), &out->registry_uri);
    return st;
}
