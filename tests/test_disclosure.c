/* Embedded disclosure policies (SPEC.md, "Embedded disclosure policies"): reading a policy
 * document, judging requested credentials against the verified relying party, the validated path
 * the access certificate stage keeps, and the request API. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "crypto/x509.h"
#include "model/dcql.h"
#include "model/disclosure.h"
#include "policy/disclosure.h"
#include "support/testutil.h"
#include "util/b64.h"
#include "util/json.h"
#include "util/limits.h"
#include "wrpcheck.h"

#define T_2027 INT64_C(1798761600) /* 2027-01-01T00:00:00Z */
#define LEI "LEIXG-529900T8BM49AURSDO55"
#define SP "https://uri.etsi.org/19475/Entitlement/Service_Provider"
#define PID "urn:eudi:pid:1"
#define EDP "testvectors/interop/2026/edp/"

/* ---------------------------------------------------------------------------------------------
 * Reading a policy */

static wrp_status parse(const char *text, wrp_dpolicy *p, wrp_err *err)
{
    return wrp_dpolicy_parse((const uint8_t *)text, strlen(text), p, err);
}

static wrp_status status_of(const char *text)
{
    wrp_dpolicy p;
    wrp_err err = {{0}};
    wrp_status st = parse(text, &p, &err);
    if (st == WRP_OK)
        wrp_dpolicy_free(&p);
    else
        assert_true(err.msg[0] != 0);
    return st;
}

/* 32 bytes of 0x00..0x1f, unpadded base64url. */
#define ROOT_0_31 "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8"

static void authorized_relying_parties_is_read(void **s)
{
    (void)s;
    wrp_dpolicy p;
    assert_int_equal(parse("{\"format\":\"dc+sd-jwt\",\"type\":\"" PID "\",\"policy\":\"authorized_relying_parties\","
                           "\"relying_parties\":[\"" LEI "\",\"NTRNL-12345678\"],\"roots\":[],\"entitlements\":[]}",
                           &p, NULL),
                     WRP_OK);
    assert_int_equal(p.kind, WRP_DP_AUTHORIZED_RELYING_PARTIES);
    assert_string_equal(p.format, "dc+sd-jwt");
    assert_string_equal(p.type, PID);
    assert_null(p.type_set);
    assert_int_equal(p.n_names, 2);
    assert_string_equal(p.names[0], LEI);
    assert_string_equal(p.names[1], "NTRNL-12345678");
    assert_int_equal(p.n_roots, 0);
    wrp_dpolicy_free(&p);
}

static void root_of_trust_is_read_as_digests(void **s)
{
    (void)s;
    wrp_dpolicy p;
    assert_int_equal(parse("{\"format\":\"mso_mdoc\",\"type\":\"eu.europa.ec.eudi.pid.1\",\"policy\":\"root_of_trust\","
                           "\"roots\":[\"" ROOT_0_31 "\"]}",
                           &p, NULL),
                     WRP_OK);
    assert_int_equal(p.kind, WRP_DP_ROOT_OF_TRUST);
    assert_int_equal(p.n_roots, 1);
    for (int i = 0; i < 32; i++)
        assert_int_equal(p.roots[0][i], i);
    assert_int_equal(p.n_names, 0);
    wrp_dpolicy_free(&p);
}

static void entitlement_is_read(void **s)
{
    (void)s;
    wrp_dpolicy p;
    assert_int_equal(parse("{\"policy\":\"entitlement\",\"type\":\"" PID "\",\"format\":\"vc+sd-jwt\","
                           "\"entitlements\":[\"" SP "\"],\"relying_parties\":[\"x\"]}",
                           &p, NULL),
                     WRP_OK);
    assert_int_equal(p.kind, WRP_DP_ENTITLEMENT);
    assert_int_equal(p.n_names, 1);
    assert_string_equal(p.names[0], SP);
    wrp_dpolicy_free(&p);
}

