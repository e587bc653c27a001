/* Time spent decoding certificates and CRLs, and the verifications made: the library's calls to
 * d2i_X509, d2i_X509_CRL, EVP_DigestVerify, X509_verify_cert and X509_CRL_verify are redirected
 * here at link time (-Wl,--wrap=...). The benchmark's own calls (reading the floor's keys,
 * verifying the floor) go through here too, but outside the windows it reads. */
#include <openssl/evp.h>
#include <openssl/x509.h>

#include "bench.h"

X509 *__real_d2i_X509(X509 **a, const unsigned char **in, long len);
X509 *__wrap_d2i_X509(X509 **a, const unsigned char **in, long len);
X509_CRL *__real_d2i_X509_CRL(X509_CRL **a, const unsigned char **in, long len);
X509_CRL *__wrap_d2i_X509_CRL(X509_CRL **a, const unsigned char **in, long len);

static bench_decode counts;

X509 *__wrap_d2i_X509(X509 **a, const unsigned char **in, long len)
{
    uint64_t t0 = bench_now_ns();
    X509 *x = __real_d2i_X509(a, in, len);
    counts.cert_ns += bench_now_ns() - t0;
    counts.certs++;
    return x;
}

X509_CRL *__wrap_d2i_X509_CRL(X509_CRL **a, const unsigned char **in, long len)
{
    uint64_t t0 = bench_now_ns();
    X509_CRL *x = __real_d2i_X509_CRL(a, in, len);
    counts.crl_ns += bench_now_ns() - t0;
    counts.crls++;
    return x;
}

int __real_EVP_DigestVerify(EVP_MD_CTX *ctx, const unsigned char *sig, size_t siglen,
                            const unsigned char *tbs, size_t tbslen);
int __wrap_EVP_DigestVerify(EVP_MD_CTX *ctx, const unsigned char *sig, size_t siglen,
                            const unsigned char *tbs, size_t tbslen);
int __real_X509_verify_cert(X509_STORE_CTX *ctx);
int __wrap_X509_verify_cert(X509_STORE_CTX *ctx);
int __real_X509_CRL_verify(X509_CRL *crl, EVP_PKEY *key);
int __wrap_X509_CRL_verify(X509_CRL *crl, EVP_PKEY *key);

int __wrap_EVP_DigestVerify(EVP_MD_CTX *ctx, const unsigned char *sig, size_t siglen,
                            const unsigned char *tbs, size_t tbslen)
{
    counts.sigs++;
    return __real_EVP_DigestVerify(ctx, sig, siglen, tbs, tbslen);
}

int __wrap_X509_verify_cert(X509_STORE_CTX *ctx)
{
    counts.chains++;
    return __real_X509_verify_cert(ctx);
}

int __wrap_X509_CRL_verify(X509_CRL *crl, EVP_PKEY *key)
{
    counts.crl_sigs++;
    return __real_X509_CRL_verify(crl, key);
}

void bench_decode_reset(void)
{
    counts = (bench_decode){0};
}

bench_decode bench_decode_get(void)
{
    return counts;
}
