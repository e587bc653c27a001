/* The benchmark's parts: allocation and certificate-decoding counters, the signature floor,
 * timing statistics and the scaling runs. Internal to bench/. */
#ifndef BENCH_H
#define BENCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <openssl/evp.h>

/* ---- alloc.c: every malloc of the process (OpenSSL, libcbor, cJSON, zlib, the library) ---- */
typedef struct bench_alloc {
    uint64_t calls;  /* malloc, calloc, realloc and aligned allocations */
    int64_t current; /* bytes live (usable sizes), counted from bench_alloc_start */
    int64_t peak;    /* highest `current` since bench_alloc_start */
} bench_alloc;

void bench_alloc_start(void);
/* Stops counting and returns what was counted since bench_alloc_start. */
bench_alloc bench_alloc_stop(void);

/* ---- wrap.c: d2i_X509, d2i_X509_CRL and the verifications as called by the library (-Wl,--wrap) ---- */
typedef struct bench_decode {
    uint64_t certs, crls; /* calls */
    uint64_t cert_ns, crl_ns;
    /* and the signature work the library asks of OpenSSL: EVP_DigestVerify (JWS and COSE
     * signatures), X509_verify_cert (path validations), X509_CRL_verify (CRL signatures) */
    uint64_t sigs, chains, crl_sigs;
} bench_decode;

void bench_decode_reset(void);
bench_decode bench_decode_get(void);

/* ---- stats.c ---- */
uint64_t bench_now_ns(void);
const char *bench_clock_name(void);
double bench_median(uint64_t *v, size_t n); /* sorts v */
/* Least-squares slope of log(y) over log(x). */
double bench_loglog_slope(const double *x, const double *y, size_t n);
/* Iterations of a measurement (BENCH_SCALE in the environment multiplies them). */
size_t bench_iters(size_t base);

/* ---- floor.c: the signature verifications a judgement cannot avoid ---- */
typedef struct bench_sig {
    char what[64];      /* "request JWS", "AC chain: leaf <- anchor", ... */
    EVP_PKEY *key;      /* pre-parsed */
    const EVP_MD *md;   /* NULL for Ed25519 */
    int pss;            /* RSASSA-PSS with salt length = hash length */
    uint8_t *tbs;       /* signing input */
    size_t tbs_len;
    uint8_t *sig;       /* DER for ECDSA, raw otherwise */
    size_t sig_len;
    bool own;           /* the request's own signature (JWS, or a DocRequest's readerAuth) */
} bench_sig;

typedef struct bench_floor {
    bench_sig v[32];
    size_t n;
} bench_floor;

/* What a judgement reads: file contents as given to the configuration. */
typedef struct bench_blob {
    uint8_t *p;
    size_t n;
} bench_blob;

typedef struct bench_inputs {
    bench_blob request, transcript; /* transcript.n == 0 for OpenID4VP */
    bench_blob ac_anchors, rc_anchors, crl, status_list, reg, reg_anchors;
} bench_inputs;

/* Collects every signature the judgement of `in` verifies, reading the artefacts independently
 * of the library (DER walk, JWS split, COSE via libcbor). Exits on anything unexpected. */
void bench_floor_build(const bench_inputs *in, bench_floor *out);
/* Verifies them all once; false when one does not verify. */
bool bench_floor_run(const bench_floor *f);
/* The request's own signatures of f (shared with f: not freed on their own). */
bench_floor bench_floor_own(const bench_floor *f);
/* The signatures of f over distinct bytes: one of each set of entries with the same key, signing
 * input and signature (shared with f). */
bench_floor bench_floor_distinct(const bench_floor *f);
void bench_floor_free(bench_floor *f);

/* ---- helpers shared by bench.c and scale.c ---- */
bench_blob bench_read(const char *path);
void bench_die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
uint8_t *bench_b64url_decode(const char *s, size_t len, size_t *out_len);
char *bench_b64url_encode(const uint8_t *p, size_t n);

/* ---- scale.c ---- */
void bench_scale_coverage(void);
/* Register documents of 1 to 10,000 relying parties, judged with the OpenID4VP request of in. */
void bench_scale_register(const bench_inputs *in);

/* ---- hostile.c: the requests of testvectors/hostile/ next to a normal one ---- */
void bench_hostile(void);

#endif
