/* Scaling: the coverage engine over DCQL queries of 1 to 1,000 credential queries x 1 to 100 claims
 * against registrations of the same size, and judgements against register documents of 1 to
 * 10,000 relying parties. Inputs are generated here at run time; each size is timed as the median
 * of repeated runs, and the growth exponent is the least-squares slope on log-log axes. The
 * coverage runs call the engine's internal interface (src/policy/coverage.h) to time it alone. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "bench.h"
#include "wrpcheck.h"
#include "model/dcql.h"
#include "model/rc.h"
#include "model/regset.h"
#include "policy/coverage.h"
#include "policy/register.h"
#include "util/json.h"
#include "util/limits.h"

#define TIME_AT 1798761600

/* ---------------------------------------------------------------------------------------------
 * A growable string */

typedef struct sb {
    char *p;
    size_t n, cap;
} sb;

static void sb_printf(sb *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void sb_printf(sb *s, const char *fmt, ...)
{
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        int k = vsnprintf(s->p ? s->p + s->n : NULL, s->p ? s->cap - s->n : 0, fmt, ap);
        va_end(ap);
        if (k < 0)
            bench_die("vsnprintf");
        if (s->p != NULL && s->n + (size_t)k < s->cap) {
            s->n += (size_t)k;
            return;
        }
        s->cap = (s->cap + (size_t)k + 1) * 2;
        s->p = realloc(s->p, s->cap);
        if (s->p == NULL)
            bench_die("out of memory");
        s->p[s->n] = 0;
    }
}

/* Repeats fn until about `budget_ms` have passed (at least 3 runs) and returns the median. */
typedef void (*run_fn)(void *ctx);

static double median_ms(run_fn fn, void *ctx, double budget_ms)
{
    const char *scale = getenv("BENCH_SCALE");
    if (scale != NULL && atof(scale) > 0)
        budget_ms *= atof(scale);
    fn(ctx); /* warm-up */
    uint64_t t[2000];
    size_t n = 0;
    uint64_t start = bench_now_ns();
    while (n < sizeof t / sizeof t[0] &&
           (n < 3 || (double)(bench_now_ns() - start) / 1e6 < budget_ms)) {
        uint64_t t0 = bench_now_ns();
        fn(ctx);
        t[n++] = bench_now_ns() - t0;
    }
    return bench_median(t, n) / 1e6;
}

/* ---------------------------------------------------------------------------------------------
 * Coverage: generated queries and registrations
 *
 * Credential query i is an mdoc (doctype org.bench.doc.i, paths [ns, element]) when i % 4 == 3,
 * otherwise an SD-JWT VC (vct urn:bench:cred:i) whose claims alternate between the three shapes
 * the rules distinguish: a top-level claim registered as itself, a nested claim registered through
 * its parent (rule 4, prefix), and an array element registered with null (rule 4, null covers an
 * index). The registration holds the same credentials in reverse order, claims reversed too, so
 * that nothing is matched by position. `gap` > 0 leaves every gap-th claim unregistered. */

static bool is_mdoc(size_t i)
{
    return i % 4 == 3;
}

static char *gen_query(size_t creds, size_t claims)
{
    sb s = {0};
    sb_printf(&s, "{\"credentials\":[");
    for (size_t i = 0; i < creds; i++) {
        if (is_mdoc(i))
            sb_printf(&s, "%s{\"id\":\"q%zu\",\"format\":\"mso_mdoc\",\"meta\":{\"doctype_value\":"
                          "\"org.bench.doc.%zu\"},\"claims\":[", i ? "," : "", i, i);
        else
            sb_printf(&s, "%s{\"id\":\"q%zu\",\"format\":\"dc+sd-jwt\",\"meta\":{\"vct_values\":"
                          "[\"urn:bench:cred:%zu\"]},\"claims\":[", i ? "," : "", i, i);
        for (size_t j = 0; j < claims; j++) {
            const char *sep = j ? "," : "";
            if (is_mdoc(i))
                sb_printf(&s, "%s{\"path\":[\"org.bench.ns.%zu\",\"e%zu\"]}", sep, i, j);
            else if (j % 3 == 0)
                sb_printf(&s, "%s{\"path\":[\"c%zu\"]}", sep, j);
            else if (j % 3 == 1)
                sb_printf(&s, "%s{\"path\":[\"g%zu\",\"f%zu\"]}", sep, j, j);
            else
                sb_printf(&s, "%s{\"path\":[\"a%zu\",%zu,\"x\"]}", sep, j, j % 5);
        }
        sb_printf(&s, "]}");
    }
    sb_printf(&s, "]}");
    return s.p;
}

