/* OpenID4VP 1.0 requests judged (sections 5, 8.2 and appendix A): the Request Object's header and
 * signature, the client identifier prefix bound to x5c[0], and the request parameters the
 * judgement depends on, over what model/openid4vp.c read. Every choice where the specification
 * leaves room is the stricter one; SPEC.md lists them. */
#include "policy/request_check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/err.h>
#include <openssl/evp.h>

#include "crypto/signer.h"
#include "util/b64.h"
#include "util/json.h"
#include "util/limits.h"
#include "util/mem.h"
#include "util/sniff.h"

#define TYP_REQUEST_OBJECT "oauth-authz-req+jwt"

/* One judgement in progress. */
typedef struct req {
    const wrp_o4vp_opts *opts;
    wrp_o4vp *out;
    wrp_findings *f;
    bool nomem;
    wrp_o4vp_input in;    /* the request as read */
    const cJSON *params;  /* in.params */
    uint8_t *x5c0;        /* x5c[0] exactly as received (decoded base64), for x509_hash */
    size_t x5c0_len;
} req;

/* Keeps the status when it is an allocation failure (checked once at the end). */
static bool failed(req *r, wrp_status st)
{
    if (st == WRP_ERR_NOMEM)
        r->nomem = true;
    return st != WRP_OK;
}

static char lower(char c) { return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c; }

/* ASCII case-insensitive equality of a NUL-terminated string and n bytes. */
static bool ascii_ieq(const char *a, const char *b, size_t n)
{
    if (strlen(a) != n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (lower(a[i]) != lower(b[i]))
            return false;
    return true;
}

/* ---- syntax of values ------------------------------------------------------------------------ */

/* A DNS host name as dNSName SANs hold them: labels of 1-63 letters, digits and hyphens (not at
 * either end of a label), separated by single dots, at most 253 characters, no trailing dot.
 * Wildcards, ports, colons and anything else are refused. */
static bool dns_name_ok(const char *s, size_t n)
{
    if (n == 0 || n > 253)
        return false;
    size_t label = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '.') {
            if (label == 0 || s[i - 1] == '-')
                return false;
            label = 0;
            continue;
        }
        bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum && !(c == '-' && label > 0))
            return false;
        if (++label > 63)
            return false;
    }
    return label > 0 && s[n - 1] != '-';
}

/* nonce and state (OpenID4VP 1.0 section 5.2): ASCII URL-safe characters only. */
static bool url_safe(const char *s)
{
    if (*s == 0)
        return false;
    for (; *s; s++) {
        char c = *s;
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '.' || c == '_' || c == '~';
        if (!ok)
            return false;
    }
    return true;
}

/*
 * The host of an https URL: the text between "https://" and the first '/', '?', '#' or ':' (a port
 * of digits may follow the ':'). Refused: another scheme (the scheme is compared as written), an
 * '@' in the authority (userinfo, which lets a URL name one host and address another), an IP
 * literal, a host that is not a DNS name, and any byte outside printable ASCII anywhere in the URL
 * (WHATWG parsers drop tabs and newlines and read '\' as '/', so such URLs mean different hosts
 * to different readers). On success *host points into url.
 */
static bool https_host(const char *url, const char **host, size_t *host_len)
{
    static const char scheme[] = "https://";
    for (const char *c = url; *c; c++)
        if ((unsigned char)*c <= 0x20 || (unsigned char)*c >= 0x7f || *c == '\\')
            return false;
    if (strncmp(url, scheme, sizeof scheme - 1) != 0)
        return false;
    const char *a = url + sizeof scheme - 1;
    size_t alen = strcspn(a, "/?#");
    if (memchr(a, '@', alen) != NULL)
        return false;
    size_t hlen = strcspn(a, ":/?#");
    if (hlen < alen) {
        size_t plen = alen - hlen - 1;
        if (plen == 0 || plen > 5 || strspn(a + hlen + 1, "0123456789") != plen)
            return false;
    }
    if (!dns_name_ok(a, hlen))
        return false;
    *host = a;
    *host_len = hlen;
    return true;
}

