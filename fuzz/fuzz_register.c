/*
 * Register documents (model/register.h) and the register stage (policy/register.h): the input is
 * split at FUZZ_SEP_OUTER into up to MAX_DOCS documents, each a document as it is or a compact
 * JWS in the structured form of fuzz.h. Each is read with wrp_regdoc_parse, then all are judged
 * with wrp_check_register against the register anchor reg-root at FUZZ_TIME, for a fixed
 * registration certificate (the payload of testvectors/rc/valid.jwt) and without a certificate.
 * Invariants: a refused document leaves nothing; a read one has a signature per signed form and
 * the documented content; status OK (or NOMEM); only REGISTER_* codes, with UTF-8 messages;
 * doc_parsed agrees with wrp_regdoc_parse; doc_authentic only for a parsed, signed document; a
 * lookup only with a certificate and a read document; a party found lists the certificate's sub
 * among its identifiers; a found intended use implies its party and its regset; the OpenSSL error
 * queue is left empty.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "model/rc.h"
#include "model/register.h"
#include "policy/register.h"
#include "util/json.h"

#define MAX_DOCS 4

static const char rc_payload[] =
    "{\"name\":\"Example Shop\",\"sub_ln\":\"Example Shop B.V.\",\"sub\":\"LEIXG-529900T8BM49AURSDO55\","
    "\"country\":\"NL\",\"registry_uri\":\"https://register.example.nl/wrp/LEIXG-529900T8BM49AURSDO55\","
    "\"srv_description\":[[{\"lang\":\"en\",\"value\":\"Online shop for age-restricted goods\"},"
    "{\"lang\":\"nl\",\"value\":\"Webwinkel voor producten met een leeftijdsgrens\"}]],"
    "\"entitlements\":[\"https://uri.etsi.org/19475/Entitlement/Service_Provider\"],"
    "\"privacy_policy\":\"https://shop.example.nl/privacy\",\"info_uri\":\"https://shop.example.nl\","
    "\"support_uri\":\"https://shop.example.nl/support\",\"supervisory_authority\":{\"email\":"
    "\"info@dpa.example.nl\",\"phone\":\"+31 70 000 0000\",\"uri\":\"https://dpa.example.nl\"},"
    "\"policy_id\":[\"0.4.0.19475.3.1\"],\"certificate_policy\":"
    "\"https://registrar.example.nl/certificate-policy\",\"iat\":1796169600,\"exp\":1824681600,"
    "\"status\":{\"status_list\":{\"idx\":3,\"uri\":\"https://rc-provider.example/statuslists/1\"}},"
    "\"credentials\":[{\"format\":\"dc+sd-jwt\",\"meta\":{\"vct_values\":[\"urn:eudi:pid:1\"]},"
    "\"claim\":[{\"path\":[\"age_over_18\"]},{\"path\":[\"nationalities\",null]},{\"path\":"
    "[\"address\",\"country\"]},{\"path\":[\"place_of_birth\",\"country\"],\"values\":[\"NL\",\"BE\","
    "\"DE\"]}]},{\"format\":\"mso_mdoc\",\"meta\":{\"doctype_value\":\"eu.europa.ec.eudi.pid.1\"},"
    "\"claim\":[{\"path\":[\"eu.europa.ec.eudi.pid.1\",\"age_over_18\"]},{\"path\":"
    "[\"eu.europa.ec.eudi.pid.1\",\"age_in_years\"],\"values\":[18,19,20]}]}],\"purpose\":"
    "[{\"lang\":\"en\",\"value\":\"Checking that the buyer is of age\"}],"
    "\"intended_use_id\":\"iu-age-check-001\"}";

static void must(bool ok, const char *what)
{
    if (!ok)
        fuzz_fail(__FILE__, __LINE__, what);
}

static const wrp_rc *fixed_rc(void)
{
    static wrp_rc rc;
    static bool ready;
    if (ready)
        return &rc;
    cJSON *payload = NULL;
    wrp_rc_problems problems = {0};
    must(wrp_json_parse((const uint8_t *)rc_payload, strlen(rc_payload), &payload, NULL) == WRP_OK,
         "rc payload");
    must(wrp_rc_from_json(payload, &rc, &problems) == WRP_OK && problems.n == 0, "rc model");
    cJSON_Delete(payload);
    ready = true;
    return &rc;
}

static const wrp_anchors *register_anchors(void)
{
    static wrp_anchors *a;
    if (a != NULL)
        return a;
    const fuzz_blob *b = fuzz_file("register/pki/reg-root.pem");
    a = wrp_anchors_new();
    must(a != NULL && wrp_anchors_add(a, b->p, b->n, NULL) == WRP_OK, "reg-root.pem");
    return a;
}

/* Reads one document on its own; returns whether it was read. */
static bool parse_one(const uint8_t *p, size_t n)
{
    wrp_regdoc d;
    wrp_err err = {0};
    wrp_status st = wrp_regdoc_parse(p, n, &d, &err);
    FUZZ_ASSERT(ERR_peek_error() == 0);
    FUZZ_ASSERT(st == WRP_OK || st == WRP_ERR_MALFORMED || st == WRP_ERR_LIMIT || st == WRP_ERR_NOMEM);
    if (st != WRP_OK) {
        FUZZ_ASSERT(d.sigs == NULL && d.n_sigs == 0 && d.parties == NULL && d.n_parties == 0 &&
                    d.iss == NULL && d.next_cursor == NULL && d.details == NULL);
        wrp_regdoc_free(&d);
        return false;
    }
    FUZZ_ASSERT(d.form >= WRP_REGDOC_COMPACT && d.form <= WRP_REGDOC_UNSIGNED);
    FUZZ_ASSERT(d.content >= WRP_REGDOC_WRP && d.content <= WRP_REGDOC_BARE_ARRAY);
    bool bare = d.content == WRP_REGDOC_BARE_WRP || d.content == WRP_REGDOC_BARE_ARRAY;
    if (d.form == WRP_REGDOC_UNSIGNED)
        FUZZ_ASSERT(d.n_sigs == 0);
    else
        FUZZ_ASSERT(d.n_sigs >= 1 && !bare);
    if (!bare)
        FUZZ_ASSERT(d.iss != NULL);
    if (d.content == WRP_REGDOC_WRP || d.content == WRP_REGDOC_BARE_WRP)
        FUZZ_ASSERT(d.n_parties == 1);
    if (d.content == WRP_REGDOC_CHECK_RESULT)
        FUZZ_ASSERT(d.is_registered == 0 || d.is_registered == 1);
    for (size_t i = 0; i < d.n_parties; i++) {
        const wrp_reg_party *party = &d.parties[i];
        for (size_t u = 0; u < party->n_uses; u++) {
            const wrp_reg_use *use = &party->uses[u];
            FUZZ_ASSERT(use->id != NULL && use->credentials_text != NULL);
            FUZZ_ASSERT(use->service == WRP_REG_NO_SERVICE || use->service < party->n_services);
            wrp_reg_use_state s = wrp_reg_use_state_at(use, FUZZ_TIME);
            FUZZ_ASSERT(s == WRP_REG_USE_IN_FORCE || s == WRP_REG_USE_REVOKED || s == WRP_REG_USE_NOT_CREATED);
        }
    }
    for (size_t i = 0; i < d.n_sigs; i++) {
        if (!d.sigs[i].usable)
            continue;
        wrp_chain c;
        wrp_err e = {0};
        if (wrp_reg_sig_chain(&d.sigs[i], &c, &e) == WRP_OK) {
            FUZZ_ASSERT(c.n >= 1 && c.n <= 10);
            wrp_chain_free(&c);
        }
        FUZZ_ASSERT(ERR_peek_error() == 0);
    }
    wrp_regdoc_free(&d);
    return true;
}

