/* X.509 for access and registration certificate chains: decoding, path validation at the caller's
 * time, the fields the profiles need, and CRLs. */
#ifndef WRP_X509_H
#define WRP_X509_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cJSON.h>
#include <cbor.h>
#include <openssl/x509.h>
#include "util/err.h"

/* A certificate chain as sent by a signer: certs[0] is the signing (leaf) certificate. */
typedef struct wrp_chain {
    X509 **certs;
    size_t n;
} wrp_chain;

/* JOSE x5c: a non-empty JSON array (<= WRP_MAX_CHAIN_LEN) of standard base64 DER strings. */
wrp_status wrp_chain_from_x5c(const cJSON *x5c, wrp_chain *out, wrp_err *err);
/* COSE x5chain (label 33): one bstr, or an array (>= 1, <= WRP_MAX_CHAIN_LEN) of bstr DER. */
wrp_status wrp_chain_from_x5chain(const cbor_item_t *x5chain, wrp_chain *out, wrp_err *err);
/* A chain given as a file: PEM CERTIFICATE blocks (leaf first) or one DER certificate; at most
 * WRP_MAX_CHAIN_LEN (WRP_ERR_LIMIT). */
wrp_status wrp_chain_parse(const uint8_t *data, size_t len, wrp_chain *out, wrp_err *err);
void wrp_chain_free(wrp_chain *c);

/* DER with no trailing bytes -> X509 (caller frees). Consults the certificate cache entered on
 * the calling thread, if any. */
wrp_status wrp_cert_from_der(const uint8_t *der, size_t len, X509 **out, wrp_err *err);

/*
 * A bounded cache of decoded certificates keyed by the SHA-256 of their DER (a hit also compares
 * the DER itself), so that a certificate met again (the same relying party, the same provider, the
 * same register) is not decoded again: OpenSSL 3's d2i_X509 costs more than an ECDSA verification.
 * Decoding is a pure function of the bytes, so a hit returns a new reference to the same object a
 * miss would have built; nothing else is cached here (validated chains are remembered by their
 * anchor set, see wrp_chain_verify). Safe for any
 * number of threads at once (one mutex, never held while decoding). The decoding sites sit deep
 * in the request and token models; instead of a parameter through all of them, a public call
 * enters the cache for its own duration on its own thread: prev = wrp_cert_cache_enter(c); ...;
 * wrp_cert_cache_leave(prev). Outside that, wrp_cert_from_der decodes every time.
 */
typedef struct wrp_cert_cache wrp_cert_cache;
wrp_cert_cache *wrp_cert_cache_new(size_t capacity);
/* Another owner of c (c itself; NULL for NULL): the cache is freed when its last owner frees it.
 * The verifiers of one configuration share its cache this way. */
wrp_cert_cache *wrp_cert_cache_share(wrp_cert_cache *c);
void wrp_cert_cache_free(wrp_cert_cache *c);
wrp_cert_cache *wrp_cert_cache_enter(wrp_cert_cache *c);
void wrp_cert_cache_leave(wrp_cert_cache *prev);

/* A set of certificates trusted as given (any of them may end a chain). Once filled, a set may be
 * used by any number of threads verifying at once; adding is not synchronised with verifying. */
typedef struct wrp_anchors wrp_anchors;
wrp_anchors *wrp_anchors_new(void);
void wrp_anchors_free(wrp_anchors *a);
/* Adds every certificate of a PEM file (one or more CERTIFICATE blocks) or of one DER certificate.
 * Refuses input holding no certificate. */
wrp_status wrp_anchors_add(wrp_anchors *a, const uint8_t *data, size_t len, wrp_err *err);
wrp_status wrp_anchors_add_cert(wrp_anchors *a, X509 *cert); /* takes its own reference */
/* A new set holding its own references to the certificates of a (a snapshot: adding to a later
 * does not change it); NULL when out of memory. */
wrp_anchors *wrp_anchors_dup(const wrp_anchors *a);
size_t wrp_anchors_count(const wrp_anchors *a);
/* Certificate i of the set (0 <= i < count), owned by the set; NULL when out of range. */
X509 *wrp_anchors_get0(const wrp_anchors *a, size_t i);
/* The chains the set remembers as validated (at most WRP_CHAIN_MEMO_SIZE), and how many times a
 * verification found its chain among them (see wrp_chain_verify). */