/* ---- header and signature --------------------------------------------------------------------- */

/* typ, alg, crit and the signature with x5c[0]. True when all hold. */
static bool check_header(req *r)
{
    wrp_findings *f = r->f;
    const char *typ = r->in.jws.typ;
    bool typ_ok = typ != NULL && strcmp(typ, TYP_REQUEST_OBJECT) == 0;
    if (!typ_ok)
        wrp_findings_add(f, WRP_CODE_REQUEST_TYP, "Request Object typ is %s%s%s, not " TYP_REQUEST_OBJECT,
                         typ ? "\"" : "", typ ? typ : "absent or not a string", typ ? "\"" : "");
    bool alg_ok = r->in.jws.alg != WRP_ALG_INVALID;
    if (!alg_ok)
        wrp_findings_add(f, WRP_CODE_REQUEST_ALG, "Request Object alg is absent, none, HMAC or not "
                                                  "supported");

    wrp_err err = {{0}};
    bool have_key = !failed(r, wrp_o4vp_x5c(&r->in, &r->out->chain, &r->x5c0, &r->x5c0_len, &err));
    wrp_signed sd = wrp_signed_jws(&r->in.jws);
    wrp_signer_result sr;
    switch (wrp_signer_verify(&sd, have_key ? &r->out->chain : NULL, NULL, 0, &sr)) {
    case WRP_SIGNER_OK:
    case WRP_SIGNER_UNTRUSTED: /* no anchors: the access certificate's chain is judged apart */
        r->out->signature_verified = true;
        break;
    case WRP_SIGNER_ALG:
        wrp_findings_add(f, WRP_CODE_REQUEST_SIGNATURE, "Request Object signature not verified: "
                                                        "its alg is refused");
        break;
    case WRP_SIGNER_CRIT:
        wrp_findings_add(f, WRP_CODE_REQUEST_SIGNATURE,
                         "Request Object has a critical header parameter not understood");
        break;
    case WRP_SIGNER_NO_CHAIN:
        wrp_findings_add(f, WRP_CODE_REQUEST_SIGNATURE, "Request Object signature not verified: %s",
                         err.msg);
        break;
    case WRP_SIGNER_BAD_KEY:
    case WRP_SIGNER_BAD_SIGNATURE:
        r->nomem |= sr.nomem;
        wrp_findings_add(f, WRP_CODE_REQUEST_SIGNATURE,
                         "Request Object signature does not verify with x5c[0]%s%s",
                         sr.why.msg[0] ? ": " : "", sr.why.msg);
        break;
    }
    return typ_ok && alg_ok && r->out->signature_verified;
}

/* ---- client identifier ------------------------------------------------------------------------ */

/* Why each prefix OpenID4VP 1.0 section 5.9.3 defines (and the 1.0 wallet metadata value
 * pre-registered) cannot identify a relying party by its access certificate. */
static const struct {
    const char *prefix, *why;
} refused_prefixes[] = {
    {"redirect_uri", "requests with it cannot be signed: no key, so no relying party"},
    {"origin", "reserved for the DC API audience; wallets must not accept it in requests"},
    {"decentralized_identifier", "its key comes from DID resolution, not from an access certificate"},
    {"verifier_attestation", "it is authenticated by a Verifier Attestation JWT, not an access "
                             "certificate"},
    {"openid_federation", "it is trusted through an OpenID Federation trust chain, not an access "
                          "certificate"},
    {"pre-registered", "a pre-registered client is known to the wallet in advance, not by an access "
                       "certificate"},
};

