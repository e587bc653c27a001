/* Certificates and CRLs as wrp_inspect shows them: what an auditor compares (names, serial,
 * validity, key, usages, every subject alternative name, policies, fingerprints), read as OpenSSL
 * decodes it, judging nothing. */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509v3.h>

#include "lib/inspect.h"
#include "util/b64.h"
#include "util/utf8.h"
#include "util/json_build.h"
#include "util/mem.h"

char *wrp_inspect_hex(const uint8_t *p, size_t n, char sep)
{
    static const char digits[] = "0123456789abcdef";
    char *s = wrp_malloc(n * 3 + 1);
    if (s == NULL)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (sep && i > 0)
            s[o++] = sep;
        s[o++] = digits[p[i] >> 4];
        s[o++] = digits[p[i] & 15];
    }
    s[o] = 0;
    return s;
}

static void add_hex(cJSON *o, const char *name, const uint8_t *p, size_t n, char sep)
{
    char *h = wrp_inspect_hex(p, n, sep);
    if (h != NULL)
        cJSON_AddStringToObject(o, name, h);
    free(h);
}

/* Bytes an extension holds as text: a NUL, or a byte outside well-formed UTF-8, becomes '?'. */
static char *text_of(const uint8_t *p, size_t n)
{
    char *s = wrp_malloc(n + 1);
    if (s == NULL)
        return NULL;
    for (size_t i = 0; i < n; i++)
        s[i] = p[i] != 0 ? (char)p[i] : '?';
    s[n] = 0;
    wrp_utf8_scrub(s);
    return s;
}

static void push_prefixed(cJSON *a, const char *prefix, const uint8_t *p, size_t n)
{
    char *t = text_of(p, n);
    char *s = t != NULL ? wrp_malloc(strlen(prefix) + strlen(t) + 1) : NULL;
    if (s != NULL) {
        strcpy(s, prefix);
        strcat(s, t);
        wrp_json_push(a, cJSON_CreateString(s));
    }
    free(s);
    free(t);
}

static void add_name(cJSON *o, const char *key, const X509_NAME *name)
{
    char *s = wrp_name_rfc4514(name);
    if (s == NULL) {
        wrp_oom_note();
        return;
    }
    wrp_utf8_scrub(s);
    cJSON_AddStringToObject(o, key, s);
    free(s);
}

/* An OID as "name (dotted)" when OpenSSL or the table below knows a name, else dotted. */
static void oid_text(const ASN1_OBJECT *obj, char s[256])
{
    static const struct {
        const char *oid, *name;
    } known[] = {
        {"1.0.18013.5.1.2", "mdlDS"},
        {"1.0.18013.5.1.6", "mdlReaderAuth"},
    };
    char dotted[128];
    int n = OBJ_obj2txt(dotted, sizeof dotted, obj, 1);
    if (n <= 0 || (size_t)n >= sizeof dotted) {
        snprintf(s, 256, "(an OID that does not convert to text)");
        return;
    }
    const char *name = NULL;
    int nid = OBJ_obj2nid(obj);
    if (nid != NID_undef)
        name = OBJ_nid2sn(nid);
    for (size_t i = 0; name == NULL && i < sizeof known / sizeof known[0]; i++)
        if (strcmp(dotted, known[i].oid) == 0)
            name = known[i].name;
    if (name != NULL && strcmp(name, dotted) != 0)
        snprintf(s, 256, "%s (%s)", name, dotted);
    else
        snprintf(s, 256, "%s", dotted);
}

/* An extension decoded when present. Absent: NULL and no error; present but undecodable or
 * present twice: NULL, with the reason under "<name>_error". */
static void *extension(cJSON *o, X509 *c, int nid, const char *name)
{
    int crit = -1;
    void *v = X509_get_ext_d2i(c, nid, &crit, NULL);
    if (v == NULL && crit != -1) {
        char key[64];
        snprintf(key, sizeof key, "%s_error", name);
        cJSON_AddStringToObject(o, key, crit == -2 ? "the extension is present twice" : "the extension does not decode");
    }
    return v;
}