static char *gen_registration(size_t creds, size_t claims, size_t gap)
{
    sb s = {0};
    sb_printf(&s, "[");
    for (size_t k = 0; k < creds; k++) {
        size_t i = creds - 1 - k;
        if (is_mdoc(i))
            sb_printf(&s, "%s{\"format\":\"mso_mdoc\",\"meta\":{\"doctype_value\":"
                          "\"org.bench.doc.%zu\"},\"claims\":[", k ? "," : "", i);
        else
            sb_printf(&s, "%s{\"format\":\"dc+sd-jwt\",\"meta\":{\"vct_values\":"
                          "[\"urn:bench:cred:%zu\"]},\"claims\":[", k ? "," : "", i);
        bool first = true;
        for (size_t m = 0; m < claims; m++) {
            size_t j = claims - 1 - m;
            if (gap > 0 && j % gap == gap - 1)
                continue;
            const char *sep = first ? "" : ",";
            first = false;
            if (is_mdoc(i))
                sb_printf(&s, "%s{\"path\":[\"org.bench.ns.%zu\",\"e%zu\"]}", sep, i, j);
            else if (j % 3 == 0)
                sb_printf(&s, "%s{\"path\":[\"c%zu\"]}", sep, j);
            else if (j % 3 == 1)
                sb_printf(&s, "%s{\"path\":[\"g%zu\"]}", sep, j);
            else
                sb_printf(&s, "%s{\"path\":[\"a%zu\",null]}", sep, j);
        }
        sb_printf(&s, "]}");
    }
    sb_printf(&s, "]");
    return s.p;
}

typedef struct cov_case {
    const char *query_text, *reg_text;
    wrp_dcql query;
    wrp_regset reg;
    size_t expect_findings;
    size_t findings, items;
} cov_case;

static cJSON *parse_json(const char *text)
{
    cJSON *j = NULL;
    wrp_err err = {{0}};
    if (wrp_json_parse((const uint8_t *)text, strlen(text), &j, &err) != WRP_OK)
        bench_die("generated JSON refused: %s", err.msg);
    return j;
}

static void parse_case(cov_case *c, wrp_dcql *q, wrp_regset *r)
{
    wrp_err err = {{0}};
    cJSON *jq = parse_json(c->query_text);
    if (wrp_dcql_parse(jq, q, &err) != WRP_OK)
        bench_die("generated DCQL refused: %s", err.msg);
    cJSON_Delete(jq);
    cJSON *jr = parse_json(c->reg_text);
    if (wrp_regset_from_json(jr, WRP_REGSET_CERT, r, &err) != WRP_OK)
        bench_die("generated registration refused: %s", err.msg);
    cJSON_Delete(jr);
}

/* The engine alone: index the registration, list the requested items, evaluate. */
static void coverage(cov_case *c, const wrp_dcql *q, const wrp_regset *r)
{
    wrp_cov_index *ix = NULL;
    wrp_coverage cov = {0};
    wrp_findings f = {0};
    if (wrp_cov_index_new(r, &ix) != WRP_OK || wrp_coverage_init(q, &cov) != WRP_OK ||
        wrp_coverage_eval(q, ix, WRP_SRC_RC, &cov, &f) != WRP_OK)
        bench_die("coverage failed");
    if (f.n != c->expect_findings)
        bench_die("coverage: %zu findings, %zu expected", f.n, c->expect_findings);
    c->findings = f.n;
    c->items = cov.n;
    wrp_findings_free(&f);
    wrp_coverage_free(&cov);
    wrp_cov_index_free(ix);
}

static void run_coverage(void *ctx)
{
    cov_case *c = ctx;
    coverage(c, &c->query, &c->reg);
}

static void run_parse_coverage(void *ctx)
{
    cov_case *c = ctx;
    wrp_dcql q;
    wrp_regset r = {0};
    parse_case(c, &q, &r);
    coverage(c, &q, &r);
    wrp_dcql_free(&q);
    wrp_regset_free(&r);
}

