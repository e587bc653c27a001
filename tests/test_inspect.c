/* wrpcheck inspect as users run it, and wrp_inspect_ex: what each artefact shows, the artefacts
 * inside others, certificates, status lists at an index, dates, text and JSON, and the exit
 * statuses of input that no parser reads. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <cmocka.h>

#include <cJSON.h>

#include "support/testutil.h"
#include "wrpcheck.h"

#define REQ "testvectors/e2e/req/"
#define IV "testvectors/inspect/"
#define CAP (4u << 20)

static char *out;

/* Runs the CLI with args (a shell command line after `wrpcheck`), keeping what `streams`
 * redirects; returns the exit status, the kept output in out. */
static int run_with(const char *args, const char *streams)
{
    const char *build = getenv("WRP_BUILD");
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "%s/wrpcheck %s %s", build ? build : "build", args, streams);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    size_t n = fread(out, 1, CAP - 1, p);
    out[n] = 0;
    int st = pclose(p);
    assert_true(WIFEXITED(st));
    return WEXITSTATUS(st);
}

/* Standard output only, or standard error only. */
static int run(const char *args)
{
    return run_with(args, "2>/dev/null");
}

static int run_stderr(const char *args)
{
    return run_with(args, "2>&1 >/dev/null");
}

/* `wrpcheck inspect --format json ARGS`, which must exit with want; the parsed output. */
static cJSON *inspect_json(const char *args, int want)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "inspect --format json %s", args);
    assert_int_equal(run(cmd), want);
    cJSON *r = cJSON_Parse(out);
    assert_non_null(r);
    return r;
}

/* The member at a path of names and [index] steps, such as "embedded[0].value.kind"; NULL when
 * there is none. */
static const cJSON *at(const cJSON *o, const char *path)
{
    char step[128];
    const char *p = path;
    while (o != NULL && *p != 0) {
        size_t n = strcspn(p, ".[");
        if (n > 0) {
            assert_true(n < sizeof step);
            memcpy(step, p, n);
            step[n] = 0;
            o = cJSON_GetObjectItemCaseSensitive(o, step);
            p += n;
        }
        if (*p == '[') {
            char *end = NULL;
            long i = strtol(p + 1, &end, 10);
            assert_true(end != NULL && *end == ']');
            o = cJSON_GetArrayItem(o, (int)i);
            p = end + 1;
        }
        if (*p == '.')
            p++;
    }
    return o;
}

static const char *str_at(const cJSON *o, const char *path)
{
    const cJSON *v = at(o, path);
    if (!cJSON_IsString(v))
        fail_msg("no string at %s", path);
    return v->valuestring;
}

static double num_at(const cJSON *o, const char *path)
{
    const cJSON *v = at(o, path);
    if (!cJSON_IsNumber(v))
        fail_msg("no number at %s", path);
    return v->valuedouble;
}