static void type_values_are_a_set(void **s)
{
    (void)s;
    wrp_dpolicy p;
    assert_int_equal(parse("{\"format\":\"jwt_vc_json\",\"type\":[\"VerifiableCredential\",\"Degree\",\"Degree\"],"
                           "\"policy\":\"entitlement\",\"entitlements\":[\"" SP "\"]}",
                           &p, NULL),
                     WRP_OK);
    assert_int_equal(p.n_type_set, 2);
    assert_string_equal(p.type_set[0], "Degree");
    assert_string_equal(p.type_set[1], "VerifiableCredential");
    assert_string_equal(p.type, "[\"Degree\",\"VerifiableCredential\"]");
    wrp_dpolicy_free(&p);
    assert_int_equal(parse("{\"format\":\"ldp_vc\",\"type\":\"Degree\",\"policy\":\"entitlement\","
                           "\"entitlements\":[\"" SP "\"]}",
                           &p, NULL),
                     WRP_OK);
    assert_int_equal(p.n_type_set, 1);
    assert_string_equal(p.type_set[0], "Degree");
    wrp_dpolicy_free(&p);
    /* an array is a type set of the W3C formats only */
    assert_int_equal(status_of("{\"format\":\"dc+sd-jwt\",\"type\":[\"" PID "\"],\"policy\":\"entitlement\","
                               "\"entitlements\":[\"" SP "\"]}"),
                     WRP_ERR_MALFORMED);
    assert_int_equal(status_of("{\"format\":\"jwt_vc_json\",\"type\":[],\"policy\":\"entitlement\","
                               "\"entitlements\":[\"" SP "\"]}"),
                     WRP_ERR_MALFORMED);
    assert_int_equal(status_of("{\"format\":\"jwt_vc_json\",\"type\":[\"\"],\"policy\":\"entitlement\","
                               "\"entitlements\":[\"" SP "\"]}"),
                     WRP_ERR_MALFORMED);
}

#define REST "\"policy\":\"authorized_relying_parties\",\"relying_parties\":[\"" LEI "\"]"

static void format_type_and_policy_are_required(void **s)
{
    (void)s;
    assert_int_equal(status_of("{\"type\":\"" PID "\"," REST "}"), WRP_ERR_MALFORMED);
    assert_int_equal(status_of("{\"format\":\"dc+sd-jwt\"," REST "}"), WRP_ERR_MALFORMED);
    assert_int_equal(status_of("{\"format\":\"dc+sd-jwt\",\"type\":\"\"," REST "}"), WRP_ERR_MALFORMED);
    assert_int_equal(status_of("{\"format\":\"dc+sd-jwt\",\"type\":7," REST "}"), WRP_ERR_MALFORMED);
    assert_int_equal(status_of("{\"format\":\"dc+sd-jwt\",\"type\":\"" PID "\",\"relying_parties\":[\"" LEI "\"]}"),
                     WRP_ERR_MALFORMED);
    assert_int_equal(status_of("{\"format\":\"dc+sd-jwt\",\"type\":\"" PID "\",\"policy\":\"authorized_rp_only\","
                               "\"relying_parties\":[\"" LEI "\"]}"),
                     WRP_ERR_MALFORMED);
    /* a format the policy could never apply to is a mistake, not a policy that is never used */
    assert_int_equal(status_of("{\"format\":\"jwt_vc\",\"type\":\"" PID "\"," REST "}"), WRP_ERR_MALFORMED);
    assert_int_equal(status_of("{\"format\":\"dc+sd-jwt\",\"type\":\"" PID "\"," REST "}"), WRP_OK);
}

