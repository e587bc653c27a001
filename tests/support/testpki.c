#include "testpki.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

EVP_PKEY *tp_key(void)
{
    return EVP_EC_gen("P-256");
}

static int set_time(ASN1_TIME *field, int64_t t)
{
    return ASN1_TIME_set(field, (time_t)t) != NULL;
}

static int add_name(X509_NAME *name, int nid, const char *value)
{
    if (value == NULL)
        return 1;
    return X509_NAME_add_entry_by_NID(name, nid, MBSTRING_UTF8, (const unsigned char *)value, -1,
                                      -1, 0);
}

int tp_add_ext(X509 *x, X509 *issuer, int nid, const char *value)
{
    if (value == NULL)
        return 1;
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer != NULL ? issuer : x, x, NULL, NULL, 0);
    X509_EXTENSION *ext = X509V3_EXT_conf_nid(NULL, &ctx, nid, value);
    if (ext == NULL)
        return 0;
    int ok = X509_add_ext(x, ext, -1);
    X509_EXTENSION_free(ext);
    return ok;
}

/* certificatePolicies is read from a config database by OpenSSL; built by hand here from a
 * comma-separated list of OIDs. */
static int add_policies(X509 *x, const char *oids)
{
    if (oids == NULL)
        return 1;
    CERTIFICATEPOLICIES *pols = sk_POLICYINFO_new_null();
    char buf[256];
    int ok = pols != NULL && strlen(oids) < sizeof buf;
    if (ok)
        strcpy(buf, oids);
    for (char *save = NULL, *tok = ok ? strtok_r(buf, ",", &save) : NULL; ok && tok != NULL;
         tok = strtok_r(NULL, ",", &save)) {
        POLICYINFO *pi = POLICYINFO_new();
        ok = pi != NULL && sk_POLICYINFO_push(pols, pi) > 0;
        if (!ok) {
            POLICYINFO_free(pi);
            break;
        }
        ASN1_OBJECT_free(pi->policyid);
        pi->policyid = OBJ_txt2obj(tok, 1);
        ok = pi->policyid != NULL;
    }
    ok = ok && X509_add1_ext_i2d(x, NID_certificate_policies, pols, 0, X509V3_ADD_APPEND) == 1;
    CERTIFICATEPOLICIES_free(pols);
    return ok;
}

int tp_sign(X509 *x, EVP_PKEY *key)
{
    return X509_sign(x, key, EVP_sha256()) > 0;
}

static int fill(X509 *x, const tp_spec *s, EVP_PKEY *key, X509 *issuer)
{
    int64_t nb = s->not_before, na = s->not_after;
    if (nb == 0 && na == 0) {
        nb = TP_T0 - TP_YEAR;
        na = TP_T0 + TP_YEAR;
    }
    X509_NAME *subject = X509_get_subject_name(x);
    int ca = s->ca;
    return X509_set_version(x, 2) && ASN1_INTEGER_set(X509_get_serialNumber(x), s->serial ? s->serial : 1) &&
           set_time(X509_getm_notBefore(x), nb) && set_time(X509_getm_notAfter(x), na) &&
           add_name(subject, NID_commonName, s->cn) && add_name(subject, NID_organizationName, s->o) &&
           add_name(subject, NID_countryName, s->c) &&
           add_name(subject, NID_organizationIdentifier, s->org_id) &&
           add_name(subject, NID_serialNumber, s->serial_number) &&
           X509_set_issuer_name(x, issuer != NULL ? X509_get_subject_name(issuer) : subject) &&
           X509_set_pubkey(x, key) &&
           tp_add_ext(x, issuer, NID_basic_constraints,
                      ca < 0 ? NULL : ca ? "critical,CA:TRUE" : "critical,CA:FALSE") &&
           tp_add_ext(x, issuer, NID_key_usage, s->key_usage) &&
           tp_add_ext(x, issuer, NID_subject_alt_name, s->san) &&
           tp_add_ext(x, issuer, NID_crl_distribution_points, s->crl_dp) &&
           add_policies(x, s->policies);
}

X509 *tp_cert(const tp_spec *s, EVP_PKEY *key, X509 *issuer, EVP_PKEY *issuer_key)
{
    X509 *x = X509_new();
    if (x == NULL)
        return NULL;
    if (!fill(x, s, key, issuer) || !tp_sign(x, issuer != NULL ? issuer_key : key)) {
        X509_free(x);
        return NULL;
    }
    return x;
}