static void san_entry(cJSON *a, const GENERAL_NAME *g)
{
    const ASN1_STRING *s;
    switch (g->type) {
    case GEN_DNS:
        s = g->d.dNSName;
        push_prefixed(a, "DNS:", ASN1_STRING_get0_data(s), (size_t)ASN1_STRING_length(s));
        return;
    case GEN_URI:
        s = g->d.uniformResourceIdentifier;
        push_prefixed(a, "URI:", ASN1_STRING_get0_data(s), (size_t)ASN1_STRING_length(s));
        return;
    case GEN_EMAIL:
        s = g->d.rfc822Name;
        push_prefixed(a, "email:", ASN1_STRING_get0_data(s), (size_t)ASN1_STRING_length(s));
        return;
    case GEN_IPADD: {
        s = g->d.iPAddress;
        const uint8_t *p = ASN1_STRING_get0_data(s);
        int n = ASN1_STRING_length(s);
        char ip[INET6_ADDRSTRLEN + 4] = "";
        if ((n == 4 && inet_ntop(AF_INET, p, ip, sizeof ip) != NULL) ||
            (n == 16 && inet_ntop(AF_INET6, p, ip, sizeof ip) != NULL)) {
            push_prefixed(a, "IP:", (const uint8_t *)ip, strlen(ip));
        } else {
            char *h = wrp_inspect_hex(p, (size_t)(n > 0 ? n : 0), 0);
            if (h != NULL)
                push_prefixed(a, "IP (neither 4 nor 16 bytes):", (const uint8_t *)h, strlen(h));
            free(h);
        }
        return;
    }
    case GEN_DIRNAME: {
        char *name = wrp_name_rfc4514(g->d.directoryName);
        if (name == NULL)
            wrp_oom_note();
        else
            push_prefixed(a, "dirName:", (const uint8_t *)name, strlen(name));
        free(name);
        return;
    }
    case GEN_RID: {
        char oid[256];
        oid_text(g->d.registeredID, oid);
        push_prefixed(a, "RID:", (const uint8_t *)oid, strlen(oid));
        return;
    }
    case GEN_OTHERNAME: {
        char dotted[128];
        int n = OBJ_obj2txt(dotted, sizeof dotted, g->d.otherName->type_id, 1);
        if (n > 0 && (size_t)n < sizeof dotted)
            push_prefixed(a, "otherName:", (const uint8_t *)dotted, (size_t)n);
        else
            wrp_json_push(a, cJSON_CreateString("otherName"));
        return;
    }
    case GEN_X400:
        wrp_json_push(a, cJSON_CreateString("x400Address"));
        return;
    case GEN_EDIPARTY:
        wrp_json_push(a, cJSON_CreateString("ediPartyName"));
        return;
    }
    wrp_json_push(a, cJSON_CreateString("(a name of an unknown type)"));
}

static void add_sans(cJSON *o, X509 *c)
{
    GENERAL_NAMES *gens = extension(o, c, NID_subject_alt_name, "subject_alt_names");
    if (gens == NULL)
        return;
    cJSON *a = cJSON_AddArrayToObject(o, "subject_alt_names");
    for (int i = 0; a != NULL && i < sk_GENERAL_NAME_num(gens); i++)
        san_entry(a, sk_GENERAL_NAME_value(gens, i));
    GENERAL_NAMES_free(gens);
}

static void add_key_usage(cJSON *o, X509 *c)
{
    static const struct {
        uint32_t bit;
        const char *name;
    } usages[] = {
        {KU_DIGITAL_SIGNATURE, "digitalSignature"}, {KU_NON_REPUDIATION, "nonRepudiation"},
        {KU_KEY_ENCIPHERMENT, "keyEncipherment"},   {KU_DATA_ENCIPHERMENT, "dataEncipherment"},
        {KU_KEY_AGREEMENT, "keyAgreement"},         {KU_KEY_CERT_SIGN, "keyCertSign"},
        {KU_CRL_SIGN, "cRLSign"},                   {KU_ENCIPHER_ONLY, "encipherOnly"},
        {KU_DECIPHER_ONLY, "decipherOnly"},
    };
    if ((X509_get_extension_flags(c) & EXFLAG_KUSAGE) == 0)
        return;
    uint32_t ku = X509_get_key_usage(c);
    cJSON *a = cJSON_AddArrayToObject(o, "key_usage");
    for (size_t i = 0; a != NULL && i < sizeof usages / sizeof usages[0]; i++)
        if (ku & usages[i].bit)
            wrp_json_push(a, cJSON_CreateString(usages[i].name));
}