/* Identifiers compare byte for byte: the party found lists the certificate's sub. */
static bool has_id(const wrp_reg_party *p, const char *sub)
{
    for (size_t i = 0; sub != NULL && i < p->n_ids; i++)
        if (p->ids[i].value != NULL && strcmp(p->ids[i].value, sub) == 0)
            return true;
    return false;
}

static void judge(const wrp_register_input *in, size_t n, const bool *parsed, const wrp_rc *rc)
{
    wrp_register_result r;
    wrp_findings f = {0};
    wrp_status st = wrp_check_register(register_anchors(), FUZZ_TIME, in, n, rc, &r, &f);
    FUZZ_ASSERT(ERR_peek_error() == 0);
    FUZZ_ASSERT(st == WRP_OK || st == WRP_ERR_NOMEM);
    if (st == WRP_OK) {
        bool any = false;
        FUZZ_ASSERT(r.n_docs == n);
        for (size_t i = 0; i < f.n; i++) {
            FUZZ_ASSERT(f.v[i].code >= WRP_CODE_REGISTER_MALFORMED && f.v[i].code <= WRP_CODE_REGISTER_UNSIGNED);
            FUZZ_ASSERT(f.v[i].message != NULL &&
                        fuzz_utf8_ok((const uint8_t *)f.v[i].message, strlen(f.v[i].message)));
        }
        for (size_t i = 0; i < n; i++) {
            FUZZ_ASSERT(r.doc_parsed[i] == parsed[i]);
            if (r.doc_authentic[i])
                FUZZ_ASSERT(r.doc_parsed[i] && r.docs[i].n_sigs >= 1);
            any |= parsed[i];
        }
        FUZZ_ASSERT(r.looked_up == (rc != NULL && any));
        if (!r.looked_up)
            FUZZ_ASSERT(r.party == NULL && r.use == NULL && r.regset == NULL &&
                        !wrp_findings_has(&f, WRP_CODE_REGISTER_NOT_FOUND) &&
                        !wrp_findings_has(&f, WRP_CODE_REGISTER_INTENDED_USE));
        if (r.party == NULL)
            FUZZ_ASSERT(r.use == NULL);
        else
            FUZZ_ASSERT(has_id(r.party, rc->sub));
        if (r.use != NULL)
            FUZZ_ASSERT(r.party != NULL && r.regset == &r.use->credentials &&
                        strcmp(r.use->id, rc->intended_use_id) == 0 &&
                        wrp_reg_use_state_at(r.use, FUZZ_TIME) == WRP_REG_USE_IN_FORCE);
        else
            FUZZ_ASSERT(r.regset == NULL && r.notes.n == 0);
        FUZZ_ASSERT(r.notes.n <= sizeof r.notes.v / sizeof r.notes.v[0]);
        for (size_t i = 0; i < r.notes.n; i++)
            FUZZ_ASSERT(fuzz_utf8_ok((const uint8_t *)r.notes.v[i].message, strlen(r.notes.v[i].message)));
        wrp_register_result_free(&r);
    }
    wrp_findings_free(&f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_part parts[MAX_DOCS];
    size_t n = fuzz_split(data, size, FUZZ_SEP_OUTER, parts, MAX_DOCS);
    uint8_t *docs[MAX_DOCS] = {0};
    wrp_register_input in[MAX_DOCS] = {{0}};
    bool parsed[MAX_DOCS] = {0};
    for (size_t i = 0; i < n; i++) {
        size_t len;
        FUZZ_ASSERT(fuzz_token(parts[i].p, parts[i].n, &docs[i], &len));
        in[i] = (wrp_register_input){docs[i], len};
        parsed[i] = parse_one(docs[i], len);
    }
    const wrp_rc *rc = fixed_rc();
    judge(in, n, parsed, rc);
    judge(in, n, parsed, NULL);
    for (size_t i = 0; i < n; i++)
        free(docs[i]);
    return 0;
}