/* x509_san_dns: a dNSName SAN of x5c[0], and the host of response_uri and redirect_uri. */
static bool check_san_dns(req *r, const char *name)
{
    wrp_findings *f = r->f;
    if (!dns_name_ok(name, strlen(name))) {
        wrp_findings_add(f, WRP_CODE_CLIENT_ID_MISMATCH, "x509_san_dns value \"%s\" is not a DNS name",
                         name);
        return false;
    }
    wrp_cert_info info;
    wrp_err err = {{0}};
    if (failed(r, wrp_cert_info_get(r->out->chain.certs[0], &info, &err))) {
        wrp_findings_add(f, WRP_CODE_CLIENT_ID_MISMATCH, "x5c[0] cannot be read for x509_san_dns: %s",
                         err.msg);
        return false;
    }
    bool found = false;
    for (size_t i = 0; i < info.n_dns_sans && !found; i++)
        found = ascii_ieq(info.dns_sans[i], name, strlen(name));
    wrp_cert_info_free(&info);
    if (!found) {
        wrp_findings_add(f, WRP_CODE_CLIENT_ID_MISMATCH,
                         "x509_san_dns value \"%s\" is not a dNSName of x5c[0]", name);
        return false;
    }
    bool ok = true;
    static const char *const uris[] = {"response_uri", "redirect_uri"};
    for (size_t i = 0; i < 2; i++) {
        const cJSON *u = wrp_json_get(r->params, uris[i]);
        if (u == NULL)
            continue;
        const char *host = NULL;
        size_t hlen = 0;
        if (!cJSON_IsString(u) || !https_host(u->valuestring, &host, &hlen)) {
            wrp_findings_add(f, WRP_CODE_CLIENT_ID_MISMATCH,
                             "%s has no host that can be compared with x509_san_dns", uris[i]);
            ok = false;
        } else if (!ascii_ieq(name, host, hlen)) {
            wrp_findings_add(f, WRP_CODE_CLIENT_ID_MISMATCH,
                             "%s host \"%.*s\" is not the x509_san_dns value \"%s\"", uris[i],
                             (int)hlen, host, name);
            ok = false;
        }
    }
    return ok;
}

/* x509_hash: base64url (unpadded) of SHA-256 over x5c[0]'s DER as received. */
static bool check_hash(req *r, const char *value)
{
    uint8_t md[EVP_MAX_MD_SIZE];
    unsigned mdlen = 0;
    if (EVP_Digest(r->x5c0, r->x5c0_len, md, &mdlen, EVP_sha256(), NULL) != 1) {
        wrp_ossl_clear();
        r->nomem = true;
        return false;
    }
    char *b64 = NULL;
    if (failed(r, wrp_b64url_encode(md, mdlen, &b64)))
        return false;
    bool ok = strcmp(value, b64) == 0;
    if (!ok)
        wrp_findings_add(r->f, WRP_CODE_CLIENT_ID_MISMATCH,
                         "x509_hash value \"%s\" is not the SHA-256 of x5c[0] (%s)", value, b64);
    free(b64);
    return ok;
}

/* The prefix and its binding to x5c[0]. True when client_id is bound to x5c[0]. */
static bool check_client_id(req *r)
{
    wrp_findings *f = r->f;
    bool scheme = wrp_json_get(r->params, "client_id_scheme") != NULL;
    if (scheme)
        wrp_findings_add(f, WRP_CODE_CLIENT_ID_PREFIX,
                         "client_id_scheme is a pre-1.0 parameter: OpenID4VP 1.0 carries the "
                         "prefix in client_id");
    const char *id = r->out->client_id;
    if (id == NULL) {
        wrp_findings_add(f, WRP_CODE_CLIENT_ID_PREFIX,
                         "no client_id string: no client identifier prefix");
        return false;
    }
    const char *colon = strchr(id, ':');
    if (colon == NULL) {
        wrp_findings_add(f, WRP_CODE_CLIENT_ID_PREFIX,
                         "client_id \"%s\" has no client identifier prefix: a pre-registered "
                         "client is not identified by an access certificate", id);
        return false;
    }
    size_t plen = (size_t)(colon - id);
    const char *value = colon + 1;
    bool san_dns = plen == 12 && strncmp(id, "x509_san_dns", plen) == 0;
    bool hash = plen == 9 && strncmp(id, "x509_hash", plen) == 0;
    if (!san_dns && !hash) {
        const char *why = "it is not x509_san_dns or x509_hash, the prefixes that bind the "
                          "client to its access certificate";
        for (size_t i = 0; i < sizeof refused_prefixes / sizeof refused_prefixes[0]; i++)
            if (strlen(refused_prefixes[i].prefix) == plen &&
                strncmp(refused_prefixes[i].prefix, id, plen) == 0)
                why = refused_prefixes[i].why;
        wrp_findings_add(f, WRP_CODE_CLIENT_ID_PREFIX, "client identifier prefix \"%.*s\" refused: %s",
                         (int)plen, id, why);
        return false;
    }
    if (r->out->chain.n == 0)
        return false; /* REQUEST_SIGNATURE already says that there is no usable x5c */
    bool bound = san_dns ? check_san_dns(r, value) : check_hash(r, value);
    return bound && !scheme;
}