static void add_eku(cJSON *o, X509 *c)
{
    EXTENDED_KEY_USAGE *eku = extension(o, c, NID_ext_key_usage, "extended_key_usage");
    if (eku == NULL)
        return;
    cJSON *a = cJSON_AddArrayToObject(o, "extended_key_usage");
    for (int i = 0; a != NULL && i < sk_ASN1_OBJECT_num(eku); i++) {
        char oid[256];
        oid_text(sk_ASN1_OBJECT_value(eku, i), oid);
        wrp_json_push(a, cJSON_CreateString(oid));
    }
    EXTENDED_KEY_USAGE_free(eku);
}

static void add_key(cJSON *o, X509 *c)
{
    EVP_PKEY *k = X509_get0_pubkey(c);
    cJSON *v = cJSON_AddObjectToObject(o, "public_key");
    if (v == NULL)
        return;
    if (k == NULL) {
        cJSON_AddStringToObject(v, "error", "the key does not decode, or is of a type OpenSSL does not know");
        return;
    }
    int id = EVP_PKEY_get_base_id(k);
    const char *type = id == EVP_PKEY_EC         ? "EC"
                       : id == EVP_PKEY_RSA      ? "RSA"
                       : id == EVP_PKEY_RSA_PSS  ? "RSA-PSS"
                       : id == EVP_PKEY_ED25519  ? "Ed25519"
                       : id == EVP_PKEY_ED448    ? "Ed448"
                       : EVP_PKEY_get0_type_name(k);
    cJSON_AddStringToObject(v, "type", type != NULL ? type : "unknown");
    /* OpenSSL keeps the size it learnt when it decoded the key, 0 when that ran out of memory,
     * and says nothing: the provider, asked again, tells which. The group name is fetched at each
     * call, with the same silence: a second call that succeeds tells. */
    int bits = EVP_PKEY_get_bits(k), asked = 0;
    if (bits <= 0 && EVP_PKEY_get_int_param(k, OSSL_PKEY_PARAM_BITS, &asked) == 1 && asked > 0)
        wrp_oom_note();
    if (bits > 0)
        cJSON_AddNumberToObject(v, "bits", bits);
    char group[80];
    size_t glen = 0;
    int got = id == EVP_PKEY_EC ? EVP_PKEY_get_group_name(k, group, sizeof group, &glen) : 0;
    if (id == EVP_PKEY_EC && got != 1 && (got = EVP_PKEY_get_group_name(k, group, sizeof group, &glen)) == 1)
        wrp_oom_note();
    if (got == 1) {
        const char *nist = EC_curve_nid2nist(OBJ_sn2nid(group));
        cJSON_AddStringToObject(v, "curve", nist != NULL ? nist : group);
    }
}

static void add_fingerprints(cJSON *o, X509 *c)
{
    uint8_t md[32];
    unsigned int md_len = 0;
    if (!X509_digest(c, EVP_sha256(), md, &md_len) || md_len != sizeof md) {
        wrp_oom_note(); /* the certificate was decoded: hashing it only allocates */
        return;
    }
    add_hex(o, "sha256", md, sizeof md, 0);
    char *b = NULL;
    if (wrp_b64url_encode(md, sizeof md, &b) == WRP_OK)
        cJSON_AddStringToObject(o, "sha256_base64url", b);
    free(b);
}

static void add_strs(cJSON *o, const char *name, char **v, size_t n)
{
    cJSON *a = cJSON_AddArrayToObject(o, name);
    for (size_t i = 0; a != NULL && i < n; i++)
        wrp_json_push(a, cJSON_CreateString(v[i]));
}