static int has_line(const char *text, const char *line)
{
    size_t n = strlen(line);
    for (const char *p = text; p != NULL && *p != 0; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
        if (strncmp(p, line, n) == 0 && (p[n] == '\n' || p[n] == 0))
            return 1;
    return 0;
}

/* Text by default: an indented outline, dates beside the numbers, the certificate inside the
 * request decoded under `embedded`. */
static void text_is_the_default_outline(void **s)
{
    (void)s;
    assert_int_equal(run("inspect " REQ "allow-basic.jwt"), 0);
    assert_true(strncmp(out, "kind: jws\nartefact: OpenID4VP Request Object\nheader:\n  alg: ES256\n", 66) == 0);
    assert_true(has_line(out, "  client_id: x509_san_dns:rp.example.com"));
    assert_true(has_line(out, "          vct_values: [\"urn:eudi:pid:1\"]"));
    assert_true(has_line(out, "signature_bytes: 64"));
    assert_true(has_line(out, "  - at: payload.verifier_info[0].data"));
    assert_true(has_line(out, "    what: registration certificate"));
    assert_true(has_line(out, "        iat: 1796169600 (2026-12-02T00:00:00Z)"));
    assert_true(has_line(out, "        exp: 1824681600 (2027-10-28T00:00:00Z)"));
    assert_true(has_line(out, "              - path: [\"nationalities\", null]"));
    /* a long base64 string is cut to its start and its length */
    assert_non_null(strstr(out, "      data: eyJhbGciOiJFUzI1NiIsInR5cCI6InJjLXdycCtqd3QiLCJ4NWMiOlsiTUlJQjdE... (3985 bytes)\n"));
    assert_int_equal(run("inspect --format text " REQ "allow-basic.jwt"), 0);
    assert_true(strncmp(out, "kind: jws\n", 10) == 0);
    assert_int_equal(run("inspect --format=json " REQ "allow-basic.jwt"), 0);
    cJSON *r = cJSON_Parse(out);
    assert_non_null(r);
    assert_string_equal(str_at(r, "kind"), "jws");
    cJSON_Delete(r);
}

/* JSON keeps the decoded parts: a CWT's payload claims and x5chain, a JWS read from stdin. */
static void json_keeps_the_decoded_parts(void **s)
{
    (void)s;
    cJSON *r = inspect_json("testvectors/rc/valid.cwt", 0);
    assert_string_equal(str_at(r, "cose_sign1.payload.value.sub"), "LEIXG-529900T8BM49AURSDO55");
    assert_int_equal(cJSON_GetArraySize(at(r, "cose_sign1.x5chain")), 1);
    assert_string_equal(str_at(r, "artefact"), "registration certificate (ETSI TS 119 475)");
    cJSON_Delete(r);
    r = inspect_json("- < testvectors/o4vp/valid-san-dns.jwt", 0);
    assert_string_equal(str_at(r, "kind"), "jws");
    assert_string_equal(str_at(r, "header.typ"), "oauth-authz-req+jwt");
    cJSON_Delete(r);
}

/* The registration certificate of verifier_info is decoded, as a compact JWS string or as
 * base64url of the serialized certificate (JWS text or CWT bytes). */
static void registration_certificate_in_verifier_info(void **s)
{
    (void)s;
    cJSON *r = inspect_json(REQ "allow-basic.jwt", 0);
    assert_string_equal(str_at(r, "embedded[0].at"), "payload.verifier_info[0].data");
    assert_string_equal(str_at(r, "embedded[0].what"), "registration certificate");
    assert_string_equal(str_at(r, "embedded[0].value.kind"), "jws");
    assert_string_equal(str_at(r, "embedded[0].value.header.typ"), "rc-wrp+jwt");
    assert_string_equal(str_at(r, "embedded[0].value.payload.sub"), "LEIXG-529900T8BM49AURSDO55");
    assert_string_equal(str_at(r, "embedded[0].value.payload.purpose[0].value"), "Checking that the buyer is of age");
    assert_string_equal(str_at(r, "embedded[0].value.x5c[0].subject"),
                        "C=NL,O=wrpcheck test vectors,CN=Test WRPRC Signer");
    assert_string_equal(str_at(r, "embedded[0].value.times.iat"), "2026-12-02T00:00:00Z");
    cJSON_Delete(r);
    r = inspect_json(REQ "allow-rc-cwt-base64url.jwt", 0);
    assert_string_equal(str_at(r, "embedded[0].value.kind"), "cbor");
    assert_string_equal(str_at(r, "embedded[0].value.cose_sign1.payload.value.sub"), "LEIXG-529900T8BM49AURSDO55");
    assert_int_equal(cJSON_GetArraySize(at(r, "embedded[0].value.cose_sign1.x5chain")), 1);
    cJSON_Delete(r);
    r = inspect_json(REQ "allow-rc-jwt-base64url.jwt", 0);
    assert_string_equal(str_at(r, "embedded[0].value.kind"), "jws");
    assert_string_equal(str_at(r, "embedded[0].value.payload.intended_use_id"), "iu-age-check-001");
    cJSON_Delete(r);
    /* the DC API envelope: the request, and the certificate inside it */
    r = inspect_json(REQ "allow-dc-api-envelope.json", 0);
    assert_string_equal(str_at(r, "request.kind"), "jws");
    assert_string_equal(str_at(r, "request.embedded[0].value.payload.sub"), "LEIXG-529900T8BM49AURSDO55");
    cJSON_Delete(r);
}

/* transaction_data entries: base64url JSON, decoded; an entry that is not base64url says so. */
static void transaction_data_is_decoded(void **s)
{
    (void)s;
    cJSON *r = inspect_json(REQ "tx-data-type-handled.jwt", 0);
    assert_string_equal(str_at(r, "embedded[1].at"), "payload.transaction_data[0]");
    assert_string_equal(str_at(r, "embedded[1].what"), "transaction data");
    assert_string_equal(str_at(r, "embedded[1].value.type"), "urn:wrpcheck:e2e:payment");
    assert_string_equal(str_at(r, "embedded[1].value.credential_ids[0]"), "pid");
    cJSON_Delete(r);
    r = inspect_json(REQ "tx-data-not-base64url.jwt", 0);
    assert_string_equal(str_at(r, "embedded[1].value.kind"), "unreadable");
    assert_non_null(strstr(str_at(r, "embedded[1].value.error"), "not base64url"));
    cJSON_Delete(r);
}

/* A DeviceRequest: euWrprc decoded beside its ItemsRequest, the reader's x5chain (COSE label 33)
 * decoded in readerAuth. */
static void device_request_certificate_and_reader_chain(void **s)
{
    (void)s;
    cJSON *r = inspect_json(REQ "mdoc-allow.cbor", 0);
    assert_string_equal(str_at(r, "artefact"), "ISO/IEC 18013-5 DeviceRequest");
    const cJSON *items = at(r, "value.docRequests[0].itemsRequest.embedded");
    assert_string_equal(str_at(items, "value.docType"), "eu.europa.ec.eudi.pid.1");
    assert_string_equal(str_at(items, "request_info.registration_certificate.kind"), "jws");
    assert_string_equal(str_at(items, "request_info.registration_certificate.payload.sub"),
                        "LEIXG-529900T8BM49AURSDO55");
    const cJSON *auth = at(r, "value.docRequests[0].readerAuth.cose_sign1");
    assert_true(cJSON_IsNull(at(auth, "payload")));
    assert_int_equal(num_at(auth, "signature_bytes"), 64);
    assert_int_equal(cJSON_GetArraySize(at(auth, "x5chain")), 2);
    assert_string_equal(str_at(auth, "x5chain[0].organization_identifier"), "LEIXG-529900T8BM49AURSDO55");
    assert_string_equal(str_at(auth, "x5chain[0].subject_alt_names[0]"), "DNS:rp.example.com");
    assert_string_equal(str_at(auth, "x5chain[0].not_before"), "2026-01-01T00:00:00Z");
    assert_string_equal(str_at(auth, "x5chain[1].key_usage[0]"), "keyCertSign");
    cJSON_Delete(r);
    r = inspect_json(REQ "mdoc-rc-cwt.cbor", 0);
    items = at(r, "value.docRequests[0].itemsRequest.embedded");
    assert_string_equal(str_at(items, "request_info.registration_certificate.kind"), "cbor");
    assert_string_equal(str_at(items, "request_info.registration_certificate.artefact"),
                        "registration certificate (ETSI TS 119 475)");
    cJSON_Delete(r);
    /* the text outline shows the reader chain too */
    assert_int_equal(run("inspect " REQ "mdoc-allow.cbor"), 0);
    assert_true(has_line(out, "      readerAuth:"));
    assert_true(has_line(out, "          x5chain:"));
    assert_true(has_line(out, "              subject_alt_names: [\"DNS:rp.example.com\"]"));
}

/* An ItemsRequest shows its registrar dataset (a byte string's JSON decoded) and the requestInfo
 * keys a judgement does not read: a key that differs from euWrprc in letter case only is named as
 * not read as the certificate, in JSON and in text. */
static void request_info_names_ignored_keys(void **s)
{
    (void)s;
    cJSON *r = inspect_json(REQ "registrar-mdoc-misspelt-certificate-key-with-dataset.cbor", 0);
    const cJSON *info = at(r, "value.docRequests[0].itemsRequest.embedded.request_info");
    assert_string_equal(str_at(info, "registrar_dataset.intendedUseIdentifier"), "iu-age-check-001");
    assert_null(at(info, "registration_certificate"));
    assert_int_equal(cJSON_GetArraySize(at(info, "ignored_keys")), 2);
    assert_string_equal(str_at(info, "ignored_keys[0].key"), "eUWrprc");
    assert_string_equal(str_at(info, "ignored_keys[0].not_read_as"), "euWrprc");
    cJSON_Delete(r);
    assert_int_equal(run("inspect " REQ "registrar-mdoc-misspelt-certificate-key.cbor"), 0);
    assert_true(has_line(out, "            ignored_keys:"));
    assert_true(has_line(out, "              - key: eUWrprc"));
    assert_true(has_line(out, "                not_read_as: euWrprc"));
    r = inspect_json(REQ "registrar-mdoc-bstr-json-agrees.cbor", 0);
    info = at(r, "value.docRequests[0].itemsRequest.embedded.request_info");
    assert_string_equal(str_at(info, "registrar_dataset.registryURI"),
                        "https://register.example.nl/wrp/LEIXG-529900T8BM49AURSDO55");
    assert_null(at(info, "ignored_keys"));
    cJSON_Delete(r);
}

/* Certificates: serial, key type and size, key usage, extended key usage, every SAN type,
 * policies, names and fingerprints; PEM or DER. */
static void certificate_fields(void **s)
{
    (void)s;
    cJSON *r = inspect_json(IV "every-name.pem", 0);
    const cJSON *c = at(r, "certificates[0]");
    assert_string_equal(str_at(r, "kind"), "certificates");
    assert_string_equal(str_at(c, "serial"), "1a2b3c");
    assert_string_equal(str_at(c, "subject"),
                        "CN=Every name,organizationIdentifier=LEIXG-529900T8BM49AURSDO55,O=wrpcheck inspect vectors,C=NL");
    assert_string_equal(str_at(c, "public_key.type"), "Ed25519");
    assert_int_equal(num_at(c, "public_key.bits"), 256);
    static const char *const sans[] = {
        "DNS:rp.example.com", "URI:https://rp.example.com/wallet", "email:privacy@rp.example.com",
        "IP:192.0.2.7",       "IP:2001:db8::7",                   "dirName:CN=Directory entry",
        "RID:1.2.3.4",
    };
    const cJSON *a = at(c, "subject_alt_names");
    assert_int_equal(cJSON_GetArraySize(a), 7);
    for (int i = 0; i < 7; i++)
        assert_string_equal(cJSON_GetArrayItem(a, i)->valuestring, sans[i]);
    assert_int_equal(cJSON_GetArraySize(at(c, "key_usage")), 2);
    assert_string_equal(str_at(c, "key_usage[1]"), "nonRepudiation");
    assert_string_equal(str_at(c, "extended_key_usage[0]"), "serverAuth (1.3.6.1.5.5.7.3.1)");
    assert_string_equal(str_at(c, "extended_key_usage[1]"), "mdlReaderAuth (1.0.18013.5.1.6)");
    assert_string_equal(str_at(c, "policies[0]"), "0.4.0.194118.1.2");
    assert_string_equal(str_at(c, "not_after"), "2030-01-01T00:00:00Z");
    assert_int_equal(strlen(str_at(c, "sha256")), 64);
    assert_int_equal(strlen(str_at(c, "sha256_base64url")), 43);
    cJSON_Delete(r);
    r = inspect_json("testvectors/pki/ac-leaf.der", 0);
    c = at(r, "certificates[0]");
    assert_string_equal(str_at(c, "public_key.type"), "EC");
    assert_string_equal(str_at(c, "public_key.curve"), "P-256");
    assert_string_equal(str_at(c, "serial"), "3001");
    assert_string_equal(str_at(c, "crl_distribution_points[0]"), "http://crl.wrpcheck.example/ac-int.crl");
    cJSON_Delete(r);
    r = inspect_json("testvectors/crl/current.der", 0);
    assert_string_equal(str_at(r, "kind"), "crls");
    assert_string_equal(str_at(r, "crls[0].this_update"), "2026-12-15T00:00:00Z");
    cJSON_Delete(r);
}

/* A status list token (JWT or CWT): its size, bits, what it holds, and with --index the status
 * there (gen_rc.py: 5 INVALID, 7 SUSPENDED, 9 the value 3, the rest VALID, 1,024 entries). */
static void status_list_at_index(void **s)
{
    (void)s;
    static const char *const tokens[] = {"testvectors/rc/sl-valid.jwt", "testvectors/rc/sl-valid.cwt"};
    static const struct {
        const char *index;
        int status;
        const char *meaning;
    } cases[] = {{"5", 1, "INVALID"}, {"7", 2, "SUSPENDED"}, {"3", 0, "VALID"}, {"1023", 0, "VALID"}};
    char args[256];
    for (size_t t = 0; t < 2; t++) {
        for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
            snprintf(args, sizeof args, "--index %s %s", cases[i].index, tokens[t]);
            cJSON *r = inspect_json(args, 0);
            assert_string_equal(str_at(r, "artefact"), "status list token");
            assert_int_equal(num_at(r, "status_list.entries"), 1024);
            assert_int_equal(num_at(r, "status_list.bits"), 2);
            assert_string_equal(str_at(r, "status_list.uri"), "https://rc-provider.example/statuslists/1");
            assert_int_equal(num_at(r, "status_list.at_index.index"), atoi(cases[i].index));
            assert_int_equal(num_at(r, "status_list.at_index.status"), cases[i].status);
            assert_string_equal(str_at(r, "status_list.at_index.meaning"), cases[i].meaning);
            assert_int_equal(num_at(r, "status_list.not_valid[0].index"), 5);
            assert_int_equal(num_at(r, "status_list.counts[0].entries"), 1021);
            cJSON_Delete(r);
        }
        snprintf(args, sizeof args, "--index 1024 %s", tokens[t]);
        cJSON *r = inspect_json(args, 2);
        assert_non_null(strstr(str_at(r, "status_list.at_index.error"), "outside the list of 1024 entries"));
        cJSON_Delete(r);
    }
    assert_int_equal(run("inspect --index 5 testvectors/rc/sl-valid.jwt"), 0);
    assert_true(has_line(out, "  at_index:"));
    assert_true(has_line(out, "    status: 1"));
    assert_true(has_line(out, "    meaning: INVALID"));
    /* the status list of the IETF draft, as hex text */
    cJSON *r = inspect_json("--index 3 testvectors/interop/status-list/draft-ietf-oauth-status-list/status_list_token_cwt.hex", 0);
    assert_int_equal(num_at(r, "decoded.status_list.entries"), 16);
    assert_int_equal(num_at(r, "decoded.status_list.at_index.status"), 1);
    cJSON_Delete(r);
    /* an index asked of what holds no status list */
    r = inspect_json("--index 3 " REQ "allow-basic.jwt", 2);
    assert_string_equal(str_at(r, "status_at_index.error"), "the input holds no status list token");
    cJSON_Delete(r);
    assert_int_equal(run_stderr("inspect --index 3 " REQ "allow-basic.jwt"), 2);
    assert_non_null(strstr(out, "has no status at index 3"));
}