/* ---- request parameters ----------------------------------------------------------------------- */

/* nonce (required) and state: the URL-safe charset of OpenID4VP 1.0. A missing or invalid nonce
 * denies (REQUEST_PARAMETER, error); an invalid state is reported as a warning. */
static void check_token_param(req *r, const char *name, bool required)
{
    const cJSON *v = wrp_json_get(r->params, name);
    wrp_finding *x = NULL;
    if (v == NULL) {
        if (required)
            x = wrp_findings_add(r->f, WRP_CODE_REQUEST_PARAMETER, "%s is required", name);
    } else if (!cJSON_IsString(v) || !url_safe(v->valuestring)) {
        x = wrp_findings_add(r->f, WRP_CODE_REQUEST_PARAMETER,
                             "%s must be a non-empty string of ASCII letters, digits, '-', '.', '_' "
                             "and '~'", name);
    }
    if (x != NULL) /* the code's default is a warning; the nonce alone denies */
        x->severity = required ? WRP_SEV_ERROR : WRP_SEV_WARNING;
}

/* Where the response goes is the wallet's business once the relying party is judged: problems
 * with it are reported as warnings (REQUEST_PARAMETER), never as a verdict. */
#define param_warning(f, ...)                                                                      \
    do {                                                                                           \
        wrp_finding *x_ = wrp_findings_add((f), WRP_CODE_REQUEST_PARAMETER, __VA_ARGS__);          \
        if (x_ != NULL)                                                                            \
            x_->severity = WRP_SEV_WARNING;                                                        \
    } while (0)

static bool is_dc_api_mode(const char *mode)
{
    return mode != NULL && (strcmp(mode, "dc_api") == 0 || strcmp(mode, "dc_api.jwt") == 0);
}

/* response_mode and where the response goes: direct_post(.jwt) to an https response_uri and never
 * redirect_uri; dc_api(.jwt) through the API, neither URI; fragment and query to redirect_uri, no
 * response_uri. An absent response_mode is not judged (OAuth gives it a default). */
static void check_response_mode(req *r)
{
    wrp_findings *f = r->f;
    const cJSON *m = wrp_json_get(r->params, "response_mode");
    const cJSON *resp = wrp_json_get(r->params, "response_uri");
    const cJSON *redir = wrp_json_get(r->params, "redirect_uri");
    const char *host;
    size_t hlen;
    if (resp != NULL && (!cJSON_IsString(resp) || !https_host(resp->valuestring, &host, &hlen)))
        param_warning(f, "response_uri is not an https URL with a DNS host and no userinfo");
    if (m == NULL)
        return;
    if (!cJSON_IsString(m)) {
        param_warning(f, "response_mode is not a string");
        return;
    }
    const char *mode = m->valuestring;
    if (strcmp(mode, "direct_post") == 0 || strcmp(mode, "direct_post.jwt") == 0) {
        if (resp == NULL)
            param_warning(f, "response_mode %s needs response_uri", mode);
        if (redir != NULL)
            param_warning(f, "redirect_uri must not be present with response_mode %s", mode);
    } else if (is_dc_api_mode(mode)) {
        if (resp != NULL || redir != NULL)
            param_warning(f, "response_mode %s answers through the DC API: %s must not be present",
                          mode, resp != NULL ? "response_uri" : "redirect_uri");
    } else if (strcmp(mode, "fragment") == 0 || strcmp(mode, "query") == 0) {
        if (redir == NULL || !cJSON_IsString(redir) || redir->valuestring[0] == 0)
            param_warning(f, "response_mode %s needs redirect_uri", mode);
        if (resp != NULL)
            param_warning(f, "response_uri must not be present with response_mode %s", mode);
    } else {
        param_warning(f, "response_mode \"%s\" is not supported", mode);
    }
}

