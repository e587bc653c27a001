/* CRL files (wrp_crls_parse: PEM X509 CRL blocks or one DER CRL) and the revocation check of a
 * fixed access certificate (ac-leaf-crl, issued by ac-root) against them. Invariants: 1..1024
 * CRLs, each re-encoding to DER; a documented result; the OpenSSL error queue left empty. */
#include "fuzz.h"
#include "util/limits.h"

static X509 *cert_of(const char *name)
{
    wrp_chain c;
    const fuzz_blob *b = fuzz_file(name);
    FUZZ_ASSERT(wrp_chain_parse(b->p, b->n, &c, NULL) == WRP_OK && c.n == 1);
    X509 *x = c.certs[0];
    c.certs[0] = NULL;
    wrp_chain_free(&c);
    return x;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static X509 *leaf, *issuer;
    if (leaf == NULL) {
        leaf = cert_of("ac-leaf-crl.pem");
        issuer = cert_of("ac-root.pem");
    }
    X509_CRL **crls = NULL;
    size_t n = 0;
    wrp_status st = wrp_crls_parse(data, size, &crls, &n, NULL);
    FUZZ_ASSERT(ERR_peek_error() == 0);
    if (st != WRP_OK) {
        FUZZ_ASSERT(crls == NULL && n == 0);
        return 0;
    }
    FUZZ_ASSERT(n >= 1 && n <= WRP_MAX_ANCHORS);
    for (size_t i = 0; i < n; i++)
        FUZZ_ASSERT(crls[i] != NULL && i2d_X509_CRL(crls[i], NULL) > 0);
    wrp_crl_result r = wrp_crl_check(leaf, issuer, crls, n, FUZZ_TIME, NULL);
    FUZZ_ASSERT(r == WRP_CRL_GOOD || r == WRP_CRL_REVOKED || r == WRP_CRL_UNKNOWN);
    FUZZ_ASSERT(ERR_peek_error() == 0);
    wrp_crls_free(crls, n);
    return 0;
}