/* At most WRP_MAX_INSPECT_STATUS_LISTS (4) lists of one input are inflated; a fifth is shown
 * without its entries. */
static void status_lists_read_are_bounded(void **s)
{
    (void)s;
    cJSON *r = inspect_json("--index 5 " IV "many-status-lists.json", 0);
    for (int i = 0; i < 4; i++) {
        char path[64];
        snprintf(path, sizeof path, "embedded[%d].value.status_list.at_index.meaning", i);
        assert_string_equal(str_at(r, path), "INVALID");
    }
    assert_string_equal(str_at(r, "embedded[4].value.status_list.uri"), "https://rc-provider.example/statuslists/1");
    assert_null(at(r, "embedded[4].value.status_list.entries"));
    assert_null(at(r, "embedded[4].value.status_list.at_index"));
    assert_non_null(strstr(str_at(r, "embedded[4].value.status_list.error"), "more status lists than inspect reads"));
    cJSON_Delete(r);
}

/* Dates in RFC 3339 beside the numbers: iat and exp of a JWT and a CWT (keys 6 and 4), a status
 * list's time of use, certificate validity. */
static void dates_in_rfc3339(void **s)
{
    (void)s;
    cJSON *r = inspect_json("testvectors/rc/sl-valid.jwt", 0);
    assert_int_equal(num_at(r, "payload.iat"), 1798675200);
    assert_string_equal(str_at(r, "times.iat"), "2026-12-31T00:00:00Z");
    assert_string_equal(str_at(r, "times.exp"), "2027-01-31T00:00:00Z");
    assert_string_equal(str_at(r, "status_list.use_until"), "2027-01-31T00:00:00Z");
    assert_int_equal(num_at(r, "status_list.ttl"), 43200);
    assert_string_equal(str_at(r, "x5c[0].not_before"), "2026-01-01T00:00:00Z");
    cJSON_Delete(r);
    r = inspect_json("testvectors/rc/sl-valid.cwt", 0);
    assert_string_equal(str_at(r, "cose_sign1.times.6"), "2026-12-31T00:00:00Z");
    assert_string_equal(str_at(r, "cose_sign1.times.4"), "2027-01-31T00:00:00Z");
    cJSON_Delete(r);
    assert_int_equal(run("inspect testvectors/rc/sl-valid.cwt"), 0);
    assert_true(has_line(out, "      6: 1798675200 (2026-12-31T00:00:00Z)"));
    assert_true(has_line(out, "      4: 1801353600 (2027-01-31T00:00:00Z)"));
    assert_int_equal(run("inspect testvectors/rc/sl-valid.jwt"), 0);
    assert_true(has_line(out, "  iat: 1798675200 (2026-12-31T00:00:00Z)"));
    /* the times are not shown as a block of their own in text */
    assert_null(strstr(out, "times:"));
}