/* expected_origins (appendix A.2), for signed requests; an unsigned request's is ignored, as the
 * specification requires (it proves nothing). A request that came through the Digital Credentials
 * API must name the origins it may be used from, or any web page could replay it: it came through
 * the API when an origin was given (the API reports the page's origin), when it is in the API's
 * envelope, or when its response_mode answers through the API. Such a request without
 * expected_origins fails the check, and so does one that names them when no origin was given to
 * compare (fail closed); otherwise the origin must be one of them, compared exactly. */
static void check_origins(req *r)
{
    wrp_findings *f = r->f;
    const cJSON *eo = wrp_json_get(r->params, "expected_origins");
    const char *origin = r->opts->origin;
    if (eo == NULL) {
        const char *mode = wrp_json_get_str(r->params, "response_mode");
        if (origin != NULL)
            wrp_findings_add(f, WRP_CODE_ORIGIN_MISMATCH,
                             "an origin was given, so the request came through the DC API: a signed "
                             "request must then carry expected_origins");
        else if (r->in.envelope)
            wrp_findings_add(f, WRP_CODE_ORIGIN_MISMATCH,
                             "a signed request in the DC API envelope must carry expected_origins");
        else if (is_dc_api_mode(mode))
            wrp_findings_add(f, WRP_CODE_ORIGIN_MISMATCH,
                             "a signed request with response_mode %s must carry expected_origins",
                             mode);
        return;
    }
    size_t n = 0;
    bool shape = cJSON_IsArray(eo) && eo->child != NULL;
    for (const cJSON *e = shape ? eo->child : NULL; e != NULL && shape; e = e->next)
        shape = cJSON_IsString(e) && ++n <= WRP_MAX_EXPECTED_ORIGINS;
    if (!shape) {
        wrp_findings_add(f, WRP_CODE_ORIGIN_MISMATCH,
                         "expected_origins must be a non-empty array of at most %u strings: the "
                         "origin cannot be checked", WRP_MAX_EXPECTED_ORIGINS);
        return;
    }
    if (origin == NULL) {
        wrp_findings_add(f, WRP_CODE_ORIGIN_MISMATCH,
                         "the request names expected_origins but no origin was given to check");
        return;
    }
    for (const cJSON *e = eo->child; e != NULL; e = e->next)
        if (strcmp(e->valuestring, origin) == 0)
            return;
    wrp_findings_add(f, WRP_CODE_ORIGIN_MISMATCH, "origin \"%s\" is not in expected_origins", origin);
}

/* dcql_query, the only query language judged; scope and presentation_definition cannot be. A
 * scope is anything but the empty string: whatever its JSON type (null, a boolean, a number, an
 * array, an object), a wallet that reads it may ask for more than the query says. */