void bench_scale_coverage(void)
{
    static const size_t creds[] = {1, 10, 100, 1000};
    static const size_t claims[] = {1, 10, 100};
    enum { N = sizeof creds / sizeof creds[0] * (sizeof claims / sizeof claims[0]) };
    double size[N], t_cov[N], t_all[N];
    size_t k = 0;
    printf("coverage scaling: C credential queries x K claims against a registration of C entries "
           "x K claims (all registered)\n");
    printf("%6s %5s %9s %12s %14s %16s %16s\n", "C", "K", "items", "query bytes", "coverage us",
           "per cred. query", "parse+cov us");
    for (size_t a = 0; a < sizeof creds / sizeof creds[0]; a++) {
        for (size_t b = 0; b < sizeof claims / sizeof claims[0]; b++) {
            if (creds[a] * claims[b] > WRP_MAX_REGISTERED_ITEMS) /* refused: contract v1.1 limits */
                continue;
            cov_case c = {0};
            char *qt = gen_query(creds[a], claims[b]);
            char *rt = gen_registration(creds[a], claims[b], 0);
            c.query_text = qt;
            c.reg_text = rt;
            parse_case(&c, &c.query, &c.reg);
            t_cov[k] = median_ms(run_coverage, &c, 300) * 1000;
            t_all[k] = median_ms(run_parse_coverage, &c, 300) * 1000;
            size[k] = (double)c.items;
            printf("%6zu %5zu %9zu %12zu %14.1f %13.2f us %16.1f\n", creds[a], claims[b], c.items,
                   strlen(qt), t_cov[k], t_cov[k] / (double)creds[a], t_all[k]);
            k++;
            wrp_dcql_free(&c.query);
            wrp_regset_free(&c.reg);
            free(qt);
            free(rt);
        }
    }
    size_t big = 0;
    while (big < k && size[big] < 1000)
        big++;
    printf("(sizes beyond %u requested or registered items are refused and not measured)\n",
           WRP_MAX_REGISTERED_ITEMS);
    printf("growth exponent in requested items (log-log least squares): coverage %.2f "
           "(items >= 1,000: %.2f); parse + coverage %.2f (items >= 1,000: %.2f)\n",
           bench_loglog_slope(size, t_cov, k), bench_loglog_slope(size + big, t_cov + big, k - big),
           bench_loglog_slope(size, t_all, k), bench_loglog_slope(size + big, t_all + big, k - big));

    /* The largest size again with every tenth claim unregistered: the findings' cost. */
    cov_case c = {0};
    char *qt = gen_query(40, 100), *rt = gen_registration(40, 100, 10);
    c.query_text = qt;
    c.reg_text = rt;
    c.expect_findings = 40 * 10;
    parse_case(&c, &c.query, &c.reg);
    double t = median_ms(run_coverage, &c, 300);
    printf("40 x 100 with every tenth claim unregistered (%zu OVERASK findings): coverage "
           "%.3f ms\n\n", c.findings, t);
    wrp_dcql_free(&c.query);
    wrp_regset_free(&c.reg);
    free(qt);
    free(rt);
}

/* ---------------------------------------------------------------------------------------------
 * Register: signed SignedWRPArray pages of generated relying parties, the request's own relying
 * party (from testvectors/register/valid.jwt, also registering the address it asks for) last. */

#define PER_PAGE 1000

typedef struct signer {
    EVP_PKEY *key;
    char *x5c0; /* standard base64 DER */
} signer;

static signer load_signer(void)
{
    signer s;
    bench_blob k = bench_read("testvectors/register/pki/reg-signer.key.pem");
    bench_blob c = bench_read("testvectors/register/pki/reg-signer.pem");
    BIO *bk = BIO_new_mem_buf(k.p, (int)k.n), *bc = BIO_new_mem_buf(c.p, (int)c.n);
    s.key = PEM_read_bio_PrivateKey(bk, NULL, NULL, NULL);
    X509 *x = PEM_read_bio_X509(bc, NULL, NULL, NULL);
    if (s.key == NULL || x == NULL)
        bench_die("register signer key or certificate");
    unsigned char *der = NULL;
    int n = i2d_X509(x, &der);
    s.x5c0 = malloc((size_t)n * 4 / 3 + 8);
    EVP_EncodeBlock((unsigned char *)s.x5c0, der, n);
    OPENSSL_free(der);
    X509_free(x);
    BIO_free(bk);
    BIO_free(bc);
    free(k.p);
    free(c.p);
    return s;
}