void wrp_anchors_memo_stats(const wrp_anchors *a, size_t *entries, uint64_t *hits);

typedef enum wrp_chain_result {
    WRP_CHAIN_OK = 0,
    WRP_CHAIN_UNTRUSTED,     /* no path to an anchor */
    WRP_CHAIN_EXPIRED,       /* a certificate on the path has expired at the time */
    WRP_CHAIN_NOT_YET_VALID, /* a certificate on the path is not yet valid at the time */
    WRP_CHAIN_BAD_SIGNATURE, /* a signature on the path does not verify */
    WRP_CHAIN_INVALID        /* any other reason (CA constraints, path length, malformed, ...) */
} wrp_chain_result;

const char *wrp_chain_result_str(wrp_chain_result r);

/*
 * Validates chain->certs[0] using chain->certs[1..] as untrusted intermediates and the anchors as
 * trusted (partial chains allowed: an anchor may be an intermediate or the leaf itself), at Unix
 * time t. No purpose or policy is required here. On WRP_CHAIN_OK and when issuer_out is non-NULL,
 * *issuer_out receives a new reference to the certificate that issued certs[0] on the validated
 * path (NULL when certs[0] is itself an anchor and no issuer is on the path).
 * The anchor set remembers the chains it validated (keyed by the SHA-256 of the DER of every
 * certificate presented, with the path built; bounded by WRP_CHAIN_MEMO_SIZE, shared by threads):
 * a chain met again whose remembered path has every certificate valid at t is OK with that path
 * without validating again; otherwise, and for every failure, the full validation runs.
 */
wrp_chain_result wrp_chain_verify(const wrp_anchors *anchors, const wrp_chain *chain, int64_t t,
                                  X509 **issuer_out, wrp_err *err);
/* As wrp_chain_verify; on WRP_CHAIN_OK, *path receives the path OpenSSL validated: certs[0] the
 * leaf, then each issuer, the last the anchor it ends at (the leaf itself when it is an anchor),
 * as new references (wrp_chain_free); empty otherwise. */
wrp_chain_result wrp_chain_verify_path(const wrp_anchors *anchors, const wrp_chain *chain, int64_t t,
                                       wrp_chain *path, wrp_err *err);

/* The SHA-256 of OpenSSL's DER encoding of cert (the bytes received, for DER input). */
wrp_status wrp_cert_sha256(X509 *cert, uint8_t out[32]);

/* The fields the profiles need. Strings are NUL-terminated UTF-8 copies; a value holding a NUL
 * byte (or, for dNSName and URI values, a byte outside ASCII), an organizationIdentifier or
 * serialNumber that is empty or present twice in the subject, and an extension that is present
 * twice or does not decode, make the whole call fail with WRP_ERR_MALFORMED. */
typedef struct wrp_cert_info {
    char *org_id;        /* subject organizationIdentifier (2.5.4.97), or NULL */
    char *serial_number; /* subject serialNumber (2.5.4.5), or NULL */
    char *common_name;   /* subject CN, or NULL */
    char *org_name;      /* subject O, or NULL */
    char *country;       /* subject C, or NULL */
    char **dns_sans;     /* dNSName subjectAltNames */
    size_t n_dns_sans;
    char **crl_dps;      /* URIs of the CRL distribution points */
    size_t n_crl_dps;
    bool has_crl_dp;     /* the cRLDistributionPoints extension is present (with or without URIs) */
    char **policies;     /* certificate policy OIDs, dotted */
    size_t n_policies;
    bool is_ca;          /* basicConstraints cA = true */
    bool has_key_usage;
    bool ku_digital_signature;
    uint8_t sha256[32];  /* of the DER */
} wrp_cert_info;

wrp_status wrp_cert_info_get(X509 *cert, wrp_cert_info *out, wrp_err *err);
void wrp_cert_info_free(wrp_cert_info *i);