static void the_named_list_is_required_and_not_empty(void **s)
{
    (void)s;
    const char *head = "{\"format\":\"dc+sd-jwt\",\"type\":\"" PID "\",";
    char buf[512];
    snprintf(buf, sizeof buf, "%s\"policy\":\"authorized_relying_parties\",\"entitlements\":[\"" SP "\"]}", head);
    assert_int_equal(status_of(buf), WRP_ERR_MALFORMED);
    snprintf(buf, sizeof buf, "%s\"policy\":\"authorized_relying_parties\",\"relying_parties\":[]}", head);
    assert_int_equal(status_of(buf), WRP_ERR_MALFORMED);
    snprintf(buf, sizeof buf, "%s\"policy\":\"root_of_trust\",\"relying_parties\":[\"" LEI "\"]}", head);
    assert_int_equal(status_of(buf), WRP_ERR_MALFORMED);
    snprintf(buf, sizeof buf, "%s\"policy\":\"entitlement\",\"entitlements\":[]}", head);
    assert_int_equal(status_of(buf), WRP_ERR_MALFORMED);
    snprintf(buf, sizeof buf, "%s\"policy\":\"entitlement\",\"entitlements\":\"" SP "\"}", head);
    assert_int_equal(status_of(buf), WRP_ERR_MALFORMED);
}

static void every_list_has_its_shape(void **s)
{
    (void)s;
    const char *head = "{\"format\":\"dc+sd-jwt\",\"type\":\"" PID "\"," REST ",";
    const char *bad[] = {
        "\"roots\":{}}", "\"roots\":[\"\"]}", "\"entitlements\":[1]}", "\"entitlements\":[null]}",
        "\"relying_parties\":[\"" LEI "\"]}",                   /* a member twice */
        "\"roots\":[\"" ROOT_0_31 "=\"]}",                      /* padded */
        "\"roots\":[\"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8g\"]}", /* 33 bytes */
        "\"roots\":[\"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh\"]}",   /* 31 bytes and a bit */
        "\"roots\":[\"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh+\"]}",  /* standard alphabet */
        "\"root\":[\"" ROOT_0_31 "\"]}",                        /* a member a policy does not have */
    };
    char buf[512];
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        snprintf(buf, sizeof buf, "%s%s", head, bad[i]);
        assert_int_equal(status_of(buf), WRP_ERR_MALFORMED);
    }
    snprintf(buf, sizeof buf, "%s\"roots\":[\"" ROOT_0_31 "\"],\"entitlements\":[]}", head);
    assert_int_equal(status_of(buf), WRP_OK);
}

static void a_policy_is_one_json_object(void **s)
{
    (void)s;
    assert_int_equal(status_of("[]"), WRP_ERR_MALFORMED);
    assert_int_equal(status_of(""), WRP_ERR_MALFORMED);
    assert_int_equal(status_of("{\"format\":\"dc+sd-jwt\",\"type\":\"" PID "\"," REST "} {}"), WRP_ERR_MALFORMED);
    assert_int_equal(status_of("{\"format\":\"dc+sd-jwt\",\"format\":\"dc+sd-jwt\",\"type\":\"" PID "\"," REST "}"),
                     WRP_ERR_MALFORMED);
}

static void a_list_is_bounded(void **s)
{
    (void)s;
    size_t cap = 64 + (WRP_MAX_POLICY_LIST + 1) * 6;
    char *buf = malloc(cap);
    assert_non_null(buf);
    for (unsigned n = WRP_MAX_POLICY_LIST; n <= WRP_MAX_POLICY_LIST + 1; n++) {
        size_t off = (size_t)snprintf(buf, cap, "{\"format\":\"mso_mdoc\",\"type\":\"t\",\"policy\":\"entitlement\","
                                                "\"entitlements\":[");
        for (unsigned i = 0; i < n; i++)
            off += (size_t)snprintf(buf + off, cap - off, "%s\"%u\"", i ? "," : "", i % 1000);
        snprintf(buf + off, cap - off, "]}");
        assert_int_equal(status_of(buf), n == WRP_MAX_POLICY_LIST ? WRP_OK : WRP_ERR_LIMIT);
    }
    free(buf);
}

/* The published drafts of TS 119 472-3 policies (policy_type, authorized_parties, trusted_roots):
 * not this shape, so refused rather than read as no policy. */