/* Compact JWS, ES256, x5c = the register signer. */
static char *sign(const signer *s, const char *payload)
{
    sb hdr = {0};
    sb_printf(&hdr, "{\"alg\":\"ES256\",\"typ\":\"JWT\",\"x5c\":[\"%s\"]}", s->x5c0);
    char *h = bench_b64url_encode((const uint8_t *)hdr.p, hdr.n);
    char *p = bench_b64url_encode((const uint8_t *)payload, strlen(payload));
    sb jws = {0};
    sb_printf(&jws, "%s.%s", h, p);
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    unsigned char der[80];
    size_t der_len = sizeof der;
    if (EVP_DigestSignInit(ctx, NULL, EVP_sha256(), NULL, s->key) != 1 ||
        EVP_DigestSign(ctx, der, &der_len, (const unsigned char *)jws.p, jws.n) != 1)
        bench_die("signing the register");
    EVP_MD_CTX_free(ctx);
    const unsigned char *q = der;
    ECDSA_SIG *sig = d2i_ECDSA_SIG(NULL, &q, (long)der_len);
    uint8_t raw[64];
    if (sig == NULL || BN_bn2binpad(ECDSA_SIG_get0_r(sig), raw, 32) != 32 ||
        BN_bn2binpad(ECDSA_SIG_get0_s(sig), raw + 32, 32) != 32)
        bench_die("ECDSA signature");
    ECDSA_SIG_free(sig);
    char *sg = bench_b64url_encode(raw, sizeof raw);
    sb_printf(&jws, ".%s", sg);
    free(hdr.p);
    free(h);
    free(p);
    free(sg);
    return jws.p;
}

/* The request's relying party as in valid.jwt, registering also ["address"]. */
static char *target_party(void)
{
    bench_blob b = bench_read("testvectors/register/valid.jwt");
    char *d1 = memchr(b.p, '.', b.n);
    char *d2 = d1 ? memchr(d1 + 1, '.', b.n - (size_t)(d1 + 1 - (char *)b.p)) : NULL;
    if (d2 == NULL)
        bench_die("valid.jwt");
    size_t n;
    uint8_t *payload = bench_b64url_decode(d1 + 1, (size_t)(d2 - d1 - 1), &n);
    cJSON *root = cJSON_ParseWithLength((const char *)payload, n);
    cJSON *data = cJSON_GetObjectItemCaseSensitive(root, "data");
    cJSON *use = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(data, "intendedUse"), 0);
    cJSON *cred = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(use, "credentials"), 0);
    cJSON *claims = cJSON_GetObjectItemCaseSensitive(cred, "claims");
    cJSON *claim = cJSON_Parse("{\"path\":[\"address\"]}");
    if (claims == NULL || claim == NULL)
        bench_die("valid.jwt payload");
    cJSON_AddItemToArray(claims, claim);
    char *text = cJSON_PrintUnformatted(data);
    cJSON_Delete(root);
    free(payload);
    free(b.p);
    return text;
}

/* A relying party of the same shape as the real one (about 1 KB of JSON). */
static void filler_party(sb *s, size_t i)
{
    sb_printf(s,
              "{\"identifier\":[{\"type\":\"http://data.europa.eu/eudi/id/LEI\",\"identifier\":"
              "\"LEIXG-BENCH%014zu\"},{\"type\":\"http://data.europa.eu/eudi/id/EUID\","
              "\"identifier\":\"NLNHR.%08zu\"}],\"tradeName\":\"Relying Party %zu\","
              "\"legalPerson\":{\"legalName\":[\"Relying Party %zu B.V.\"]},\"country\":\"NL\","
              "\"registryURI\":\"https://register.example.nl/api\",\"supportURI\":["
              "\"https://rp%zu.example.nl/support\"],\"srvDescription\":[[{\"lang\":\"en\","
              "\"content\":\"Service %zu\"}]],\"entitlements\":["
              "\"https://uri.etsi.org/19475/Entitlement/Service_Provider\"],\"isPSB\":false,"
              "\"isIntermediary\":false,\"supervisoryAuthority\":{\"name\":\"Autoriteit "
              "Persoonsgegevens\",\"country\":\"NL\"},\"intendedUse\":[{\"intendedUseIdentifier\":"
              "\"iu-%zu\",\"purpose\":[{\"lang\":\"en\",\"content\":\"Checking age\"}],"
              "\"privacyPolicy\":[{\"type\":\"http://data.europa.eu/eudi/policy/privacy-policy\","
              "\"policyURI\":\"https://rp%zu.example.nl/privacy\"}],\"createdAt\":\"2026-01-15\","
              "\"credentials\":[{\"format\":\"dc+sd-jwt\",\"meta\":{\"vct_values\":"
              "[\"urn:eudi:pid:1\"]},\"claims\":[{\"path\":[\"age_over_18\"]},{\"path\":"
              "[\"nationalities\",null]}]}]}]}",
              i, i, i, i, i, i, i, i);
}