cJSON *wrp_inspect_cert(X509 *c)
{
    cJSON *o = cJSON_CreateObject();
    if (o == NULL)
        return NULL;
    wrp_cert_summary sum;
    if (wrp_cert_summary_get(c, &sum) == WRP_OK) {
        wrp_utf8_scrub(sum.subject);
        wrp_utf8_scrub(sum.issuer);
        cJSON_AddStringToObject(o, "subject", sum.subject);
        cJSON_AddStringToObject(o, "issuer", sum.issuer);
        cJSON_AddStringToObject(o, "serial", sum.serial);
        if (sum.not_before != NULL)
            cJSON_AddStringToObject(o, "not_before", sum.not_before);
        if (sum.not_after != NULL)
            cJSON_AddStringToObject(o, "not_after", sum.not_after);
        wrp_cert_summary_free(&sum);
    }
    int sig = X509_get_signature_nid(c);
    cJSON_AddStringToObject(o, "signature_algorithm", sig != NID_undef ? OBJ_nid2sn(sig) : "unknown");
    add_key(o, c);
    wrp_cert_info i;
    wrp_err err = {{0}};
    if (wrp_cert_info_get(c, &i, &err) == WRP_OK) {
        if (i.org_id != NULL)
            cJSON_AddStringToObject(o, "organization_identifier", i.org_id);
        if (i.serial_number != NULL)
            cJSON_AddStringToObject(o, "serial_number", i.serial_number);
        add_strs(o, "dns_names", i.dns_sans, i.n_dns_sans);
        add_strs(o, "crl_distribution_points", i.crl_dps, i.n_crl_dps);
        add_strs(o, "policies", i.policies, i.n_policies);
        cJSON_AddBoolToObject(o, "ca", i.is_ca);
        wrp_cert_info_free(&i);
    } else {
        cJSON_AddStringToObject(o, "fields_error", err.msg);
    }
    long pathlen = X509_get_pathlen(c);
    if (pathlen >= 0)
        cJSON_AddNumberToObject(o, "path_length", (double)pathlen);
    add_sans(o, c);
    add_key_usage(o, c);
    add_eku(o, c);
    const ASN1_OCTET_STRING *ski = X509_get0_subject_key_id(c), *aki = X509_get0_authority_key_id(c);
    if (ski != NULL)
        add_hex(o, "subject_key_identifier", ASN1_STRING_get0_data(ski), (size_t)ASN1_STRING_length(ski), ':');
    if (aki != NULL)
        add_hex(o, "authority_key_identifier", ASN1_STRING_get0_data(aki), (size_t)ASN1_STRING_length(aki), ':');
    add_fingerprints(o, c);
    wrp_ossl_clear();
    return o;
}

cJSON *wrp_inspect_chain(const wrp_chain *c)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; a != NULL && i < c->n; i++)
        wrp_json_push(a, wrp_inspect_cert(c->certs[i]));
    return a;
}

static void add_time(cJSON *o, const char *name, const ASN1_TIME *t)
{
    char buf[32];
    if (wrp_asn1_time_rfc3339(t, buf))
        cJSON_AddStringToObject(o, name, buf);
}

static cJSON *crl_json(X509_CRL *crl)
{
    cJSON *c = cJSON_CreateObject();
    if (c == NULL)
        return NULL;
    add_name(c, "issuer", X509_CRL_get_issuer(crl));
    add_time(c, "this_update", X509_CRL_get0_lastUpdate(crl));
    add_time(c, "next_update", X509_CRL_get0_nextUpdate(crl));
    STACK_OF(X509_REVOKED) *rev = X509_CRL_get_REVOKED(crl);
    cJSON_AddNumberToObject(c, "revoked", rev ? sk_X509_REVOKED_num(rev) : 0);
    return c;
}

cJSON *wrp_inspect_x509(const uint8_t *in, size_t len, wrp_err *err)
{
    wrp_chain chain;
    X509_CRL **crls = NULL;
    size_t n = 0;
    cJSON *o = NULL;
    wrp_status st = wrp_chain_parse(in, len, &chain, err);
    if (st == WRP_OK) {
        o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "kind", "certificates");
        wrp_json_put(o, "certificates", wrp_inspect_chain(&chain));
        wrp_chain_free(&chain);
    } else if (st != WRP_ERR_NOMEM && wrp_crls_parse(in, len, &crls, &n, NULL) == WRP_OK) {
        o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "kind", "crls");
        cJSON *a = cJSON_AddArrayToObject(o, "crls");
        for (size_t i = 0; a != NULL && i < n; i++)
            wrp_json_push(a, crl_json(crls[i]));
        wrp_crls_free(crls, n);
    }
    wrp_ossl_clear();
    return o;
}
