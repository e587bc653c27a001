/* IETF Token Status List: status list tokens (JWT `statuslist+jwt` or CWT) and status lookup. */
#ifndef WRP_STATUSLIST_H
#define WRP_STATUSLIST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "model/token.h"
#include "util/err.h"

typedef struct wrp_status_list {
    wrp_token token;     /* the envelope, for the signature and chain checks */
    bool typ_ok;         /* statuslist+jwt, or (CWT) statuslist+cwt / application/statuslist+cwt */
    char *sub;           /* the list's URI */
    int64_t iat;
    bool has_exp, has_ttl;
    int64_t exp, ttl;
    unsigned bits;       /* 1, 2, 4 or 8 */
    uint8_t *lst;        /* the compressed list (zlib), as carried */
    size_t lst_len;
    /* wrp_status_list_prepare: the list inflated once (raw), or why it cannot be (raw_st, raw_err) */
    bool prepared;
    uint8_t *raw;
    size_t raw_len;
    wrp_status raw_st;
    wrp_err raw_err;
} wrp_status_list;

/* Parses a token: the envelope, then the claims sub (string), iat (integer), exp and ttl
 * (optional integers), status_list {bits in {1,2,4,8}, lst (base64url text / bstr)}.
 * WRP_ERR_MALFORMED with a reason for anything else. Does not verify the signature. */
wrp_status wrp_status_list_parse(const uint8_t *in, size_t len, wrp_status_list *out, wrp_err *err);

/* The time after which the token must not be used: exp when present, else iat + ttl when ttl is
 * present, else INT64_MAX. */
int64_t wrp_status_list_expiry(const wrp_status_list *sl);

/*
 * The status value at idx. The list is inflated (zlib) up to WRP_MAX_STATUS_LIST_BYTES (more is
 * WRP_ERR_LIMIT); a corrupt or truncated stream, or trailing bytes after it, is WRP_ERR_MALFORMED;
 * an index past the end of the list is WRP_ERR_LIMIT. Values are packed least-significant first.
 * A prepared list is not inflated again: the same answers from the list inflated once.
 */
wrp_status wrp_status_list_get(const wrp_status_list *sl, uint64_t idx, unsigned *value, wrp_err *err);

/* Inflates the whole list (exposed for tests and the fuzzer). *out is malloc'ed. */
wrp_status wrp_status_list_inflate(const uint8_t *z, size_t zlen, uint8_t **out, size_t *outlen,
                                   wrp_err *err);

/* Inflates the list once for every later wrp_status_list_get (which then gives the same values and
 * the same errors); a list that does not inflate keeps its reason. Status: WRP_OK, or
 * WRP_ERR_NOMEM (nothing kept). */
wrp_status wrp_status_list_prepare(wrp_status_list *sl);

void wrp_status_list_free(wrp_status_list *sl);

#endif