typedef struct reg_case {
    const bench_inputs *in;
    wrp_verifier *v;
    wrp_anchors *anchors;
    wrp_register_input *docs;
    size_t n_docs;
    wrp_register_docs loaded; /* the documents read once, as a verifier does */
    wrp_rc rc;
} reg_case;

static void run_audit(void *ctx)
{
    reg_case *c = ctx;
    wrp_result *r = NULL;
    if (wrp_audit(c->v, NULL, c->in->request.p, c->in->request.n, &r) != WRP_OK)
        bench_die("wrp_audit");
    if (wrp_result_verdict(r) != WRP_VERDICT_ALLOW)
        bench_die("register scaling: verdict %s, %s", wrp_verdict_str(wrp_result_verdict(r)),
                  wrp_result_finding_count(r) ? wrp_result_finding_message(r, 0) : "");
    wrp_result_free(r);
}

static void run_register_load(void *ctx)
{
    reg_case *c = ctx;
    wrp_register_docs d;
    if (wrp_register_load(c->docs, c->n_docs, &d) != WRP_OK)
        bench_die("register load");
    wrp_register_docs_free(&d);
}

/* The register stage of one judgement: the documents read once beforehand. */
static void run_register_stage(void *ctx)
{
    reg_case *c = ctx;
    wrp_register_result res;
    wrp_findings f = {0};
    if (wrp_check_register_loaded(c->anchors, TIME_AT, &c->loaded, &c->rc, &res, &f) != WRP_OK ||
        f.n != 0 || res.use == NULL)
        bench_die("register stage: %zu findings%s%s", f.n, f.n ? ": " : "",
                  f.n ? f.v[0].message : "");
    wrp_register_result_free(&res);
    wrp_findings_free(&f);
}

/* The registration certificate of the request, parsed, for the register stage on its own. */
static void request_rc(const bench_inputs *in, wrp_rc *out)
{
    const char *t = (const char *)in->request.p;
    const char *d1 = memchr(t, '.', in->request.n);
    const char *d2 = memchr(d1 + 1, '.', in->request.n - (size_t)(d1 + 1 - t));
    size_t n;
    uint8_t *p = bench_b64url_decode(d1 + 1, (size_t)(d2 - d1 - 1), &n);
    cJSON *req = cJSON_ParseWithLength((const char *)p, n);
    const cJSON *vi = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(req, "verifier_info"), 0);
    const char *rc = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(vi, "data"));
    const char *r1 = rc ? strchr(rc, '.') : NULL;
    const char *r2 = r1 ? strchr(r1 + 1, '.') : NULL;
    if (r2 == NULL)
        bench_die("the request carries no JWT registration certificate");
    size_t m;
    uint8_t *rp = bench_b64url_decode(r1 + 1, (size_t)(r2 - r1 - 1), &m);
    cJSON *payload = parse_json((const char *)rp);
    wrp_rc_problems problems = {0};
    if (wrp_rc_from_json(payload, out, &problems) != WRP_OK)
        bench_die("registration certificate payload");
    cJSON_Delete(payload);
    free(rp);
    cJSON_Delete(req);
    free(p);
}

