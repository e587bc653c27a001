/*
 * OpenID4VP requests (model/openid4vp.h): wrp_o4vp_check on the input as a request (compact JWS,
 * DC API envelope, unsigned JSON), or on a JWS built from the structured form of fuzz.h
 * ("jwt" SEP header SEP payload SEP signature), so that mutations reach the Request Object's
 * payload (in the stub build, nosig/openid4vp, past the signature too). The call is made without
 * options and with fixed ones (an outer client_id, an origin, one transaction data type).
 * Invariants: status OK (or NOMEM); an unread request has exactly one finding, REQUEST_MALFORMED;
 * authenticated implies signed, an x5c chain and none of REQUEST_TYP, REQUEST_ALG,
 * REQUEST_SIGNATURE, CLIENT_ID_PREFIX, nor CLIENT_ID_MISMATCH when no outer client_id is given
 * (with one, it may report that the two differ), and does not depend on the options; a kept DCQL query passes
 * fuzz_check_dcql; a registration certificate comes with n_rc >= 1 and bytes; every message is
 * UTF-8; the OpenSSL error queue is left empty.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "mutator.h"
#include "policy/request_check.h"
#include "util/limits.h"

static bool only_request_codes(wrp_code c)
{
    switch (c) {
    case WRP_CODE_REQUEST_MALFORMED:
    case WRP_CODE_REQUEST_TYP:
    case WRP_CODE_REQUEST_ALG:
    case WRP_CODE_REQUEST_SIGNATURE:
    case WRP_CODE_REQUEST_UNSIGNED:
    case WRP_CODE_CLIENT_ID_MISMATCH:
    case WRP_CODE_CLIENT_ID_PREFIX:
    case WRP_CODE_ORIGIN_MISMATCH:
    case WRP_CODE_DCQL_INVALID:
    case WRP_CODE_TRANSACTION_DATA_UNSUPPORTED:
    case WRP_CODE_RC_MULTIPLE:
    case WRP_CODE_RC_MALFORMED:
    case WRP_CODE_VERIFIER_INFO_IGNORED:
    case WRP_CODE_REQUEST_PARAMETER:
        return true;
    default:
        return false;
    }
}

/* Returns authenticated (false after NOMEM). */
static bool check(const uint8_t *in, size_t len, const wrp_o4vp_opts *opts)
{
    wrp_o4vp r;
    wrp_findings f = {0};
    wrp_status st = wrp_o4vp_check(in, len, opts, &r, &f);
    FUZZ_ASSERT(ERR_peek_error() == 0);
    FUZZ_ASSERT(st == WRP_OK || st == WRP_ERR_NOMEM);
    if (st != WRP_OK) {
        wrp_o4vp_free(&r);
        wrp_findings_free(&f);
        return false;
    }
    for (size_t i = 0; i < f.n; i++) {
        FUZZ_ASSERT(only_request_codes(f.v[i].code));
        FUZZ_ASSERT(f.v[i].message != NULL &&
                    fuzz_utf8_ok((const uint8_t *)f.v[i].message, strlen(f.v[i].message)));
    }
    if (!r.parsed) {
        FUZZ_ASSERT(f.n == 1 && f.v[0].code == WRP_CODE_REQUEST_MALFORMED);
        FUZZ_ASSERT(!r.authenticated && !r.has_dcql && r.rc == NULL);
    }
    if (r.signature_verified)
        FUZZ_ASSERT(r.is_signed && r.chain.n >= 1);
    if (r.authenticated) {
        FUZZ_ASSERT(r.is_signed && r.signature_verified && r.chain.n >= 1);
        FUZZ_ASSERT(!wrp_findings_has(&f, WRP_CODE_REQUEST_TYP) &&
                    !wrp_findings_has(&f, WRP_CODE_REQUEST_ALG) &&
                    !wrp_findings_has(&f, WRP_CODE_REQUEST_SIGNATURE) &&
                    !wrp_findings_has(&f, WRP_CODE_CLIENT_ID_PREFIX));
        /* With an outer client_id, CLIENT_ID_MISMATCH may also say that the two differ, which
         * does not touch the binding of the Request Object's client_id to x5c[0]. */
        if (opts == NULL || opts->client_id == NULL)
            FUZZ_ASSERT(!wrp_findings_has(&f, WRP_CODE_CLIENT_ID_MISMATCH));
    }
    if (r.chain.n > 0)
        FUZZ_ASSERT(r.chain.n <= WRP_MAX_CHAIN_LEN && r.chain.certs != NULL);
    if (r.has_dcql)
        fuzz_check_dcql(&r.dcql);
    if (r.rc != NULL)
        FUZZ_ASSERT(r.n_rc >= 1 && r.rc_len > 0);
    if (r.n_rc > 1)
        FUZZ_ASSERT(wrp_findings_has(&f, WRP_CODE_RC_MULTIPLE));
    bool authenticated = r.authenticated;
    wrp_o4vp_free(&r);
    wrp_findings_free(&f);
    FUZZ_ASSERT(ERR_peek_error() == 0);
    return authenticated;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const tx_types[] = {"payment_data"};
    static const wrp_o4vp_opts opts = {
        .client_id = "x509_san_dns:rp.example.com",
        .origin = "https://rp.example.com",
        .tx_types = tx_types,
        .n_tx_types = 1,
    };
    uint8_t *req;
    size_t n;
    FUZZ_ASSERT(fuzz_token(data, size, &req, &n));
    bool a = check(req, n, NULL);
    bool b = check(req, n, &opts);
    FUZZ_ASSERT(a == b); /* what is outside the Request Object does not authenticate it */
    free(req);
    return 0;
}

/* Structure-aware mutation of the whole input (fuzz/mutator.h). */
size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed);
size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed)
{
    return fuzz_mutate(data, size, max_size, seed, NULL, 0);
}