static void check_dcql(req *r)
{
    wrp_findings *f = r->f;
    const cJSON *q = wrp_json_get(r->params, "dcql_query");
    bool pd = wrp_json_get(r->params, "presentation_definition") != NULL ||
              wrp_json_get(r->params, "presentation_definition_uri") != NULL;
    const cJSON *scope = wrp_json_get(r->params, "scope");
    bool has_scope = scope != NULL && !(cJSON_IsString(scope) && scope->valuestring[0] == 0);
    if (q == NULL) {
        wrp_findings_add(f, WRP_CODE_DCQL_INVALID, "no dcql_query: %s cannot be checked",
                         pd ? "a pre-1.0 presentation_definition request"
                            : has_scope ? "a scope-only request" : "a request without a query");
        return;
    }
    if (pd)
        wrp_findings_add(f, WRP_CODE_DCQL_INVALID,
                         "presentation_definition next to dcql_query: what is asked is ambiguous");
    if (has_scope)
        wrp_findings_add(f, WRP_CODE_DCQL_INVALID,
                         "dcql_query and scope together (OpenID4VP 1.0 section 5.1: not both)");
    wrp_err err = {{0}};
    wrp_status st = wrp_dcql_parse(q, &r->out->dcql, &err);
    if (failed(r, st))
        wrp_findings_add(f, WRP_CODE_DCQL_INVALID, "%s", err.msg);
    else
        r->out->has_dcql = true;
}

/* The serialized certificate of one registration_cert entry: a compact JWS string as it is,
 * anything else base64url of the certificate (JWS text or CWT bytes). */
static void keep_rc(req *r, const cJSON *data, size_t i)
{
    wrp_o4vp *out = r->out;
    if (!cJSON_IsString(data) || data->valuestring[0] == 0) {
        wrp_findings_add(r->f, WRP_CODE_RC_MALFORMED,
                         "verifier_info[%zu].data must be a non-empty string", i);
        return;
    }
    const char *s = data->valuestring;
    if (wrp_sniff_compact_jws((const uint8_t *)s, strlen(s))) {
        size_t n = strlen(s);
        if ((out->rc = wrp_malloc(n)) == NULL) {
            r->nomem = true;
            return;
        }
        memcpy(out->rc, s, n);
        out->rc_len = n;
        return;
    }
    wrp_err err = {{0}};
    if (failed(r, wrp_b64url_decode((const uint8_t *)s, strlen(s), &out->rc, &out->rc_len, &err)))
        wrp_findings_add(r->f, WRP_CODE_RC_MALFORMED,
                         "verifier_info[%zu].data is neither a compact JWS nor base64url: %s", i,
                         err.msg);
}

/* A registrar dataset (ETSI TS 119 472-2): data is the JSON object itself. It is kept for the
 * comparison with the certificate, whatever its shape; it never carries the certificate. */
static void keep_dataset(req *r, const cJSON *data, size_t i)
{
    wrp_registrar_dataset *d = wrp_registrar_datasets_add(&r->out->datasets);
    if (d == NULL) {
        r->nomem = true;
        return;
    }
    snprintf(d->where, sizeof d->where, "verifier_info[%zu]", i);
    (void)failed(r, wrp_registrar_from_json(data, d));
}

static void check_verifier_info(req *r)
{
    wrp_findings *f = r->f;
    const cJSON *vi = wrp_json_get(r->params, "verifier_info");
    if (vi == NULL)
        return;
    if (!cJSON_IsArray(vi) || vi->child == NULL || (size_t)cJSON_GetArraySize(vi) > WRP_MAX_VERIFIER_INFO) {
        wrp_findings_add(f, WRP_CODE_RC_MALFORMED,
                         "verifier_info must be a non-empty array of at most %u objects",
                         WRP_MAX_VERIFIER_INFO);
        return;
    }
    size_t i = 0;
    for (const cJSON *e = vi->child; e != NULL; e = e->next, i++) {
        const char *format = cJSON_IsObject(e) ? wrp_json_get_str(e, "format") : NULL;
        if (format == NULL) {
            wrp_findings_add(f, WRP_CODE_RC_MALFORMED,
                             "verifier_info[%zu] must be an object with a string format", i);
            continue;
        }
        if (strcmp(format, "registrar_dataset") == 0) {
            keep_dataset(r, wrp_json_get(e, "data"), i);
            continue;
        }
        if (strcmp(format, "registration_cert") != 0) {
            wrp_findings_add(f, WRP_CODE_VERIFIER_INFO_IGNORED,
                             "verifier_info[%zu] of format \"%s\" is not used", i, format);
            continue;
        }
        if (r->out->n_rc++ == 0)
            keep_rc(r, wrp_json_get(e, "data"), i);
        if (wrp_json_get(e, "credential_ids") != NULL)
            wrp_findings_add(f, WRP_CODE_RC_MALFORMED,
                             "verifier_info[%zu]: a registration certificate applies to the whole "
                             "request and must not carry credential_ids", i);
    }
    if (r->out->n_rc > 1)
        wrp_findings_add(f, WRP_CODE_RC_MULTIPLE,
                         "verifier_info carries %zu registration certificates; exactly one is allowed",
                         r->out->n_rc);
}