void bench_scale_register(const bench_inputs *in)
{
    static const size_t sizes[] = {1, 10, 100, 1000, 3000, 10000};
    enum { N = sizeof sizes / sizeof sizes[0] };
    double x[N], t_audit[N], t_stage[N];
    signer s = load_signer();
    char *target = target_party();
    reg_case c = {.in = in};
    request_rc(in, &c.rc);
    c.anchors = wrp_anchors_new();
    if (c.anchors == NULL ||
        wrp_anchors_add(c.anchors, in->reg_anchors.p, in->reg_anchors.n, NULL) != WRP_OK)
        bench_die("register anchors");
    printf("register scaling: the first OpenID4VP request judged against signed register pages "
           "(SignedWRPArray, at most %d relying parties of about 1 KB each per page; its own "
           "relying party last)\n", PER_PAGE);
    printf("%8s %6s %11s %16s %10s %18s %14s\n", "parties", "pages", "bytes", "judgement ms",
           "x 1 party", "register stage ms", "read once ms");
    for (size_t k = 0; k < N; k++) {
        size_t n = sizes[k], pages = (n + PER_PAGE - 1) / PER_PAGE, bytes = 0;
        c.docs = calloc(pages, sizeof *c.docs);
        char **jws = calloc(pages, sizeof *jws);
        if (c.docs == NULL || jws == NULL)
            bench_die("out of memory");
        c.n_docs = pages;
        wrp_config *cfg = wrp_config_new();
        wrp_config_set_time(cfg, TIME_AT);
        if (wrp_config_add_ac_anchors(cfg, in->ac_anchors.p, in->ac_anchors.n) != WRP_OK ||
            wrp_config_add_rc_anchors(cfg, in->rc_anchors.p, in->rc_anchors.n) != WRP_OK ||
            wrp_config_add_crl(cfg, in->crl.p, in->crl.n) != WRP_OK ||
            wrp_config_add_status_list(cfg, in->status_list.p, in->status_list.n) != WRP_OK ||
            wrp_config_add_register_anchors(cfg, in->reg_anchors.p, in->reg_anchors.n) != WRP_OK)
            bench_die("configuration");
        for (size_t p = 0; p < pages; p++) {
            sb payload = {0};
            sb_printf(&payload, "{\"iss\":\"https://register.example.nl\",\"iat\":1798675200,"
                                "\"data\":[");
            size_t first = p * PER_PAGE, last = first + PER_PAGE < n ? first + PER_PAGE : n;
            for (size_t i = first; i < last; i++) {
                if (i > first)
                    sb_printf(&payload, ",");
                if (i == n - 1)
                    sb_printf(&payload, "%s", target);
                else
                    filler_party(&payload, i);
            }
            sb_printf(&payload, "]}");
            jws[p] = sign(&s, payload.p);
            free(payload.p);
            c.docs[p] = (wrp_register_input){(const uint8_t *)jws[p], strlen(jws[p])};
            bytes += c.docs[p].len;
            if (wrp_config_add_register(cfg, c.docs[p].data, c.docs[p].len) != WRP_OK)
                bench_die("register page of %zu bytes refused", c.docs[p].len);
        }
        if (wrp_verifier_new(cfg, &c.v) != WRP_OK || wrp_register_load(c.docs, c.n_docs, &c.loaded) != WRP_OK)
            bench_die("verifier");
        x[k] = (double)n;
        t_audit[k] = median_ms(run_audit, &c, 400);
        t_stage[k] = median_ms(run_register_stage, &c, 400);
        double t_load = median_ms(run_register_load, &c, 300);
        printf("%8zu %6zu %11zu %16.3f %10.2f %18.3f %14.3f\n", n, pages, bytes, t_audit[k],
               t_audit[k] / t_audit[0], t_stage[k], t_load);
        wrp_register_docs_free(&c.loaded);
        wrp_verifier_free(c.v);
        wrp_config_free(cfg);
        for (size_t p = 0; p < pages; p++)
            free(jws[p]);
        free(jws);
        free(c.docs);
    }
    size_t big = 0;
    while (big < N && x[big] < 100)
        big++;
    printf("growth exponent in relying parties (log-log least squares): judgement %.2f "
           "(parties >= 100: %.2f); register stage %.2f (parties >= 100: %.2f)\n\n",
           bench_loglog_slope(x, t_audit, N), bench_loglog_slope(x + big, t_audit + big, N - big),
           bench_loglog_slope(x, t_stage, N), bench_loglog_slope(x + big, t_stage + big, N - big));
    wrp_rc_free(&c.rc);
    wrp_anchors_free(c.anchors);
    free(target);
    free(s.x5c0);
    EVP_PKEY_free(s.key);
}