/* Input that no parser reads: exit 2, what it looks like (wrp_sniff) and why, on stdout and
 * stderr. */
static void unreadable_input_exits_2(void **s)
{
    (void)s;
    assert_int_equal(run("inspect " REQ "request-malformed-not-a-request.txt"), 2);
    assert_true(has_line(out, "kind: unreadable"));
    assert_true(has_line(out, "looks_like: plain text"));
    assert_int_equal(run_stderr("inspect " REQ "request-malformed-not-a-request.txt"), 2);
    assert_non_null(strstr(out, "cannot be decoded: it looks like plain text"));
    cJSON *r = inspect_json("testvectors/cbor/truncated-map.cbor", 2);
    assert_string_equal(str_at(r, "kind"), "unreadable");
    assert_string_equal(str_at(r, "looks_like"), "binary data (CBOR or DER)");
    assert_non_null(strstr(str_at(r, "error"), "CBOR: map count exceeds"));
    cJSON_Delete(r);
    r = inspect_json("testvectors/register/malformed-empty.txt", 2);
    assert_string_equal(str_at(r, "error"), "the input is empty");
    cJSON_Delete(r);
    r = inspect_json("testvectors/jws/header-bom.jwt", 2);
    assert_string_equal(str_at(r, "looks_like"), "a compact JWS");
    cJSON_Delete(r);
    assert_int_equal(run_stderr("inspect /nonexistent"), 2);
    assert_non_null(strstr(out, "cannot read /nonexistent: No such file or directory"));
}

