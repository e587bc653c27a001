/* Time spent decoding certificates and CRLs: the library's calls to d2i_X509 and d2i_X509_CRL are
 * redirected here at link time (-Wl,--wrap=d2i_X509,--wrap=d2i_X509_CRL). The benchmark's own
 * decoding (reading the floor's keys) goes through here too, but outside the windows it reads. */
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

void bench_decode_reset(void)
{
    counts = (bench_decode){0};
}

bench_decode bench_decode_get(void)
{
    return counts;
}
