#include "model/statuslist.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "util/b64.h"
#include "util/json.h"
#include "util/limits.h"
#include "util/mem.h"

static const wrp_cbor_json_key status_keys[] = {
    {1, "iss"}, {2, "sub"}, {4, "exp"}, {6, "iat"}, {65534, "ttl"}, {65533, "status_list"},
};

#define MAX_TIME INT64_C(253402300799)

static bool typ_ok(const wrp_token *t)
{
    if (t->typ == NULL)
        return false;
    if (t->encoding == WRP_TOKEN_JWT)
        return strcmp(t->typ, "statuslist+jwt") == 0;
    return t->typ_in_protected &&
           (strcmp(t->typ, "statuslist+cwt") == 0 || strcmp(t->typ, "application/statuslist+cwt") == 0);
}

static wrp_status claims(wrp_status_list *sl, const cJSON *p, wrp_err *err)
{
    const char *sub = wrp_json_get_str(p, "sub");
    if (sub == NULL)
        return wrp_fail(err, WRP_ERR_MALFORMED, "status list token: sub is not a string");
    if ((sl->sub = wrp_strdup(sub)) == NULL)
        return wrp_nomem();
    if (!wrp_json_int(wrp_json_get(p, "iat"), 0, MAX_TIME, &sl->iat))
        return wrp_fail(err, WRP_ERR_MALFORMED, "status list token: iat is not a NumericDate");
    const cJSON *exp = wrp_json_get(p, "exp"), *ttl = wrp_json_get(p, "ttl");
    if (exp != NULL && !(sl->has_exp = wrp_json_int(exp, 0, MAX_TIME, &sl->exp)))
        return wrp_fail(err, WRP_ERR_MALFORMED, "status list token: exp is not a NumericDate");
    if (ttl != NULL && !(sl->has_ttl = wrp_json_int(ttl, 0, MAX_TIME, &sl->ttl)))
        return wrp_fail(err, WRP_ERR_MALFORMED, "status list token: ttl is not a positive integer");
    const cJSON *list = wrp_json_get(p, "status_list");
    int64_t bits;
    if (!cJSON_IsObject(list) || !wrp_json_int(wrp_json_get(list, "bits"), 1, 8, &bits) ||
        (bits != 1 && bits != 2 && bits != 4 && bits != 8))
        return wrp_fail(err, WRP_ERR_MALFORMED, "status list token: status_list.bits is not 1, 2, 4 or 8");
    sl->bits = (unsigned)bits;
    const char *lst = wrp_json_get_str(list, "lst");
    if (lst == NULL)
        return wrp_fail(err, WRP_ERR_MALFORMED, "status list token: status_list.lst is missing");
    wrp_err berr = {{0}};
    wrp_status st = wrp_b64url_decode((const uint8_t *)lst, strlen(lst), &sl->lst, &sl->lst_len, &berr);
    if (st != WRP_OK)
        return st == WRP_ERR_NOMEM ? st
                                   : wrp_fail(err, WRP_ERR_MALFORMED, "status list token: status_list.lst: %s",
                                              berr.msg);
    return WRP_OK;
}

wrp_status wrp_status_list_parse(const uint8_t *in, size_t len, wrp_status_list *sl, wrp_err *err)
{
    memset(sl, 0, sizeof *sl);
    wrp_status st = wrp_token_parse(in, len, status_keys, sizeof status_keys / sizeof status_keys[0],
                                    true, &sl->token, err);
    if (st != WRP_OK)
        return st;
    sl->typ_ok = typ_ok(&sl->token);
    if (sl->token.payload == NULL)
        return wrp_fail(err, WRP_ERR_MALFORMED, "status list token: %s", sl->token.payload_error);
    return claims(sl, sl->token.payload, err);
}

int64_t wrp_status_list_expiry(const wrp_status_list *sl)
{
    if (sl->has_exp)
        return sl->exp;
    if (sl->has_ttl)
        return sl->iat > INT64_MAX - sl->ttl ? INT64_MAX : sl->iat + sl->ttl;
    return INT64_MAX;
}