static bool tx_type_known(const wrp_o4vp_opts *o, const char *type)
{
    for (size_t i = 0; o->tx_types != NULL && i < o->n_tx_types; i++)
        if (o->tx_types[i] != NULL && strcmp(o->tx_types[i], type) == 0)
            return true;
    return false;
}

/* Why one transaction_data entry cannot be handled, or NULL; *detail may name the value at fault.
 * `obj` is the decoded entry. */
static const char *tx_problem(req *r, const cJSON *obj, const char **detail)
{
    if (!cJSON_IsObject(obj))
        return "is not a JSON object";
    const char *type = wrp_json_get_str(obj, "type");
    if (type == NULL)
        return "has no string type";
    if (!tx_type_known(r->opts, type)) {
        *detail = type;
        return "has a type the wallet does not handle";
    }
    const cJSON *ids = wrp_json_get(obj, "credential_ids");
    if (!cJSON_IsArray(ids) || ids->child == NULL)
        return "credential_ids must be a non-empty array of strings";
    for (const cJSON *id = ids->child; id != NULL; id = id->next) {
        if (!cJSON_IsString(id))
            return "credential_ids must be a non-empty array of strings";
        if (!r->out->has_dcql || wrp_dcql_find(&r->out->dcql, id->valuestring) == NULL) {
            *detail = id->valuestring;
            return "credential_ids names no credential query of dcql_query";
        }
    }
    return NULL;
}

static void check_transaction_data(req *r)
{
    wrp_findings *f = r->f;
    const cJSON *td = wrp_json_get(r->params, "transaction_data");
    if (td == NULL)
        return;
    if (!cJSON_IsArray(td) || td->child == NULL ||
        (size_t)cJSON_GetArraySize(td) > WRP_MAX_TRANSACTION_DATA) {
        wrp_findings_add(f, WRP_CODE_TRANSACTION_DATA_UNSUPPORTED,
                         "transaction_data must be a non-empty array of at most %u strings",
                         WRP_MAX_TRANSACTION_DATA);
        return;
    }
    size_t i = 0;
    for (const cJSON *e = td->child; e != NULL; e = e->next, i++) {
        if (!cJSON_IsString(e)) {
            wrp_findings_add(f, WRP_CODE_TRANSACTION_DATA_UNSUPPORTED,
                             "transaction_data[%zu] is not a string", i);
            continue;
        }
        uint8_t *raw = NULL;
        size_t rawlen = 0;
        cJSON *obj = NULL;
        wrp_err err = {{0}};
        wrp_status st = wrp_b64url_decode((const uint8_t *)e->valuestring, strlen(e->valuestring),
                                          &raw, &rawlen, &err);
        if (st == WRP_OK)
            st = wrp_json_parse(raw, rawlen, &obj, &err);
        free(raw);
        const char *detail = NULL;
        const char *why = failed(r, st) ? NULL : tx_problem(r, obj, &detail);
        if (st != WRP_OK)
            wrp_findings_add(f, WRP_CODE_TRANSACTION_DATA_UNSUPPORTED,
                             "transaction_data[%zu] is not base64url of strict JSON: %s", i, err.msg);
        else if (why != NULL)
            wrp_findings_add(f, WRP_CODE_TRANSACTION_DATA_UNSUPPORTED, "transaction_data[%zu] %s%s%s%s",
                             i, why, detail ? " (\"" : "", detail ? detail : "", detail ? "\")" : "");
        cJSON_Delete(obj);
    }
}

