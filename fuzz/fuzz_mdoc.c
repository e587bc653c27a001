/*
 * ISO/IEC 18013-5 DeviceRequests (model/mdoc.h): wrp_mdoc_check on the input split at
 * FUZZ_SEP_OUTER into
 *   device-request [SEP session-transcript]
 * (the transcript absent when there is no separator). Invariants: status OK (or NOMEM); only the
 * documented codes, with UTF-8 messages; an unread request has only REQUEST_MALFORMED and nothing
 * else; authenticated implies a transcript was given, a reader chain and no READER_AUTH_*
 * finding; every requested item is a credential query of format mso_mdoc whose id is the decimal
 * index of its DocRequest, with paths of exactly two strings (or, over the item limit, only counted:
 * no claim built, more than WRP_MAX_REQUESTED_ITEMS in all); a registration certificate comes
 * with n_rc >= 1; the OpenSSL error queue is left empty.
 */
#include <stdio.h>
#include <string.h>

#include "fuzz.h"
#include "policy/reader_auth.h"
#include "util/limits.h"

static bool mdoc_code(wrp_code c)
{
    return c == WRP_CODE_REQUEST_MALFORMED || c == WRP_CODE_READER_AUTH_MISSING ||
           c == WRP_CODE_READER_AUTH_UNVERIFIED || c == WRP_CODE_READER_AUTH_SIGNATURE ||
           c == WRP_CODE_RC_MULTIPLE;
}

static void check_items(const wrp_dcql *q)
{
    FUZZ_ASSERT(q->n_creds >= 1 && q->n_creds <= WRP_MAX_DCQL_CREDENTIALS);
    size_t total = 0;
    for (size_t k = 0; k < q->n_creds; k++)
        total += q->creds[k].n_claims;
    FUZZ_ASSERT(q->counted_only == (total > WRP_MAX_REQUESTED_ITEMS));
    for (size_t k = 0; k < q->n_creds; k++) {
        const wrp_dcql_cred *c = &q->creds[k];
        char id[24];
        snprintf(id, sizeof id, "%zu", k);
        FUZZ_ASSERT(c->id != NULL && strcmp(c->id, id) == 0);
        FUZZ_ASSERT(c->format != NULL && strcmp(c->format, "mso_mdoc") == 0);
        FUZZ_ASSERT(q->counted_only == (c->claims == NULL));
        for (size_t i = 0; !q->counted_only && i < c->n_claims; i++) {
            const wrp_path *p = &c->claims[i].path;
            FUZZ_ASSERT(p->n == 2 && p->e[0].kind == WRP_PATH_STR && p->e[1].kind == WRP_PATH_STR);
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_part parts[2];
    fuzz_split(data, size, FUZZ_SEP_OUTER, parts, 2);
    wrp_mdoc m;
    wrp_findings f = {0};
    wrp_status st = wrp_mdoc_check(parts[0].p, parts[0].n, parts[1].p, parts[1].n, &m, &f);
    FUZZ_ASSERT(ERR_peek_error() == 0);
    FUZZ_ASSERT(st == WRP_OK || st == WRP_ERR_NOMEM);
    if (st == WRP_OK) {
        for (size_t i = 0; i < f.n; i++) {
            FUZZ_ASSERT(mdoc_code(f.v[i].code));
            FUZZ_ASSERT(f.v[i].message != NULL &&
                        fuzz_utf8_ok((const uint8_t *)f.v[i].message, strlen(f.v[i].message)));
        }
        if (!m.parsed) {
            for (size_t i = 0; i < f.n; i++)
                FUZZ_ASSERT(f.v[i].code == WRP_CODE_REQUEST_MALFORMED);
            FUZZ_ASSERT(f.n >= 1 && !m.authenticated && m.rc == NULL);
        } else {
            FUZZ_ASSERT(!wrp_findings_has(&f, WRP_CODE_REQUEST_MALFORMED));
            check_items(&m.items);
        }
        if (m.authenticated) {
            FUZZ_ASSERT(parts[1].p != NULL && m.chain.n >= 1 && m.chain.n <= WRP_MAX_CHAIN_LEN);
            FUZZ_ASSERT(!wrp_findings_has(&f, WRP_CODE_READER_AUTH_MISSING) &&
                        !wrp_findings_has(&f, WRP_CODE_READER_AUTH_UNVERIFIED) &&
                        !wrp_findings_has(&f, WRP_CODE_READER_AUTH_SIGNATURE));
        }
        if (m.rc != NULL)
            FUZZ_ASSERT(m.n_rc >= 1);
        if (m.n_rc > 1)
            FUZZ_ASSERT(wrp_findings_has(&f, WRP_CODE_RC_MULTIPLE));
    }
    wrp_mdoc_free(&m);
    wrp_findings_free(&f);
    FUZZ_ASSERT(ERR_peek_error() == 0);
    return 0;
}