static void ts_119_472_3_drafts_are_refused(void **s)
{
    (void)s;
    const char *files[] = {
        EDP "it-wallet-docs/edp-authorized-rps.json",
        EDP "it-wallet-docs/edp-specific-root.json",
        EDP "webuild-wp4-trust-group/edp-example-authorised-rp-only.json",
        EDP "webuild-wp4-trust-group/edp-example-specific-root-of-trust.json",
    };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        size_t len = 0;
        uint8_t *data = tu_read_file(files[i], &len);
        assert_non_null(data);
        wrp_dpolicy p;
        wrp_err err = {{0}};
        assert_int_equal(wrp_dpolicy_parse(data, len, &p, &err), WRP_ERR_MALFORMED);
        assert_non_null(strstr(err.msg, "policy_uri"));
        free(data);
    }
}

/* ---------------------------------------------------------------------------------------------
 * Judging */

typedef struct judged {
    wrp_findings f;
} judged;

static wrp_dcql query_of(const char *json)
{
    cJSON *j = NULL;
    assert_int_equal(wrp_json_parse((const uint8_t *)json, strlen(json), &j, NULL), WRP_OK);
    wrp_dcql q;
    wrp_err err = {{0}};
    assert_int_equal(wrp_dcql_parse(j, &q, &err), WRP_OK);
    cJSON_Delete(j);
    return q;
}

/* Judges the query against the policies (texts, NULL-terminated) for the party; the findings as
 * "credential_id/type credential_id/type ...". */
static const char *judge(const char *query, const char *const *policies, const wrp_dp_party *rp)
{
    static char out[1024];
    wrp_dpolicy ps[8];
    size_t n = 0;
    for (; policies[n] != NULL; n++)
        assert_int_equal(parse(policies[n], &ps[n], NULL), WRP_OK);
    wrp_dcql q = query_of(query);
    wrp_findings f = {0};
    assert_int_equal(wrp_disclosure_check(ps, n, &q, rp, &f), WRP_OK);
    size_t off = 0;
    out[0] = 0;
    for (size_t i = 0; i < f.n; i++) {
        assert_int_equal(f.v[i].code, WRP_CODE_DISCLOSURE_POLICY);
        assert_int_equal(f.v[i].severity, WRP_SEV_ERROR);
        assert_non_null(f.v[i].credential_id);
        assert_non_null(f.v[i].type);
        assert_false(f.v[i].has_path);
        off += (size_t)snprintf(out + off, sizeof out - off, "%s%s/%s", i ? " " : "", f.v[i].credential_id,
                                f.v[i].type);
    }
    wrp_findings_free(&f);
    wrp_dcql_free(&q);
    for (size_t i = 0; i < n; i++)
        wrp_dpolicy_free(&ps[i]);
    return out;
}

#define Q_PID "{\"credentials\":[{\"id\":\"pid\",\"format\":\"dc+sd-jwt\",\"meta\":{\"vct_values\":[\"" PID "\"]}," \
              "\"claims\":[{\"path\":[\"given_name\"]}]}]}"
#define RPS(format, type, who)                                                                       \
    "{\"format\":\"" format "\",\"type\":\"" type "\",\"policy\":\"authorized_relying_parties\","     \
    "\"relying_parties\":[\"" who "\"]}"
#define ENT(format, type, e)                                                                         \
    "{\"format\":\"" format "\",\"type\":\"" type "\",\"policy\":\"entitlement\",\"entitlements\":[\"" e "\"]}"

static char *entitlements[] = {"https://uri.etsi.org/19475/Entitlement/Non_Q_EAA_Provider", SP};
static const wrp_chain no_path = {NULL, 0};
static const wrp_dp_party verified = {NULL, LEI, entitlements, 2, &no_path};

static void authorized_relying_parties_names_the_party(void **s)
{
    (void)s;
    const char *allow[] = {RPS("dc+sd-jwt", PID, LEI), NULL};
    assert_string_equal(judge(Q_PID, allow, &verified), "");
    const char *deny[] = {RPS("dc+sd-jwt", PID, "LEIXG-000000000000000000000"), NULL};
    assert_string_equal(judge(Q_PID, deny, &verified), "pid/" PID);
    /* identifiers compare exactly */
    const char *lower[] = {RPS("dc+sd-jwt", PID, "leixg-529900t8bm49aursdo55"), NULL};
    assert_string_equal(judge(Q_PID, lower, &verified), "pid/" PID);
}