wrp_status wrp_status_list_inflate(const uint8_t *z, size_t zlen, uint8_t **out, size_t *outlen,
                                   wrp_err *err)
{
    *out = NULL;
    *outlen = 0;
    if (zlen > WRP_MAX_INPUT_BYTES)
        return wrp_fail(err, WRP_ERR_LIMIT, "compressed status list too large");
    size_t cap = 4096;
    uint8_t *buf = wrp_malloc(cap);
    if (buf == NULL)
        return wrp_nomem();
    z_stream s;
    memset(&s, 0, sizeof s);
    if (inflateInit(&s) != Z_OK) {
        free(buf);
        return wrp_nomem();
    }
    s.next_in = (Bytef *)(uintptr_t)z;
    s.avail_in = (uInt)zlen;
    wrp_status st = WRP_OK;
    for (;;) {
        if (s.total_out == cap) {
            if (cap >= WRP_MAX_STATUS_LIST_BYTES) {
                st = wrp_fail(err, WRP_ERR_LIMIT, "status list inflates beyond %u bytes",
                              WRP_MAX_STATUS_LIST_BYTES);
                break;
            }
            size_t ncap = cap * 2 > WRP_MAX_STATUS_LIST_BYTES ? WRP_MAX_STATUS_LIST_BYTES : cap * 2;
            uint8_t *nb = wrp_realloc(buf, ncap);
            if (nb == NULL) {
                st = wrp_nomem();
                break;
            }
            buf = nb;
            cap = ncap;
        }
        s.next_out = buf + s.total_out;
        s.avail_out = (uInt)(cap - s.total_out);
        int r = inflate(&s, Z_NO_FLUSH);
        if (r == Z_STREAM_END) {
            if (s.avail_in != 0)
                st = wrp_fail(err, WRP_ERR_MALFORMED, "bytes after the compressed status list");
            break;
        }
        if (r == Z_MEM_ERROR) {
            st = wrp_nomem();
            break;
        }
        if (r != Z_OK && !(r == Z_BUF_ERROR && s.avail_out == 0)) {
            st = wrp_fail(err, WRP_ERR_MALFORMED, "status list is not a valid zlib stream");
            break;
        }
        if (r == Z_OK && s.avail_in == 0 && s.avail_out != 0) {
            st = wrp_fail(err, WRP_ERR_MALFORMED, "truncated zlib stream");
            break;
        }
    }
    size_t total = s.total_out;
    inflateEnd(&s);
    if (st != WRP_OK) {
        free(buf);
        return st;
    }
    *out = buf;
    *outlen = total;
    return WRP_OK;
}

wrp_status wrp_status_list_prepare(wrp_status_list *sl)
{
    if (sl->prepared)
        return WRP_OK;
    wrp_err err = {{0}};
    wrp_status st = wrp_status_list_inflate(sl->lst, sl->lst_len, &sl->raw, &sl->raw_len, &err);
    if (st == WRP_ERR_NOMEM)
        return st;
    sl->raw_st = st;
    sl->raw_err = err;
    sl->prepared = true;
    return WRP_OK;
}

wrp_status wrp_status_list_get(const wrp_status_list *sl, uint64_t idx, unsigned *value, wrp_err *err)
{
    uint8_t *inflated = NULL;
    const uint8_t *raw;
    size_t n;
    if (sl->prepared) {
        if (sl->raw_st != WRP_OK) {
            if (err != NULL)
                *err = sl->raw_err;
            return sl->raw_st;
        }
        raw = sl->raw;
        n = sl->raw_len;
    } else {
        wrp_status st = wrp_status_list_inflate(sl->lst, sl->lst_len, &inflated, &n, err);
        if (st != WRP_OK)
            return st;
        raw = inflated;
    }
    uint64_t per_byte = 8u / sl->bits;
    wrp_status st = WRP_OK;
    if (idx / per_byte >= n)
        st = wrp_fail(err, WRP_ERR_LIMIT, "index %llu is outside the list of %llu entries",
                      (unsigned long long)idx, (unsigned long long)(n * per_byte));
    else
        *value = (unsigned)(raw[idx / per_byte] >> ((unsigned)(idx % per_byte) * sl->bits)) &
                 ((1u << sl->bits) - 1u);
    free(inflated);
    return st;
}

void wrp_status_list_free(wrp_status_list *sl)
{
    if (sl == NULL)
        return;
    wrp_token_free(&sl->token);
    free(sl->sub);
    free(sl->lst);
    free(sl->raw);
    memset(sl, 0, sizeof *sl);
}
