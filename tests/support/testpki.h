/* A small PKI built at test run time with the OpenSSL API: keys, certificates with chosen
 * validity, subject attributes and extensions, and CRLs. Every function returns NULL (or 0) on
 * failure; tests assert on that. */
#ifndef WRP_TESTPKI_H
#define WRP_TESTPKI_H

#include <stddef.h>
#include <stdint.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

/* 2026-01-01T00:00:00Z: the time most tests verify at. */
#define TP_T0 INT64_C(1767225600)
#define TP_DAY INT64_C(86400)
#define TP_YEAR (365 * TP_DAY)

typedef struct tp_spec {
    /* subject attributes, in this order; NULL leaves one out */
    const char *cn, *o, *c, *org_id, *serial_number;
    int64_t not_before, not_after; /* both 0: TP_T0 - 1 year .. TP_T0 + 1 year */
    long serial;                   /* 0: 1 */
    int ca;                        /* -1: no basicConstraints; 0: CA:FALSE; 1: critical,CA:TRUE */
    /* extension values in openssl.cnf syntax; NULL leaves the extension out */
    const char *key_usage;         /* "critical,digitalSignature" */
    const char *san;               /* "DNS:rp.example,URI:https://rp.example" */
    const char *crl_dp;            /* "URI:http://crl.example/ca.crl" */
    const char *policies;          /* "0.4.0.194118.1.2" */
} tp_spec;

/* A fresh P-256 key. */
EVP_PKEY *tp_key(void);

/* A certificate for key, signed by issuer_key under issuer's name (issuer NULL: self-signed). */
X509 *tp_cert(const tp_spec *s, EVP_PKEY *key, X509 *issuer, EVP_PKEY *issuer_key);

/* The usual three: a root and an intermediate CA and an access-certificate leaf, valid around
 * TP_T0 (the leaf for a year either side, the CAs for ten). */
typedef struct tp_pki {
    EVP_PKEY *root_key, *ca_key, *leaf_key;
    X509 *root, *ca, *leaf;
} tp_pki;

int tp_pki_make(tp_pki *p);
void tp_pki_free(tp_pki *p);

/* Adds an extension in openssl.cnf syntax (issuer may be NULL); 1 on success. */
int tp_add_ext(X509 *x, X509 *issuer, int nid, const char *value);
/* (Re)signs x with key (SHA-256); 1 on success. */
int tp_sign(X509 *x, EVP_PKEY *key);

/* DER and PEM encodings (malloc'ed; PEM NUL-terminated). */
uint8_t *tp_der(X509 *x, size_t *len);
char *tp_pem(X509 *x);
uint8_t *tp_crl_der(X509_CRL *crl, size_t *len);
char *tp_crl_pem(X509_CRL *crl);

/* Certificates of a PEM file in order, into out[0..max); the count, or 0 when unreadable. */
size_t tp_read_pem_certs(const char *path, X509 **out, size_t max);

/* A CRL under issuer's name signed by key: thisUpdate, nextUpdate (0: none), revoked serials. */
X509_CRL *tp_crl(X509 *issuer, EVP_PKEY *key, int64_t this_update, int64_t next_update,
                 const long *revoked, size_t n_revoked);

#endif