static void entitlement_needs_one_of_the_party(void **s)
{
    (void)s;
    const char *allow[] = {ENT("dc+sd-jwt", PID, SP), NULL};
    assert_string_equal(judge(Q_PID, allow, &verified), "");
    const char *deny[] = {ENT("dc+sd-jwt", PID, "https://uri.etsi.org/19475/Entitlement/PID_Provider"), NULL};
    assert_string_equal(judge(Q_PID, deny, &verified), "pid/" PID);
    const char *oid[] = {ENT("dc+sd-jwt", PID, "0.4.0.19475.1.1"), NULL};
    assert_string_equal(judge(Q_PID, oid, &verified), "pid/" PID);
}

static void an_unverified_party_is_authorized_by_no_policy(void **s)
{
    (void)s;
    wrp_dp_party rp = {"the registration certificate is not verified", NULL, NULL, 0, NULL};
    const char *p[] = {RPS("dc+sd-jwt", PID, LEI), ENT("dc+sd-jwt", PID, SP),
                       "{\"format\":\"dc+sd-jwt\",\"type\":\"" PID "\",\"policy\":\"root_of_trust\","
                       "\"roots\":[\"" ROOT_0_31 "\"]}",
                       NULL};
    assert_string_equal(judge(Q_PID, p, &rp), "pid/" PID " pid/" PID " pid/" PID);
    /* no policy for what is asked: nothing to authorize */
    const char *other[] = {RPS("dc+sd-jwt", "urn:example:loyalty:1", LEI), NULL};
    assert_string_equal(judge(Q_PID, other, &rp), "");
}

static void a_policy_applies_to_its_format_and_type_only(void **s)
{
    (void)s;
    const char *other_type[] = {RPS("dc+sd-jwt", "urn:example:loyalty:1", "nobody"), NULL};
    assert_string_equal(judge(Q_PID, other_type, &verified), "");
    const char *other_format[] = {RPS("mso_mdoc", PID, "nobody"), NULL};
    assert_string_equal(judge(Q_PID, other_format, &verified), "");
    /* vc+sd-jwt, the format's name before OpenID4VP 1.0, is the same format */
    const char *old_name[] = {RPS("vc+sd-jwt", PID, "nobody"), NULL};
    assert_string_equal(judge(Q_PID, old_name, &verified), "pid/" PID);
    const char *q_old =
        "{\"credentials\":[{\"id\":\"p\",\"format\":\"vc+sd-jwt\",\"meta\":{\"vct_values\":[\"" PID "\"]}}]}";
    const char *new_name[] = {RPS("dc+sd-jwt", PID, "nobody"), NULL};
    assert_string_equal(judge(q_old, new_name, &verified), "p/" PID);
    /* each type of a query on its own */
    const char *q_two = "{\"credentials\":[{\"id\":\"p\",\"format\":\"dc+sd-jwt\",\"meta\":{\"vct_values\":"
                        "[\"" PID "\",\"urn:example:loyalty:1\"]}},{\"id\":\"m\",\"format\":\"mso_mdoc\","
                        "\"meta\":{\"doctype_value\":\"org.iso.18013.5.1.mDL\"}}]}";
    const char *loyalty[] = {RPS("dc+sd-jwt", "urn:example:loyalty:1", "nobody"), NULL};
    assert_string_equal(judge(q_two, loyalty, &verified), "p/urn:example:loyalty:1");
    const char *mdl[] = {RPS("mso_mdoc", "org.iso.18013.5.1.mDL", "nobody"), NULL};
    assert_string_equal(judge(q_two, mdl, &verified), "m/org.iso.18013.5.1.mDL");
}