/* t as RFC 3339 UTC (YYYY-MM-DDTHH:MM:SSZ) into buf; false when OpenSSL cannot convert it. */
bool wrp_asn1_time_rfc3339(const ASN1_TIME *t, char buf[32]);

/* A name as an RFC 4514 string (OpenSSL's XN_FLAG_RFC2253 form), malloc'ed; NULL when out of
 * memory (not noted: see wrp_cert_summary_get). */
char *wrp_name_rfc4514(const X509_NAME *name);

/* What a report says of a certificate (contract v1.1 `access_certificate`): subject and issuer as
 * RFC 4514 strings (XN_FLAG_RFC2253), the serial as lowercase hex without leading zeros, the
 * validity as RFC 3339 UTC, and the base64url (unpadded) SHA-256 of the DER. */
typedef struct wrp_cert_summary {
    char *subject, *issuer, *serial, *not_before, *not_after, *sha256;
    /* Its subjectAltNames, each as TYPE:value (DNS, URI, email, IP, dirName, RID, otherName with
     * the type's OID), as wrpcheck inspect writes them; a NUL byte of a name as the text \x00.
     * None when the extension does not decode: a summary shows, it does not judge. */
    char **sans;
    size_t n_sans;
} wrp_cert_summary;
/* WRP_OK or WRP_ERR_NOMEM. A validity time that OpenSSL cannot convert is NULL. */
wrp_status wrp_cert_summary_get(X509 *cert, wrp_cert_summary *out);
void wrp_cert_summary_free(wrp_cert_summary *s);

/* CRLs from a PEM file (one or more X509 CRL blocks, and no other kind) or one DER CRL with no
 * trailing bytes; at most WRP_MAX_ANCHORS. *out is an array of *n (free with wrp_crls_free). CRLs
 * parsed here may be checked from several threads at once. */
wrp_status wrp_crls_parse(const uint8_t *data, size_t len, X509_CRL ***out, size_t *n, wrp_err *err);
void wrp_crls_free(X509_CRL **crls, size_t n);

typedef enum wrp_crl_result {
    WRP_CRL_GOOD = 0, /* a current CRL signed by the issuer does not list the certificate */
    WRP_CRL_REVOKED,  /* a current CRL signed by the issuer lists the certificate */
    WRP_CRL_UNKNOWN   /* no CRL that is issued and signed by the issuer and current at t */
} wrp_crl_result;

/* A CRL counts when its issuer name equals cert's issuer name, its signature verifies with
 * issuer's key, and thisUpdate <= t < nextUpdate (a CRL without nextUpdate never counts); and, per
 * RFC 5280, when it is not a delta CRL, has no critical (entry) extension other than an issuing
 * distribution point (or certificate issuer), and that distribution point covers cert. issuer must
 * be the certificate that issued cert (subject name equal to cert's issuer name, keyUsage allowing
 * cRLSign when present); otherwise the result is WRP_CRL_UNKNOWN. */
wrp_crl_result wrp_crl_check(X509 *cert, X509 *issuer, X509_CRL *const *crls, size_t n, int64_t t,
                             wrp_err *err);

/*
 * What a verifier remembers of its CRLs: for each, whether its signature verified with the key of
 * each issuer certificate it was checked against (the last few), so that a CRL is verified once
 * per issuer and not once per judgement. An outcome reached while an allocation failure was noted
 * on the thread is not remembered. Safe for any number of threads at once.
 */
typedef struct wrp_crl_memo wrp_crl_memo;
/* A memo for an array of n CRLs; NULL when out of memory. */
wrp_crl_memo *wrp_crl_memo_new(size_t n);
void wrp_crl_memo_free(wrp_crl_memo *m);
/* As wrp_crl_check, with the signature outcomes of crls[0..n) kept in memo (made for these CRLs,
 * in this order; NULL: none kept). *verified (may be NULL) receives the number of CRL signature
 * verifications this call made. */
wrp_crl_result wrp_crl_check_memo(X509 *cert, X509 *issuer, X509_CRL *const *crls, size_t n,
                                  int64_t t, wrp_crl_memo *memo, size_t *verified, wrp_err *err);

#endif