int tp_pki_make(tp_pki *p)
{
    memset(p, 0, sizeof *p);
    tp_spec root = {.cn = "Test Root", .o = "Test PKI", .c = "NL", .serial = 1, .ca = 1,
                    .key_usage = "critical,keyCertSign,cRLSign",
                    .not_before = TP_T0 - 10 * TP_YEAR, .not_after = TP_T0 + 10 * TP_YEAR};
    tp_spec ca = root;
    ca.cn = "Test Access CA";
    ca.serial = 2;
    tp_spec leaf = {.cn = "Test Relying Party", .o = "Example BV", .c = "NL",
                    .org_id = "NTRNL-12345678", .serial = 3, .ca = 0,
                    .key_usage = "critical,digitalSignature", .san = "DNS:rp.example",
                    .crl_dp = "URI:http://crl.example/access-ca.crl",
                    .policies = "0.4.0.194118.1.1"};
    p->root_key = tp_key();
    p->ca_key = tp_key();
    p->leaf_key = tp_key();
    if (p->root_key == NULL || p->ca_key == NULL || p->leaf_key == NULL)
        return 0;
    p->root = tp_cert(&root, p->root_key, NULL, NULL);
    if (p->root != NULL)
        p->ca = tp_cert(&ca, p->ca_key, p->root, p->root_key);
    if (p->ca != NULL)
        p->leaf = tp_cert(&leaf, p->leaf_key, p->ca, p->ca_key);
    return p->leaf != NULL;
}

void tp_pki_free(tp_pki *p)
{
    X509_free(p->root);
    X509_free(p->ca);
    X509_free(p->leaf);
    EVP_PKEY_free(p->root_key);
    EVP_PKEY_free(p->ca_key);
    EVP_PKEY_free(p->leaf_key);
    memset(p, 0, sizeof *p);
}

uint8_t *tp_der(X509 *x, size_t *len)
{
    unsigned char *der = NULL;
    int n = i2d_X509(x, &der);
    if (n <= 0)
        return NULL;
    uint8_t *out = malloc((size_t)n);
    if (out != NULL)
        memcpy(out, der, (size_t)n);
    OPENSSL_free(der);
    *len = (size_t)n;
    return out;
}

uint8_t *tp_crl_der(X509_CRL *crl, size_t *len)
{
    unsigned char *der = NULL;
    int n = i2d_X509_CRL(crl, &der);
    if (n <= 0)
        return NULL;
    uint8_t *out = malloc((size_t)n);
    if (out != NULL)
        memcpy(out, der, (size_t)n);
    OPENSSL_free(der);
    *len = (size_t)n;
    return out;
}

static char *bio_text(BIO *bio)
{
    char *p = NULL;
    long n = BIO_get_mem_data(bio, &p);
    char *out = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (out != NULL) {
        memcpy(out, p, (size_t)n);
        out[n] = '\0';
    }
    BIO_free(bio);
    return out;
}

char *tp_pem(X509 *x)
{
    BIO *bio = BIO_new(BIO_s_mem());
    if (bio == NULL || !PEM_write_bio_X509(bio, x)) {
        BIO_free(bio);
        return NULL;
    }
    return bio_text(bio);
}

char *tp_crl_pem(X509_CRL *crl)
{
    BIO *bio = BIO_new(BIO_s_mem());
    if (bio == NULL || !PEM_write_bio_X509_CRL(bio, crl)) {
        BIO_free(bio);
        return NULL;
    }
    return bio_text(bio);
}

size_t tp_read_pem_certs(const char *path, X509 **out, size_t max)
{
    BIO *bio = BIO_new_file(path, "r");
    if (bio == NULL)
        return 0;
    size_t n = 0;
    while (n < max && (out[n] = PEM_read_bio_X509(bio, NULL, NULL, NULL)) != NULL)
        n++;
    BIO_free(bio);
    ERR_clear_error();
    return n;
}

X509_CRL *tp_crl(X509 *issuer, EVP_PKEY *key, int64_t this_update, int64_t next_update,
                 const long *revoked, size_t n_revoked)
{
    X509_CRL *crl = X509_CRL_new();
    ASN1_TIME *tu = ASN1_TIME_set(NULL, (time_t)this_update);
    ASN1_TIME *nu = next_update != 0 ? ASN1_TIME_set(NULL, (time_t)next_update) : NULL;
    int ok = crl != NULL && tu != NULL && (next_update == 0 || nu != NULL) &&
             X509_CRL_set_version(crl, 1) &&
             X509_CRL_set_issuer_name(crl, X509_get_subject_name(issuer)) &&
             X509_CRL_set1_lastUpdate(crl, tu) && (nu == NULL || X509_CRL_set1_nextUpdate(crl, nu));
    for (size_t i = 0; ok && i < n_revoked; i++) {
        X509_REVOKED *rev = X509_REVOKED_new();
        ASN1_INTEGER *serial = ASN1_INTEGER_new();
        ok = rev != NULL && serial != NULL && ASN1_INTEGER_set(serial, revoked[i]) &&
             X509_REVOKED_set_serialNumber(rev, serial) && X509_REVOKED_set_revocationDate(rev, tu) &&
             X509_CRL_add0_revoked(crl, rev);
        ASN1_INTEGER_free(serial);
        if (!ok)
            X509_REVOKED_free(rev);
    }
    ok = ok && X509_CRL_sort(crl) && X509_CRL_sign(crl, key, EVP_sha256()) > 0;
    ASN1_TIME_free(tu);
    ASN1_TIME_free(nu);
    if (!ok) {
        X509_CRL_free(crl);
        return NULL;
    }
    return crl;
}