/* ---- the judgement ---------------------------------------------------------------------------- */

/* The client_id seen outside the Request Object against the one inside: equal, except that an
 * x509_san_dns host name compares case-insensitively (DNS names do; the contract says so). The
 * prefix itself is compared exactly, as check_client_id reads it. */
static bool same_client_id(const char *outer, const char *inner)
{
    static const char san[] = "x509_san_dns:";
    size_t n = sizeof san - 1;
    if (strncmp(outer, san, n) == 0 && strncmp(inner, san, n) == 0)
        return ascii_ieq(outer + n, inner + n, strlen(inner + n));
    return strcmp(outer, inner) == 0;
}

static void judge(req *r, const uint8_t *in, size_t len)
{
    wrp_o4vp *out = r->out;
    wrp_o4vp_unread why;
    wrp_status st = wrp_o4vp_read(in, len, &r->in, &why);
    if (st == WRP_ERR_MALFORMED)
        wrp_findings_add(r->f, WRP_CODE_REQUEST_MALFORMED, "%s%s%s", why.what,
                         why.has_reason ? ": " : "", why.has_reason ? why.reason.msg : "");
    if (failed(r, st))
        return;
    r->params = r->in.params;
    out->is_signed = r->in.is_signed;
    out->parsed = true;
    const char *client_id = wrp_json_get_str(r->params, "client_id");

    if (out->is_signed) {
        if (client_id != NULL && (out->client_id = wrp_strdup(client_id)) == NULL) {
            r->nomem = true;
            return;
        }
        bool header_ok = check_header(r);
        bool bound = check_client_id(r);
        out->authenticated = header_ok && bound;
        const char *outer = r->opts->client_id;
        if (outer != NULL && (client_id == NULL || !same_client_id(outer, client_id)))
            wrp_findings_add(r->f, WRP_CODE_CLIENT_ID_MISMATCH,
                             "client_id \"%s\" given with the request differs from the Request "
                             "Object's %s%s%s", outer, client_id ? "\"" : "",
                             client_id ? client_id : "(none)", client_id ? "\"" : "");
        check_origins(r);
    } else {
        wrp_findings_add(r->f, WRP_CODE_REQUEST_UNSIGNED,
                         "the request is not signed: the relying party is not authenticated");
    }
    check_token_param(r, "nonce", true);
    check_token_param(r, "state", false);
    check_response_mode(r);
    check_dcql(r);
    check_verifier_info(r);
    check_transaction_data(r);
}

wrp_status wrp_o4vp_check(const uint8_t *in, size_t len, const wrp_o4vp_opts *opts, wrp_o4vp *out,
                          wrp_findings *f)
{
    if (out == NULL || f == NULL || (in == NULL && len > 0))
        return WRP_ERR_ARG;
    memset(out, 0, sizeof *out);
    static const wrp_o4vp_opts no_opts = {0};
    req r = {.opts = opts != NULL ? opts : &no_opts, .out = out, .f = f};
    judge(&r, in, len);
    wrp_o4vp_input_free(&r.in);
    free(r.x5c0);
    wrp_ossl_clear();
    if (r.nomem || f->oom) {
        wrp_o4vp_free(out);
        return wrp_nomem();
    }
    return WRP_OK;
}

void wrp_o4vp_free(wrp_o4vp *r)
{
    if (r == NULL)
        return;
    wrp_chain_free(&r->chain);
    free(r->client_id);
    wrp_dcql_free(&r->dcql);
    free(r->rc);
    wrp_registrar_datasets_free(&r->datasets);
    memset(r, 0, sizeof *r);
}