/* A JWT cut short is named as what it looks like (text) and why it is no compact JWS, never as
 * a CBOR problem. */
static void truncated_jwt_is_named_as_such(void **s)
{
    (void)s;
    cJSON *r = inspect_json(IV "truncated-request.jwt", 2);
    assert_string_equal(str_at(r, "looks_like"), "plain text");
    assert_string_equal(str_at(r, "error"),
                        "plain text that begins like a compact JWS but is none: JWS compact form needs three parts");
    assert_null(strstr(out, "CBOR"));
    cJSON_Delete(r);
    assert_int_equal(run("inspect - < " IV "truncated-request.jwt"), 2);
    assert_true(has_line(out, "as_compact_jws: JWS compact form needs three parts"));
    r = inspect_json("testvectors/jws/two-parts.jwt", 2);
    assert_string_equal(str_at(r, "as_compact_jws"), "JWS compact form needs three parts");
    cJSON_Delete(r);
}

/* Text quoted from the input cannot start a line of its own or hide what it is. */
static void text_escapes_the_input(void **s)
{
    (void)s;
    assert_int_equal(run("inspect " IV "text-escapes.json"), 0);
    for (const char *p = out; p != NULL; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
        assert_true(strncmp(p, "verdict:", 8) != 0);
    assert_true(has_line(out, "  client_id: x509_san_dns:rp.example.com\\x0averdict: allow"));
    assert_true(has_line(out, "  nonce: n-\\u202etxt.exe"));
    assert_true(has_line(out, "  state: c1-\\u0085-control"));
    assert_true(has_line(out, "          - path: [\"given_name\\x0averdict: allow\"]"));
    cJSON *r = inspect_json(IV "text-escapes.json", 0);
    assert_string_equal(str_at(r, "value.client_id"), "x509_san_dns:rp.example.com\nverdict: allow");
    cJSON_Delete(r);
}

/* Artefacts inside artefacts are decoded WRP_MAX_INSPECT_DEPTH (6) deep, then only named. */
static void nesting_is_bounded(void **s)
{
    (void)s;
    cJSON *r = inspect_json(IV "nested-hex.txt", 0);
    const cJSON *v = r;
    for (int i = 0; i < 7; i++) {
        assert_string_equal(str_at(v, "kind"), "encoded");
        v = at(v, "decoded");
    }
    assert_string_equal(str_at(v, "kind"), "not_decoded");
    cJSON_Delete(r);
}

static void usage_errors_exit_64(void **s)
{
    (void)s;
    assert_int_equal(run("inspect"), 64);
    assert_int_equal(run("inspect --format yaml " REQ "allow-basic.jwt"), 64);
    assert_int_equal(run_stderr("inspect --format yaml " REQ "allow-basic.jwt"), 64);
    assert_non_null(strstr(out, "--format takes text or json, not 'yaml'"));
    assert_int_equal(run("inspect --index -1 testvectors/rc/sl-valid.jwt"), 64);
    assert_int_equal(run("inspect --index 5x testvectors/rc/sl-valid.jwt"), 64);
    assert_int_equal(run("inspect --index 99999999999999999999 testvectors/rc/sl-valid.jwt"), 64);
    assert_int_equal(run("inspect --index"), 64);
    assert_int_equal(run("inspect --bogus " REQ "allow-basic.jwt"), 64);
    assert_int_equal(run("inspect " REQ "allow-basic.jwt " REQ "mdoc-allow.cbor"), 64);
    assert_int_equal(run("inspect --help"), 0);
    assert_non_null(strstr(out, "--index N"));
    assert_int_equal(run("inspect -h"), 0);
    assert_int_equal(run("inspect --index=5 testvectors/rc/sl-valid.jwt"), 0);
}

/* The library call: the statuses and when *out is written. */
static void inspect_ex_statuses(void **s)
{
    (void)s;
    static const uint8_t garbage[] = "This is not a request";
    char *text = NULL;
    assert_int_equal(wrp_inspect_ex(garbage, sizeof garbage - 1, WRP_INSPECT_TEXT, -1, &text), WRP_ERR_MALFORMED);
    assert_non_null(text);
    assert_non_null(strstr(text, "kind: unreadable\n"));
    wrp_string_free(text);
    text = NULL;
    /* wrp_inspect keeps its contract: unreadable input is not a failure */
    assert_int_equal(wrp_inspect(garbage, sizeof garbage - 1, &text), WRP_OK);
    assert_non_null(strstr(text, "\"unreadable\""));
    wrp_string_free(text);
    size_t len = 0;
    uint8_t *sl = tu_read_file("testvectors/rc/sl-valid.jwt", &len);
    assert_non_null(sl);
    text = NULL;
    assert_int_equal(wrp_inspect_ex(sl, len, WRP_INSPECT_JSON, 9, &text), WRP_OK);
    cJSON *r = cJSON_Parse(text);
    assert_int_equal(num_at(r, "status_list.at_index.status"), 3);
    assert_string_equal(str_at(r, "status_list.at_index.meaning"), "application-specific");
    cJSON_Delete(r);
    wrp_string_free(text);
    text = NULL;
    assert_int_equal(wrp_inspect_ex(sl, len, WRP_INSPECT_JSON, 4096, &text), WRP_ERR_ARG);
    assert_non_null(text);
    wrp_string_free(text);
    text = NULL;
    assert_int_equal(wrp_inspect_ex(sl, len, (wrp_inspect_format)7, -1, &text), WRP_ERR_ARG);
    assert_null(text);
    assert_int_equal(wrp_inspect_ex(sl, len, WRP_INSPECT_JSON, -1, NULL), WRP_ERR_ARG);
    assert_int_equal(wrp_inspect_ex(sl, wrp_max_input_bytes() + 1, WRP_INSPECT_JSON, -1, &text), WRP_ERR_LIMIT);
    assert_null(text);
    free(sl);
}

int main(void)
{
    out = malloc(CAP);
    if (out == NULL)
        return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(text_is_the_default_outline),
        cmocka_unit_test(json_keeps_the_decoded_parts),
        cmocka_unit_test(registration_certificate_in_verifier_info),
        cmocka_unit_test(transaction_data_is_decoded),
        cmocka_unit_test(device_request_certificate_and_reader_chain),
        cmocka_unit_test(request_info_names_ignored_keys),
        cmocka_unit_test(certificate_fields),
        cmocka_unit_test(status_list_at_index),
        cmocka_unit_test(status_lists_read_are_bounded),
        cmocka_unit_test(dates_in_rfc3339),
        cmocka_unit_test(unreadable_input_exits_2),
        cmocka_unit_test(truncated_jwt_is_named_as_such),
        cmocka_unit_test(text_escapes_the_input),
        cmocka_unit_test(nesting_is_bounded),
        cmocka_unit_test(usage_errors_exit_64),
        cmocka_unit_test(inspect_ex_statuses),
    };
    int rc = cmocka_run_group_tests_name("inspect", tests, NULL, NULL);
    free(out);
    return rc;
}