static void a_type_set_applies_to_each_set_within_it(void **s)
{
    (void)s;
    const char *q = "{\"credentials\":[{\"id\":\"d\",\"format\":\"jwt_vc_json\",\"meta\":{\"type_values\":"
                    "[[\"Degree\"],[\"VerifiableCredential\",\"Degree\"],[\"Degree\",\"Other\"]]}}]}";
    const char *p[] = {"{\"format\":\"jwt_vc_json\",\"type\":[\"VerifiableCredential\",\"Degree\"],"
                       "\"policy\":\"authorized_relying_parties\",\"relying_parties\":[\"nobody\"]}",
                       NULL};
    assert_string_equal(judge(q, p, &verified),
                        "d/[\"Degree\"] d/[\"Degree\",\"VerifiableCredential\"]");
    const char *ldp[] = {"{\"format\":\"ldp_vc\",\"type\":[\"VerifiableCredential\",\"Degree\"],"
                         "\"policy\":\"authorized_relying_parties\",\"relying_parties\":[\"nobody\"]}",
                         NULL};
    assert_string_equal(judge(q, ldp, &verified), "");
}

static void every_policy_of_a_type_must_authorize(void **s)
{
    (void)s;
    const char *both[] = {RPS("dc+sd-jwt", PID, LEI), ENT("dc+sd-jwt", PID, SP), NULL};
    assert_string_equal(judge(Q_PID, both, &verified), "");
    const char *one_denies[] = {RPS("dc+sd-jwt", PID, LEI), ENT("dc+sd-jwt", PID, "urn:other"), NULL};
    assert_string_equal(judge(Q_PID, one_denies, &verified), "pid/" PID);
}

/* A chain file read into a wrp_chain. */
static wrp_chain chain_of(const char *path)
{
    size_t len = 0;
    uint8_t *data = tu_read_file(path, &len);
    assert_non_null(data);
    wrp_chain c;
    assert_int_equal(wrp_chain_parse(data, len, &c, NULL), WRP_OK);
    free(data);
    return c;
}

static void digest_text(X509 *cert, char *out, size_t cap)
{
    uint8_t d[32];
    assert_int_equal(wrp_cert_sha256(cert, d), WRP_OK);
    char *b = NULL;
    assert_int_equal(wrp_b64url_encode(d, sizeof d, &b), WRP_OK);
    snprintf(out, cap, "%s", b);
    free(b);
}

static const char *root_policy(char *buf, size_t cap, const char *digest)
{
    snprintf(buf, cap,
             "{\"format\":\"dc+sd-jwt\",\"type\":\"" PID "\",\"policy\":\"root_of_trust\",\"roots\":[\"%s\"]}",
             digest);
    return buf;
}

static void root_of_trust_names_a_certificate_of_the_path(void **s)
{
    (void)s;
    wrp_chain path = chain_of("testvectors/chain/leaf-int-root.pem");
    assert_int_equal(path.n, 3);
    wrp_dp_party rp = verified;
    rp.path = &path;
    char digest[64], policy[256];
    for (size_t i = 0; i < path.n; i++) {
        digest_text(path.certs[i], digest, sizeof digest);
        const char *p[] = {root_policy(policy, sizeof policy, digest), NULL};
        assert_string_equal(judge(Q_PID, p, &rp), "");
    }
    wrp_chain other = chain_of("testvectors/pki/other-root.pem");
    digest_text(other.certs[0], digest, sizeof digest);
    const char *p[] = {root_policy(policy, sizeof policy, digest), NULL};
    assert_string_equal(judge(Q_PID, p, &rp), "pid/" PID);
    /* a path that ends before the root does not reach it */
    path.n = 2;
    digest_text(path.certs[2], digest, sizeof digest);
    const char *root[] = {root_policy(policy, sizeof policy, digest), NULL};
    assert_string_equal(judge(Q_PID, root, &rp), "pid/" PID);
    path.n = 3;
    wrp_chain_free(&other);
    wrp_chain_free(&path);
}

/* ---------------------------------------------------------------------------------------------
 * The party as the stages verified it */

static void the_party_is_verified_only_when_every_stage_is(void **s)
{
    (void)s;
    wrp_ac_result ac = {0};
    ac.trusted = true;
    wrp_rc_result rc = {0};
    rc.parsed = rc.authentic = true;
    rc.rc.sub = (char *)LEI;
    rc.rc.entitlements = entitlements;
    rc.rc.n_entitlements = 2;
    wrp_findings f = {0};
    wrp_dp_party rp;
    wrp_dp_party_read(true, &ac, &rc, &f, &rp);
    assert_null(rp.unverified);
    assert_string_equal(rp.identifier, LEI);
    assert_int_equal(rp.n_entitlements, 2);
    assert_ptr_equal(rp.path, &ac.path);

    wrp_dp_party_read(false, &ac, &rc, &f, &rp);
    assert_non_null(rp.unverified);
    assert_null(rp.identifier);
    assert_null(rp.path);
    wrp_dp_party_read(true, NULL, &rc, &f, &rp);
    assert_non_null(rp.unverified);
    ac.trusted = false;
    wrp_dp_party_read(true, &ac, &rc, &f, &rp);
    assert_non_null(rp.unverified);
    ac.trusted = true;
    rc.authentic = false;
    wrp_dp_party_read(true, &ac, &rc, &f, &rp);
    assert_non_null(rp.unverified);
    rc.authentic = true;
    rc.rc.sub = NULL;
    wrp_dp_party_read(true, &ac, &rc, &f, &rp);
    assert_non_null(rp.unverified);
    rc.rc.sub = (char *)LEI;

    /* an error about either certificate (revoked, expired, bound to another party...) */
    const wrp_code errors[] = {WRP_CODE_AC_REVOKED, WRP_CODE_AC_REVOCATION_UNKNOWN, WRP_CODE_RC_EXPIRED,
                               WRP_CODE_RC_REVOKED, WRP_CODE_RC_SUBJECT_MISMATCH, WRP_CODE_RC_STATUS_UNKNOWN};
    for (size_t i = 0; i < sizeof errors / sizeof errors[0]; i++) {
        wrp_findings g = {0};
        assert_non_null(wrp_findings_add(&g, errors[i], "x"));
        wrp_dp_party_read(true, &ac, &rc, &g, &rp);
        assert_non_null(rp.unverified);
        wrp_findings_free(&g);
    }
    /* findings about other things, or warnings, leave it verified */
    wrp_findings g = {0};
    assert_non_null(wrp_findings_add(&g, WRP_CODE_OVERASK, "x"));
    assert_non_null(wrp_findings_add(&g, WRP_CODE_REVOCATION_SKIPPED, "x"));
    wrp_dp_party_read(true, &ac, &rc, &g, &rp);
    assert_null(rp.unverified);
    wrp_findings_free(&g);
}

/* ---------------------------------------------------------------------------------------------
 * The validated path */

static void the_validated_path_runs_from_the_leaf_to_its_anchor(void **s)
{
    (void)s;
    wrp_chain chain = chain_of("testvectors/chain/leaf-int.pem");
    struct {
        const char *anchors;
        size_t n;
    } cases[] = {
        {"testvectors/pki/ac-root.pem", 3},
        {"testvectors/pki/ac-int.pem", 2},
        {"testvectors/pki/ac-leaf.pem", 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        wrp_chain a = chain_of(cases[i].anchors);
        wrp_anchors *anchors = wrp_anchors_new();
        assert_non_null(anchors);
        assert_int_equal(wrp_anchors_add_cert(anchors, a.certs[0]), WRP_OK);
        wrp_chain path;
        assert_int_equal(wrp_chain_verify_path(anchors, &chain, T_2027, &path, NULL), WRP_CHAIN_OK);
        assert_int_equal(path.n, cases[i].n);
        assert_int_equal(X509_cmp(path.certs[0], chain.certs[0]), 0);
        assert_int_equal(X509_cmp(path.certs[path.n - 1], a.certs[0]), 0);
        wrp_chain_free(&path);
        /* at a time the chain is not valid: no path */
        path.n = 99;
        assert_int_equal(wrp_chain_verify_path(anchors, &chain, INT64_C(1577836800), &path, NULL),
                         WRP_CHAIN_NOT_YET_VALID);
        assert_int_equal(path.n, 0);
        assert_null(path.certs);
        wrp_anchors_free(anchors);
        wrp_chain_free(&a);
    }
    wrp_chain_free(&chain);
}

/* ---------------------------------------------------------------------------------------------
 * The request API */

static void the_request_refuses_a_bad_policy_and_says_why(void **s)
{
    (void)s;
    wrp_request *rq = wrp_request_new();
    assert_non_null(rq);
    assert_string_equal(wrp_request_last_error(rq), "");
    const char *bad = "{\"format\":\"dc+sd-jwt\",\"type\":\"" PID "\",\"policy\":\"entitlement\"}";
    assert_int_equal(wrp_request_add_disclosure_policy(rq, (const uint8_t *)bad, strlen(bad)), WRP_ERR_MALFORMED);
    assert_non_null(strstr(wrp_request_last_error(rq), "entitlements"));
    const char *good = RPS("dc+sd-jwt", PID, LEI);
    assert_int_equal(wrp_request_add_disclosure_policy(rq, (const uint8_t *)good, strlen(good)), WRP_OK);
    assert_string_equal(wrp_request_last_error(rq), "");
    assert_int_equal(wrp_request_add_disclosure_policy(NULL, (const uint8_t *)good, strlen(good)), WRP_ERR_ARG);
    assert_int_equal(wrp_request_add_disclosure_policy(rq, NULL, 3), WRP_ERR_ARG);
    assert_int_equal(wrp_request_add_disclosure_policy(rq, NULL, 0), WRP_ERR_MALFORMED);
    assert_string_equal(wrp_request_last_error(NULL), "");
    for (unsigned i = 1; i < WRP_MAX_DISCLOSURE_POLICIES; i++)
        assert_int_equal(wrp_request_add_disclosure_policy(rq, (const uint8_t *)good, strlen(good)), WRP_OK);
    assert_int_equal(wrp_request_add_disclosure_policy(rq, (const uint8_t *)good, strlen(good)), WRP_ERR_LIMIT);
    assert_true(wrp_request_last_error(rq)[0] != 0);
    wrp_request_free(rq);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(authorized_relying_parties_is_read),
        cmocka_unit_test(root_of_trust_is_read_as_digests),
        cmocka_unit_test(entitlement_is_read),
        cmocka_unit_test(type_values_are_a_set),
        cmocka_unit_test(format_type_and_policy_are_required),
        cmocka_unit_test(the_named_list_is_required_and_not_empty),
        cmocka_unit_test(every_list_has_its_shape),
        cmocka_unit_test(a_policy_is_one_json_object),
        cmocka_unit_test(a_list_is_bounded),
        cmocka_unit_test(ts_119_472_3_drafts_are_refused),
        cmocka_unit_test(authorized_relying_parties_names_the_party),
        cmocka_unit_test(entitlement_needs_one_of_the_party),
        cmocka_unit_test(an_unverified_party_is_authorized_by_no_policy),
        cmocka_unit_test(a_policy_applies_to_its_format_and_type_only),
        cmocka_unit_test(a_type_set_applies_to_each_set_within_it),
        cmocka_unit_test(every_policy_of_a_type_must_authorize),
        cmocka_unit_test(root_of_trust_names_a_certificate_of_the_path),
        cmocka_unit_test(the_party_is_verified_only_when_every_stage_is),
        cmocka_unit_test(the_validated_path_runs_from_the_leaf_to_its_anchor),
        cmocka_unit_test(the_request_refuses_a_bad_policy_and_says_why),
    };
    return cmocka_run_group_tests_name("disclosure", tests, NULL, NULL);
}
