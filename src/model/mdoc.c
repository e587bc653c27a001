/* ISO/IEC 18013-5 DeviceRequest: strict structure, requested items, the registration certificate
 * in requestInfo, and reader authentication over the caller's SessionTranscript.
 *
 * Three passes: the structure is checked completely first (any problem is REQUEST_MALFORMED and
 * nothing else is judged), then the requested items and the registration certificate are taken
 * out, then every signature is checked. Signatures are verified over structures built with the
 * encoder around the bytes as received: the ItemsRequest (and DeviceRequestInfo) tag-24 contents
 * and the caller's SessionTranscript are embedded verbatim, never decoded and encoded again. */
#include "model/mdoc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include "crypto/cose.h"
#include "crypto/signer.h"
#include "util/limits.h"
#include "util/mem.h"

#define TAG_ENCODED_CBOR 24
#define TAG_COSE_SIGN1 18
#define SHA256_LEN 32

#define AT_LEN 96

void wrp_mdoc_request_free(wrp_mdoc_request *dr)
{
    for (size_t i = 0; i < dr->n_docs; i++) {
        if (dr->docs[i].items != NULL)
            cbor_decref(&dr->docs[i].items);
        wrp_cose_sign1_free(&dr->docs[i].auth);
    }
    free(dr->docs);
    for (size_t i = 0; i < dr->n_all; i++)
        wrp_cose_sign1_free(&dr->all[i]);
    free(dr->all);
    if (dr->info != NULL)
        cbor_decref(&dr->info);
    if (dr->root != NULL)
        cbor_decref(&dr->root);
    memset(dr, 0, sizeof *dr);
}

/* ---- structure ---------------------------------------------------------------------------------- */

/* Type tests that accept NULL (an absent key): libcbor's own dereference their argument. */
static bool is_map(const cbor_item_t *it)
{
    return it != NULL && cbor_isa_map(it);
}

static bool is_array(const cbor_item_t *it)
{
    return it != NULL && cbor_isa_array(it);
}

static bool is_bstr(const cbor_item_t *it)
{
    return it != NULL && cbor_isa_bytestring(it);
}

/* A text string that can become a C string: no NUL byte inside. */
static bool plain_text(const cbor_item_t *it)
{
    const uint8_t *p;
    size_t n;
    return wrp_cbor_tstr(it, &p, &n) && memchr(p, 0, n) == NULL; /* as wrp_cbor_tstr_dup needs */
}

static bool text_equals(const cbor_item_t *it, const char *s)
{
    const uint8_t *p;
    size_t n;
    return wrp_cbor_tstr(it, &p, &n) && n == strlen(s) && memcmp(p, s, n) == 0;
}

/* A failure of a nested parse, reported with where it happened. */
static wrp_status nested(wrp_err *err, wrp_status st, const char *at)
{
    if (st == WRP_ERR_NOMEM)
        return st;
    char inner[sizeof err->msg];
    snprintf(inner, sizeof inner, "%s", err != NULL ? err->msg : "");
    return wrp_fail(err, st, "%s: %s", at, inner);
}

/* #6.24(bstr .cbor X): the content as received and, decoded strictly (one item, nothing after
 * it), the item, which must be a map. */
static wrp_status embedded_map(const cbor_item_t *it, const char *at, const uint8_t **raw,
                               size_t *len, cbor_item_t **out, wrp_err *err)
{
    const cbor_item_t *content = wrp_cbor_tag(it, TAG_ENCODED_CBOR);
    if (content == NULL || !wrp_cbor_bstr(content, raw, len))
        return wrp_fail(err, WRP_ERR_MALFORMED, "%s: not #6.24(bstr)", at);
    wrp_status st = wrp_cbor_parse(*raw, *len, out, err);
    if (st != WRP_OK)
        return nested(err, st, at);
    if (!is_map(*out))
        return wrp_fail(err, WRP_ERR_MALFORMED, "%s: the embedded item is not a map", at);
    return WRP_OK;
}

static wrp_status sign1(const cbor_item_t *it, const char *at, wrp_cose_sign1 *out, wrp_err *err)
{
    wrp_status st = wrp_cose_sign1_parse(it, out, err);
    return st == WRP_OK ? st : nested(err, st, at);
}

/* ElementReference = [namespace, element]. */
static bool element_ref(const cbor_item_t *it)
{
    return is_array(it) && cbor_array_size(it) == 2 &&
           plain_text(wrp_cbor_array_at(it, 0)) && plain_text(wrp_cbor_array_at(it, 1));
}

/* alternativeDataElements = [* {"requestedElement": ElementReference,
 *                               "alternativeElementSets": [+ [+ ElementReference]]}] */
static wrp_status check_alternatives(wrp_mdoc_doc *d, const cbor_item_t *alts, const char *at,
                                     wrp_err *err)
{
    if (!is_array(alts))
        return wrp_fail(err, WRP_ERR_MALFORMED, "%s.requestInfo.alternativeDataElements: not an array", at);
    for (size_t i = 0; i < cbor_array_size(alts); i++) {
        const cbor_item_t *a = wrp_cbor_array_at(alts, i);
        const cbor_item_t *req = wrp_cbor_map_get_str(a, "requestedElement");
        const cbor_item_t *sets = wrp_cbor_map_get_str(a, "alternativeElementSets");
        if (!is_map(a) || !element_ref(req))
            return wrp_fail(err, WRP_ERR_MALFORMED,
                            "%s.requestInfo.alternativeDataElements[%zu].requestedElement: not [namespace, "
                            "element]", at, i);
        if (!is_array(sets) || cbor_array_size(sets) == 0)
            return wrp_fail(err, WRP_ERR_MALFORMED,
                            "%s.requestInfo.alternativeDataElements[%zu].alternativeElementSets: not a "
                            "non-empty array", at, i);
        d->n_refs++;
        for (size_t j = 0; j < cbor_array_size(sets); j++) {
            const cbor_item_t *set = wrp_cbor_array_at(sets, j);
            if (!is_array(set) || cbor_array_size(set) == 0)
                return wrp_fail(err, WRP_ERR_MALFORMED,
                                "%s.requestInfo.alternativeDataElements[%zu].alternativeElementSets[%zu]: not "
                                "a non-empty array", at, i, j);
            for (size_t k = 0; k < cbor_array_size(set); k++)
                if (!element_ref(wrp_cbor_array_at(set, k)))
                    return wrp_fail(err, WRP_ERR_MALFORMED,
                                    "%s.requestInfo.alternativeDataElements[%zu].alternativeElementSets[%zu]"
                                    "[%zu]: not [namespace, element]", at, i, j, k);
            d->n_refs += cbor_array_size(set);
        }
        if (d->n_refs > WRP_MAX_DCQL_CLAIMS)
            break;
    }
    d->alternatives = alts;
    return WRP_OK;
}

/* requestInfo = {* tstr => any}: euWrprc a byte string; alternativeDataElements as above;
 * euWrpRegistrarInfo taken as it is (its shape never makes the request malformed). Keys compare
 * exactly: another spelling of euWrprc is an unknown key, not the certificate. */
static wrp_status check_request_info(wrp_mdoc_doc *d, const cbor_item_t *info, const char *at,
                                     wrp_err *err)
{
    if (!is_map(info))
        return wrp_fail(err, WRP_ERR_MALFORMED, "%s.requestInfo: not a map", at);
    const struct cbor_pair *pairs = cbor_map_handle(info);
    for (size_t i = 0; i < cbor_map_size(info); i++)
        if (!cbor_isa_string(pairs[i].key))
            return wrp_fail(err, WRP_ERR_MALFORMED, "%s.requestInfo: a key is not a text string",
                            at);
    d->rc = wrp_cbor_map_get_str(info, "euWrprc");
    d->dataset = wrp_cbor_map_get_str(info, "euWrpRegistrarInfo");
    if (d->rc != NULL && !is_bstr(d->rc))
        return wrp_fail(err, WRP_ERR_MALFORMED, "%s.requestInfo.euWrprc: not a byte string", at);
    const cbor_item_t *alts = wrp_cbor_map_get_str(info, "alternativeDataElements");
    return alts == NULL ? WRP_OK : check_alternatives(d, alts, at, err);
}

/* nameSpaces = {+ tstr => {+ tstr => bool}} */
static wrp_status check_name_spaces(wrp_mdoc_doc *d, const cbor_item_t *ns, const char *at, wrp_err *err)
{
    if (!is_map(ns) || cbor_map_size(ns) == 0)
        return wrp_fail(err, WRP_ERR_MALFORMED, "%s.nameSpaces: not a non-empty map", at);
    const struct cbor_pair *pairs = cbor_map_handle(ns);
    for (size_t i = 0; i < cbor_map_size(ns); i++) {
        const cbor_item_t *elems = pairs[i].value;
        if (!plain_text(pairs[i].key))
            return wrp_fail(err, WRP_ERR_MALFORMED, "%s.nameSpaces: a namespace is not text", at);
        if (!is_map(elems) || cbor_map_size(elems) == 0)
            return wrp_fail(err, WRP_ERR_MALFORMED,
                            "%s.nameSpaces: a namespace does not hold a non-empty map", at);
        const struct cbor_pair *ep = cbor_map_handle(elems);
        for (size_t j = 0; j < cbor_map_size(elems); j++) {
            if (!plain_text(ep[j].key))
                return wrp_fail(err, WRP_ERR_MALFORMED,
                                "%s.nameSpaces: a data element identifier is not text", at);
            if (!wrp_cbor_bool(ep[j].value, NULL))
                return wrp_fail(err, WRP_ERR_MALFORMED,
                                "%s.nameSpaces: an intent to retain is not a boolean", at);
        }
        d->n_refs += cbor_map_size(elems);
    }
    d->name_spaces = ns;
    return WRP_OK;
}

/* Bytes of a text string that passed plain_text. */
static size_t text_len(const cbor_item_t *it)
{
    const uint8_t *p;
    size_t n = 0;
    (void)wrp_cbor_tstr(it, &p, &n);
    return n;
}

/* A namespace and element identifier that every requested item of theirs repeats in the result:
 * together at most WRP_MAX_PATH_BYTES, as the strings of a DCQL claims path. */
static bool element_fits(const cbor_item_t *ns, const cbor_item_t *el)
{
    return text_len(ns) + text_len(el) <= WRP_MAX_PATH_BYTES;
}

/* The lengths of the names each requested item repeats (the structure is checked already): the
 * docType at most WRP_MAX_TYPE_BYTES, each element with its namespace as element_fits says. */
static wrp_status check_names(const wrp_mdoc_doc *d, const char *at, wrp_err *err)
{
    if (text_len(d->doc_type) > WRP_MAX_TYPE_BYTES)
        return wrp_fail(err, WRP_ERR_LIMIT, "%s.docType: longer than %u bytes", at,
                        WRP_MAX_TYPE_BYTES);
    const struct cbor_pair *ns = cbor_map_handle(d->name_spaces);
    for (size_t i = 0; i < cbor_map_size(d->name_spaces); i++) {
        const struct cbor_pair *el = cbor_map_handle(ns[i].value);
        for (size_t j = 0; j < cbor_map_size(ns[i].value); j++)
            if (!element_fits(ns[i].key, el[j].key))
                return wrp_fail(err, WRP_ERR_LIMIT,
                                "%s.nameSpaces: a namespace and data element identifier longer "
                                "than %u bytes together", at, WRP_MAX_PATH_BYTES);
    }
    for (size_t i = 0; d->alternatives != NULL && i < cbor_array_size(d->alternatives); i++) {
        const cbor_item_t *a = wrp_cbor_array_at(d->alternatives, i);
        const cbor_item_t *req = wrp_cbor_map_get_str(a, "requestedElement");
        const cbor_item_t *sets = wrp_cbor_map_get_str(a, "alternativeElementSets");
        bool fits = element_fits(wrp_cbor_array_at(req, 0), wrp_cbor_array_at(req, 1));
        for (size_t j = 0; fits && j < cbor_array_size(sets); j++) {
            const cbor_item_t *set = wrp_cbor_array_at(sets, j);
            for (size_t k = 0; fits && k < cbor_array_size(set); k++) {
                const cbor_item_t *ref = wrp_cbor_array_at(set, k);
                fits = element_fits(wrp_cbor_array_at(ref, 0), wrp_cbor_array_at(ref, 1));
            }
        }
        if (!fits)
            return wrp_fail(err, WRP_ERR_LIMIT,
                            "%s.requestInfo.alternativeDataElements[%zu]: a namespace and data "
                            "element identifier longer than %u bytes together", at, i,
                            WRP_MAX_PATH_BYTES);
    }
    return WRP_OK;
}

static wrp_status check_items(wrp_mdoc_doc *d, const char *at, wrp_err *err)
{
    d->doc_type = wrp_cbor_map_get_str(d->items, "docType");
    if (!plain_text(d->doc_type))
        return wrp_fail(err, WRP_ERR_MALFORMED, "%s.docType: absent or not text", at);
    wrp_status st = check_name_spaces(d, wrp_cbor_map_get_str(d->items, "nameSpaces"), at, err);
    const cbor_item_t *info = wrp_cbor_map_get_str(d->items, "requestInfo");
    if (st == WRP_OK && info != NULL)
        st = check_request_info(d, info, at, err);
    if (st == WRP_OK && d->n_refs > WRP_MAX_DCQL_CLAIMS)
        st = wrp_fail(err, WRP_ERR_LIMIT, "%s: more than %u data elements", at,
                      WRP_MAX_DCQL_CLAIMS);
    if (st == WRP_OK)
        st = check_names(d, at, err);
    return st;
}

static wrp_status check_doc(wrp_mdoc_doc *d, const cbor_item_t *it, size_t i, wrp_err *err)
{
    char at[AT_LEN];
    snprintf(at, sizeof at, "docRequests[%zu]", i);
    if (!is_map(it))
        return wrp_fail(err, WRP_ERR_MALFORMED, "%s: not a map", at);
    const cbor_item_t *items = wrp_cbor_map_get_str(it, "itemsRequest");
    const cbor_item_t *auth = wrp_cbor_map_get_str(it, "readerAuth");
    snprintf(at, sizeof at, "docRequests[%zu].itemsRequest", i);
    if (items == NULL)
        return wrp_fail(err, WRP_ERR_MALFORMED, "%s: absent", at);
    wrp_status st = embedded_map(items, at, &d->items_raw, &d->items_len, &d->items, err);
    if (st == WRP_OK)
        st = check_items(d, at, err);
    if (st != WRP_OK || auth == NULL)
        return st;
    snprintf(at, sizeof at, "docRequests[%zu].readerAuth", i);
    d->has_auth = true;
    return sign1(auth, at, &d->auth, err);
}

/* readerAuthAll: [+ COSE_Sign1] in the second edition; a lone COSE_Sign1 (tagged, or an array
 * whose first element is the protected header's byte string) as some early implementations send. */
static wrp_status check_reader_auth_all(wrp_mdoc_request *dr, const cbor_item_t *it, wrp_err *err)
{
    bool single = wrp_cbor_tag(it, TAG_COSE_SIGN1) != NULL ||
                  (is_array(it) && is_bstr(wrp_cbor_array_at(it, 0)));
    size_t n = single ? 1 : is_array(it) ? cbor_array_size(it) : 0;
    if (n == 0)
        return wrp_fail(err, WRP_ERR_MALFORMED, "readerAuthAll: not a non-empty array");
    if (n > WRP_MAX_MDOC_READER_AUTH_ALL)
        return wrp_fail(err, WRP_ERR_LIMIT, "readerAuthAll: more than %u signatures",
                        WRP_MAX_MDOC_READER_AUTH_ALL);
    dr->all = wrp_calloc(n, sizeof *dr->all);
    if (dr->all == NULL)
        return wrp_nomem();
    dr->n_all = n;
    for (size_t i = 0; i < n; i++) {
        char at[AT_LEN];
        snprintf(at, sizeof at, "readerAuthAll[%zu]", i);
        wrp_status st = sign1(single ? it : wrp_cbor_array_at(it, i), at, &dr->all[i], err);
        if (st != WRP_OK)
            return st;
    }
    return WRP_OK;
}

static wrp_status check_second_edition(wrp_mdoc_request *dr, wrp_err *err)
{
    const cbor_item_t *info = wrp_cbor_map_get_str(dr->root, "deviceRequestInfo");
    const cbor_item_t *all = wrp_cbor_map_get_str(dr->root, "readerAuthAll");
    wrp_status st = WRP_OK;
    if (info != NULL)
        st = embedded_map(info, "deviceRequestInfo", &dr->info_raw, &dr->info_len, &dr->info, err);
    if (st == WRP_OK && all != NULL)
        st = check_reader_auth_all(dr, all, err);
    return st;
}

wrp_status wrp_mdoc_read(const uint8_t *in, size_t len, wrp_mdoc_request *dr, wrp_err *err)
{
    wrp_status st = wrp_cbor_parse(in, len, &dr->root, err);
    if (st != WRP_OK)
        return nested(err, st, "DeviceRequest");
    if (!is_map(dr->root))
        return wrp_fail(err, WRP_ERR_MALFORMED, "DeviceRequest: not a map");
    const cbor_item_t *version = wrp_cbor_map_get_str(dr->root, "version");
    bool v11 = text_equals(version, "1.1");
    if (!v11 && !text_equals(version, "1.0"))
        return wrp_fail(err, WRP_ERR_MALFORMED, "version: absent, or not \"1.0\" or \"1.1\"");
    const cbor_item_t *docs = wrp_cbor_map_get_str(dr->root, "docRequests");
    if (!is_array(docs) || cbor_array_size(docs) == 0)
        return wrp_fail(err, WRP_ERR_MALFORMED, "docRequests: absent or not a non-empty array");
    if (cbor_array_size(docs) > WRP_MAX_DCQL_CREDENTIALS)
        return wrp_fail(err, WRP_ERR_LIMIT, "docRequests: more than %u",
                        WRP_MAX_DCQL_CREDENTIALS);
    dr->docs = wrp_calloc(cbor_array_size(docs), sizeof *dr->docs);
    if (dr->docs == NULL)
        return wrp_nomem();
    dr->n_docs = cbor_array_size(docs);
    for (size_t i = 0; i < dr->n_docs; i++)
        if ((st = check_doc(&dr->docs[i], wrp_cbor_array_at(docs, i), i, err)) != WRP_OK)
            return st;
    return v11 ? check_second_edition(dr, err) : WRP_OK;
}

/* ---- requested items ---------------------------------------------------------------------------- */

/* The items given here passed plain_text, so NULL means out of memory. */
static char *text_dup(const cbor_item_t *it)
{
    char *s = NULL;
    (void)wrp_cbor_tstr_dup(it, &s);
    return s;
}

/* Appends [ns, el]; repetitions are dropped afterwards (drop_repeated_claims). */
static wrp_status add_claim(wrp_dcql_cred *c, const cbor_item_t *ns_item, const cbor_item_t *el_item,
                            int intent)
{
    char *ns = text_dup(ns_item), *el = text_dup(el_item);
    wrp_status st = ns != NULL && el != NULL ? WRP_OK : wrp_nomem();
    if (st == WRP_OK) {
        const char *const strs[2] = {ns, el};
        wrp_dcql_claim *cl = &c->claims[c->n_claims];
        memset(cl, 0, sizeof *cl);
        st = wrp_path_from_strs(strs, 2, &cl->path);
        cl->intent_to_retain = intent;
        if (st == WRP_OK)
            c->n_claims++;
    }
    free(ns);
    free(el);
    return st;
}

/* Claims in the order of their paths, the earlier one first among equal paths: repetitions and
 * look-ups cost n log n for a DocRequest of n elements, never n^2. */
typedef struct claim_pos {
    const wrp_path *path;
    size_t idx;
} claim_pos;

static int claim_pos_cmp(const void *a, const void *b)
{
    const claim_pos *x = a, *y = b;
    int c = wrp_path_cmp(x->path, y->path);
    return c != 0 ? c : (x->idx < y->idx ? -1 : (x->idx > y->idx ? 1 : 0));
}

static claim_pos *sorted_claims(const wrp_dcql_cred *c)
{
    claim_pos *v = wrp_malloc((c->n_claims ? c->n_claims : 1) * sizeof *v);
    if (v == NULL)
        return NULL;
    for (size_t i = 0; i < c->n_claims; i++)
        v[i] = (claim_pos){&c->claims[i].path, i};
    if (c->n_claims > 1)
        qsort(v, c->n_claims, sizeof *v, claim_pos_cmp);
    return v;
}

/* A data element asked for twice (in nameSpaces and again as an alternative, or in two
 * alternatives) is one requested item: the first occurrence stays, in its place. */
static wrp_status drop_repeated_claims(wrp_dcql_cred *c)
{
    claim_pos *v = sorted_claims(c);
    bool *drop = wrp_calloc(c->n_claims ? c->n_claims : 1, sizeof *drop);
    if (v == NULL || drop == NULL) {
        free(v);
        free(drop);
        return wrp_nomem();
    }
    for (size_t i = 1; i < c->n_claims; i++)
        if (wrp_path_cmp(v[i - 1].path, v[i].path) == 0)
            drop[v[i].idx] = true;
    free(v);
    size_t n = 0;
    for (size_t i = 0; i < c->n_claims; i++) {
        if (drop[i])
            wrp_path_free(&c->claims[i].path);
        else
            c->claims[n++] = c->claims[i];
    }
    c->n_claims = n;
    free(drop);
    return WRP_OK;
}

/* An alternative inherits the intent to retain of the element it stands in for, when nameSpaces
 * asks for that element (found in ns_sorted, the nameSpaces claims in path order); otherwise none
 * is stated (-1). */
static int intent_of(const wrp_dcql_cred *c, const claim_pos *ns_sorted, size_t n_ns, const cbor_item_t *ref)
{
    char *ns = text_dup(wrp_cbor_array_at(ref, 0)), *el = text_dup(wrp_cbor_array_at(ref, 1));
    int intent = -1;
    wrp_path p = {NULL, 0};
    const char *const strs[2] = {ns, el};
    if (ns != NULL && el != NULL && wrp_path_from_strs(strs, 2, &p) == WRP_OK) {
        claim_pos key = {&p, 0};
        size_t lo = 0, hi = n_ns;
        while (lo < hi) { /* the first entry not below the key: the earliest with that path */
            size_t mid = lo + (hi - lo) / 2;
            if (claim_pos_cmp(&ns_sorted[mid], &key) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo < n_ns && wrp_path_cmp(ns_sorted[lo].path, &p) == 0)
            intent = c->claims[ns_sorted[lo].idx].intent_to_retain;
    }
    wrp_path_free(&p);
    free(ns);
    free(el);
    return intent;
}

static wrp_status add_ref(wrp_dcql_cred *c, const cbor_item_t *ref, int intent)
{
    return add_claim(c, wrp_cbor_array_at(ref, 0), wrp_cbor_array_at(ref, 1), intent);
}

static wrp_status add_alternatives(const wrp_mdoc_doc *d, wrp_dcql_cred *c)
{
    if (d->alternatives == NULL)
        return WRP_OK;
    size_t n_ns = c->n_claims;
    claim_pos *ns_sorted = sorted_claims(c);
    if (ns_sorted == NULL)
        return wrp_nomem();
    wrp_status st = WRP_OK;
    for (size_t i = 0; i < cbor_array_size(d->alternatives); i++) {
        const cbor_item_t *a = wrp_cbor_array_at(d->alternatives, i);
        const cbor_item_t *req = wrp_cbor_map_get_str(a, "requestedElement");
        const cbor_item_t *sets = wrp_cbor_map_get_str(a, "alternativeElementSets");
        int intent = intent_of(c, ns_sorted, n_ns, req);
        st = add_ref(c, req, intent);
        for (size_t j = 0; st == WRP_OK && j < cbor_array_size(sets); j++) {
            const cbor_item_t *set = wrp_cbor_array_at(sets, j);
            for (size_t k = 0; st == WRP_OK && k < cbor_array_size(set); k++)
                st = add_ref(c, wrp_cbor_array_at(set, k), intent);
        }
        if (st != WRP_OK)
            break;
    }
    free(ns_sorted);
    return st;
}

static wrp_status build_cred(const wrp_mdoc_doc *d, size_t index, wrp_dcql_cred *c)
{
    char id[24];
    snprintf(id, sizeof id, "%zu", index);
    c->id = wrp_strdup(id);
    c->format = wrp_strdup("mso_mdoc");
    c->types = wrp_calloc(1, sizeof *c->types);
    c->claims = wrp_calloc(d->n_refs > 0 ? d->n_refs : 1, sizeof *c->claims);
    c->has_claims = true;
    c->require_cryptographic_holder_binding = true;
    if (c->id == NULL || c->format == NULL || c->types == NULL || c->claims == NULL)
        return wrp_nomem();
    if ((c->types[0] = text_dup(d->doc_type)) == NULL)
        return wrp_nomem();
    c->n_types = 1;
    const struct cbor_pair *ns = cbor_map_handle(d->name_spaces);
    for (size_t i = 0; i < cbor_map_size(d->name_spaces); i++) {
        const struct cbor_pair *el = cbor_map_handle(ns[i].value);
        for (size_t j = 0; j < cbor_map_size(ns[i].value); j++) {
            bool intent = false;
            (void)wrp_cbor_bool(el[j].value, &intent); /* a boolean: check_name_spaces */
            wrp_status st = add_claim(c, ns[i].key, el[j].key, intent ? 1 : 0);
            if (st != WRP_OK)
                return st;
        }
    }
    wrp_status st = add_alternatives(d, c);
    return st == WRP_OK ? drop_repeated_claims(c) : st;
}

/* ---- counting the requested items -------------------------------------------------------------- */

/* Text strings in byte order (only equality matters here). */
static int text_cmp(const cbor_item_t *a, const cbor_item_t *b)
{
    const uint8_t *p, *q;
    size_t n = 0, m = 0;
    (void)wrp_cbor_tstr(a, &p, &n);
    (void)wrp_cbor_tstr(b, &q, &m);
    int c = n < m ? (n > 0 ? memcmp(p, q, n) : 0) : (m > 0 ? memcmp(p, q, m) : 0);
    return c != 0 ? c : (n < m ? -1 : (n > m ? 1 : 0));
}

/* A nameSpaces key, or an element reference borrowed from the tree. ns_key is the index of the
 * nameSpaces key with the reference's namespace (SIZE_MAX: none), so that the namespace each
 * nameSpaces element shares is compared once per reference, never once per comparison. */
typedef struct key_pos {
    const cbor_item_t *key;
    size_t idx;
} key_pos;

typedef struct elem_ref {
    size_t ns_key;
    const cbor_item_t *ns, *el;
} elem_ref;

static int key_pos_cmp(const void *a, const void *b)
{
    return text_cmp(((const key_pos *)a)->key, ((const key_pos *)b)->key);
}

static int elem_ref_cmp(const void *a, const void *b)
{
    const elem_ref *x = a, *y = b;
    if (x->ns_key != y->ns_key)
        return x->ns_key < y->ns_key ? -1 : 1;
    int c = x->ns_key == SIZE_MAX ? text_cmp(x->ns, y->ns) : 0;
    return c != 0 ? c : text_cmp(x->el, y->el);
}

static void count_ref(const key_pos *keys, size_t n_keys, const cbor_item_t *ref, elem_ref *v,
                      size_t *n)
{
    const cbor_item_t *ns = wrp_cbor_array_at(ref, 0);
    key_pos k = {ns, 0};
    const key_pos *hit = bsearch(&k, keys, n_keys, sizeof *keys, key_pos_cmp);
    v[(*n)++] = (elem_ref){hit != NULL ? hit->idx : SIZE_MAX, ns, wrp_cbor_array_at(ref, 1)};
}

/* The requested items of one DocRequest, repeats counted once (as build_cred keeps them), found
 * by sorting references into the tree: nothing is copied, and n references cost n log n
 * comparisons of their own bytes. keys and v have room for its namespaces and references. */
static size_t count_doc(const wrp_mdoc_doc *d, key_pos *keys, elem_ref *v)
{
    const struct cbor_pair *ns = cbor_map_handle(d->name_spaces);
    size_t n_keys = cbor_map_size(d->name_spaces), n = 0;
    for (size_t i = 0; i < n_keys; i++) {
        keys[i] = (key_pos){ns[i].key, i};
        const struct cbor_pair *el = cbor_map_handle(ns[i].value);
        for (size_t j = 0; j < cbor_map_size(ns[i].value); j++)
            v[n++] = (elem_ref){i, ns[i].key, el[j].key};
    }
    if (d->alternatives == NULL)
        return n; /* the keys of maps are distinct: no repeats */
    qsort(keys, n_keys, sizeof *keys, key_pos_cmp);
    for (size_t i = 0; i < cbor_array_size(d->alternatives); i++) {
        const cbor_item_t *a = wrp_cbor_array_at(d->alternatives, i);
        const cbor_item_t *sets = wrp_cbor_map_get_str(a, "alternativeElementSets");
        count_ref(keys, n_keys, wrp_cbor_map_get_str(a, "requestedElement"), v, &n);
        for (size_t j = 0; j < cbor_array_size(sets); j++) {
            const cbor_item_t *set = wrp_cbor_array_at(sets, j);
            for (size_t k = 0; k < cbor_array_size(set); k++)
                count_ref(keys, n_keys, wrp_cbor_array_at(set, k), v, &n);
        }
    }
    qsort(v, n, sizeof *v, elem_ref_cmp);
    size_t distinct = n > 0 ? 1 : 0;
    for (size_t i = 1; i < n; i++)
        if (elem_ref_cmp(&v[i - 1], &v[i]) != 0)
            distinct++;
    return distinct;
}

/* The requested items of every DocRequest, repeats dropped; into *count. */
static wrp_status count_items(const wrp_mdoc_request *dr, size_t *counts, size_t *count)
{
    size_t max_refs = 1, max_keys = 1;
    for (size_t i = 0; i < dr->n_docs; i++) {
        if (dr->docs[i].n_refs > max_refs)
            max_refs = dr->docs[i].n_refs;
        if (cbor_map_size(dr->docs[i].name_spaces) > max_keys)
            max_keys = cbor_map_size(dr->docs[i].name_spaces);
    }
    key_pos *keys = wrp_calloc(max_keys, sizeof *keys);
    elem_ref *v = wrp_calloc(max_refs, sizeof *v);
    if (keys == NULL || v == NULL) {
        free(keys);
        free(v);
        return wrp_nomem();
    }
    *count = 0;
    for (size_t i = 0; i < dr->n_docs; i++)
        *count += counts[i] = count_doc(&dr->docs[i], keys, v);
    free(keys);
    free(v);
    return WRP_OK;
}

/* A DeviceRequest over the item limit: every DocRequest as a credential query that holds its
 * number of items in n_claims, no claim built (wrp_dcql.counted_only). The pipeline's item limit
 * (src/policy/audit.c) then refuses it, with its count, as it refuses any request over it. */
static wrp_status count_cred(const wrp_mdoc_doc *d, size_t index, size_t count, wrp_dcql_cred *c)
{
    char id[24];
    snprintf(id, sizeof id, "%zu", index);
    c->id = wrp_strdup(id);
    c->format = wrp_strdup("mso_mdoc");
    c->types = wrp_calloc(1, sizeof *c->types);
    c->has_claims = true;
    c->require_cryptographic_holder_binding = true;
    if (c->id == NULL || c->format == NULL || c->types == NULL)
        return wrp_nomem();
    if ((c->types[0] = text_dup(d->doc_type)) == NULL)
        return wrp_nomem();
    c->n_types = 1;
    c->n_claims = count;
    return WRP_OK;
}

/* The requested items, checked against WRP_MAX_REQUESTED_ITEMS before any claim is built: the
 * references the structure pass counted (repeats included) when they are within it; else the
 * items counted exactly, without copying, and built only when those are within it. A request over
 * it costs its parsing and one sort of references per DocRequest, never a copy of its namespace
 * for each of a million elements. */
wrp_status wrp_mdoc_items(const wrp_mdoc_request *dr, wrp_dcql *items)
{
    size_t refs = 0, count = 0;
    for (size_t i = 0; i < dr->n_docs; i++)
        refs += dr->docs[i].n_refs;
    size_t *counts = NULL;
    if (refs > WRP_MAX_REQUESTED_ITEMS) {
        if ((counts = wrp_calloc(dr->n_docs, sizeof *counts)) == NULL)
            return wrp_nomem();
        wrp_status st = count_items(dr, counts, &count);
        if (st != WRP_OK) {
            free(counts);
            return st;
        }
    }
    items->creds = wrp_calloc(dr->n_docs, sizeof *items->creds);
    if (items->creds == NULL) {
        free(counts);
        return wrp_nomem();
    }
    items->n_creds = dr->n_docs;
    items->counted_only = count > WRP_MAX_REQUESTED_ITEMS;
    wrp_status st = WRP_OK;
    for (size_t i = 0; i < dr->n_docs && st == WRP_OK; i++)
        st = items->counted_only ? count_cred(&dr->docs[i], i, counts[i], &items->creds[i])
                                 : build_cred(&dr->docs[i], i, &items->creds[i]);
    free(counts);
    return st;
}

/* ---- registration certificate ------------------------------------------------------------------- */

static bool same_bytes(const cbor_item_t *a, const cbor_item_t *b)
{
    const uint8_t *p, *q;
    size_t n, m;
    return wrp_cbor_bstr(a, &p, &n) && wrp_cbor_bstr(b, &q, &m) && n == m &&
           (n == 0 || memcmp(p, q, n) == 0);
}

wrp_status wrp_mdoc_rc(const wrp_mdoc_request *dr, uint8_t **rc, size_t *rc_len, size_t *n_rc)
{
    *rc = NULL;
    *rc_len = 0;
    *n_rc = 0;
    const cbor_item_t *first = NULL;
    for (size_t i = 0; i < dr->n_docs; i++) {
        const cbor_item_t *one = dr->docs[i].rc;
        if (one == NULL)
            continue;
        bool seen = false;
        for (size_t j = 0; j < i && !seen; j++)
            seen = dr->docs[j].rc != NULL && same_bytes(dr->docs[j].rc, one);
        if (!seen)
            (*n_rc)++;
        if (first == NULL)
            first = one;
    }
    if (first == NULL)
        return WRP_OK;
    const uint8_t *p;
    size_t n;
    wrp_cbor_bstr(first, &p, &n);
    *rc = wrp_malloc(n > 0 ? n : 1);
    if (*rc == NULL)
        return wrp_nomem();
    memcpy(*rc, p, n);
    *rc_len = n;
    return WRP_OK;
}

/* Every DocRequest's registrar dataset, compared later with the certificate each on its own:
 * DocRequests may carry different ones. */
wrp_status wrp_mdoc_datasets(const wrp_mdoc_request *dr, wrp_registrar_datasets *out)
{
    for (size_t i = 0; i < dr->n_docs; i++) {
        if (dr->docs[i].dataset == NULL)
            continue;
        wrp_registrar_dataset *d = wrp_registrar_datasets_add(out);
        if (d == NULL)
            return wrp_nomem();
        snprintf(d->where, sizeof d->where, "docRequests[%zu].requestInfo.euWrpRegistrarInfo", i);
        snprintf(d->doc, sizeof d->doc, "%zu", i);
        wrp_status st = wrp_registrar_from_cbor(dr->docs[i].dataset, d);
        if (st != WRP_OK)
            return st;
    }
    return WRP_OK;
}

/* ---- reader authentication ---------------------------------------------------------------------- */

/* The SessionTranscript to embed: the caller's bytes, or the content of its tag-24 wrapper;
 * either way an array of three items. *tree keeps the content's storage alive. */
wrp_status wrp_mdoc_transcript_bytes(const uint8_t *in, size_t len, cbor_item_t **tree,
                                   const uint8_t **out, size_t *out_len, wrp_err *err)
{
    wrp_status st = wrp_cbor_parse(in, len, tree, err);
    if (st != WRP_OK)
        return st;
    *out = in;
    *out_len = len;
    const cbor_item_t *wrapped = wrp_cbor_tag(*tree, TAG_ENCODED_CBOR);
    if (wrapped != NULL) {
        if (!wrp_cbor_bstr(wrapped, out, out_len))
            return wrp_fail(err, WRP_ERR_MALFORMED, "tag 24 does not hold a byte string");
        cbor_item_t *inner = NULL;
        if ((st = wrp_cbor_parse(*out, *out_len, &inner, err)) != WRP_OK)
            return st;
        bool ok = is_array(inner) && cbor_array_size(inner) == 3;
        cbor_decref(&inner);
        return ok ? WRP_OK
                  : wrp_fail(err, WRP_ERR_MALFORMED, "not an array of three items");
    }
    if (!is_array(*tree) || cbor_array_size(*tree) != 3)
        return wrp_fail(err, WRP_ERR_MALFORMED, "not an array of three items");
    return WRP_OK;
}

/* Bytes of a CBOR head whose argument is v (preferred form), and of #6.24(bstr) around n bytes:
 * the payloads are written into buffers of exactly their size. */
static size_t head_len(uint64_t v)
{
    return v < 24 ? 1 : v <= 0xFF ? 2 : v <= 0xFFFF ? 3 : v <= 0xFFFFFFFF ? 5 : 9;
}

static size_t encoded_cbor_len(size_t n)
{
    return head_len(TAG_ENCODED_CBOR) + head_len(n) + n;
}

static void put_encoded_cbor(wrp_cbor_out *o, const uint8_t *p, size_t n)
{
    wrp_cbor_put_head(o, 6, TAG_ENCODED_CBOR);
    wrp_cbor_put_bstr(o, p, n);
}

/* Starts the detached payload #6.24(bstr .cbor body) of body_len bytes in one allocation of its
 * exact size: the encoder never has to grow it. */
static wrp_status start_payload(size_t body_len, wrp_cbor_out *out)
{
    size_t n = encoded_cbor_len(body_len);
    *out = (wrp_cbor_out){0};
    if ((out->p = wrp_malloc(n)) == NULL)
        return wrp_nomem();
    out->cap = n;
    wrp_cbor_put_head(out, 6, TAG_ENCODED_CBOR);
    wrp_cbor_put_head(out, 2, body_len);
    return WRP_OK;
}

static wrp_status end_payload(wrp_cbor_out *out)
{
    if (!out->oom)
        return WRP_OK;
    wrp_cbor_out_free(out);
    return wrp_nomem();
}

/* ReaderAuthentication = ["ReaderAuthentication", SessionTranscript, ItemsRequestBytes] */
wrp_status wrp_mdoc_reader_authentication(const uint8_t *st, size_t st_len, const wrp_mdoc_doc *d,
                                        wrp_cbor_out *out)
{
    static const char ctx[] = "ReaderAuthentication";
    size_t body = head_len(3) + head_len(sizeof ctx - 1) + sizeof ctx - 1 + st_len +
                  encoded_cbor_len(d->items_len);
    wrp_status s = start_payload(body, out);
    if (s != WRP_OK)
        return s;
    wrp_cbor_put_head(out, 4, 3);
    wrp_cbor_put_tstr(out, ctx, sizeof ctx - 1);
    wrp_cbor_put_raw(out, st, st_len);
    put_encoded_cbor(out, d->items_raw, d->items_len);
    return end_payload(out);
}

/* ReaderAuthenticationAll = ["ReaderAuthenticationAll", SessionTranscript, [+ ItemsRequestBytes],
 *                            DeviceRequestInfoBytes / null] */
wrp_status wrp_mdoc_reader_authentication_all(const uint8_t *st, size_t st_len,
                                            const wrp_mdoc_request *dr,
                                            wrp_cbor_out *out)
{
    static const char ctx[] = "ReaderAuthenticationAll";
    size_t body = head_len(4) + head_len(sizeof ctx - 1) + sizeof ctx - 1 + st_len +
                  head_len(dr->n_docs) + (dr->info_raw != NULL ? encoded_cbor_len(dr->info_len) : 1);
    for (size_t i = 0; i < dr->n_docs; i++)
        body += encoded_cbor_len(dr->docs[i].items_len);
    wrp_status s = start_payload(body, out);
    if (s != WRP_OK)
        return s;
    wrp_cbor_put_head(out, 4, 4);
    wrp_cbor_put_tstr(out, ctx, sizeof ctx - 1);
    wrp_cbor_put_raw(out, st, st_len);
    wrp_cbor_put_head(out, 4, dr->n_docs);
    for (size_t i = 0; i < dr->n_docs; i++)
        put_encoded_cbor(out, dr->docs[i].items_raw, dr->docs[i].items_len);
    if (dr->info_raw != NULL)
        put_encoded_cbor(out, dr->info_raw, dr->info_len);
    else
        wrp_cbor_put_head(out, 7, 22);
    return end_payload(out);
}

/* ---- SessionTranscript builders ----------------------------------------------------------------- */

static void put_text(wrp_cbor_out *o, const char *s)
{
    wrp_cbor_put_tstr(o, s, strlen(s));
}

static void put_thumbprint(wrp_cbor_out *o, const uint8_t *thumbprint)
{
    if (thumbprint != NULL)
        wrp_cbor_put_bstr(o, thumbprint, SHA256_LEN);
    else
        wrp_cbor_put_head(o, 7, 22);
}

/* Ends a builder: out of memory, or text that is not UTF-8 (the strict pre-walk checks every text
 * string), leaves *out empty. */
static wrp_status finish(wrp_cbor_out *out)
{
    wrp_status st = out->oom ? wrp_nomem()
                    : wrp_cbor_prewalk(out->p, out->len, NULL) != WRP_OK ? WRP_ERR_ARG
                                                                          : WRP_OK;
    if (st != WRP_OK)
        wrp_cbor_out_free(out);
    return st;
}

static bool sha256(const uint8_t *p, size_t n, uint8_t md[SHA256_LEN])
{
    unsigned int md_len = 0;
    static const uint8_t empty[1];
    return EVP_Digest(n > 0 ? p : empty, n, md, &md_len, EVP_sha256(), NULL) == 1 &&
           md_len == SHA256_LEN;
}

wrp_status wrp_mdoc_openid4vp_handover_info(const char *client_id, const char *nonce,
                                            const uint8_t *jwk_thumbprint,
                                            const char *response_uri, wrp_cbor_out *out)
{
    if (out == NULL || client_id == NULL || nonce == NULL || response_uri == NULL)
        return WRP_ERR_ARG;
    *out = (wrp_cbor_out){0};
    wrp_cbor_put_head(out, 4, 4);
    put_text(out, client_id);
    put_text(out, nonce);
    put_thumbprint(out, jwk_thumbprint);
    put_text(out, response_uri);
    return finish(out);
}

wrp_status wrp_mdoc_openid4vp_dcapi_handover_info(const char *origin, const char *nonce,
                                                  const uint8_t *jwk_thumbprint,
                                                  wrp_cbor_out *out)
{
    if (out == NULL || origin == NULL || nonce == NULL)
        return WRP_ERR_ARG;
    *out = (wrp_cbor_out){0};
    wrp_cbor_put_head(out, 4, 3);
    put_text(out, origin);
    put_text(out, nonce);
    put_thumbprint(out, jwk_thumbprint);
    return finish(out);
}

wrp_status wrp_mdoc_handover(const char *name, const uint8_t *info, size_t info_len,
                             wrp_cbor_out *out)
{
    if (out == NULL || name == NULL || (info == NULL && info_len > 0))
        return WRP_ERR_ARG;
    *out = (wrp_cbor_out){0};
    uint8_t md[SHA256_LEN];
    if (!sha256(info, info_len, md))
        return wrp_nomem();
    wrp_cbor_put_head(out, 4, 2);
    put_text(out, name);
    wrp_cbor_put_bstr(out, md, sizeof md);
    return finish(out);
}

wrp_status wrp_mdoc_session_transcript(const uint8_t *handover, size_t handover_len,
                                       wrp_cbor_out *out)
{
    if (out == NULL || handover == NULL || handover_len == 0)
        return WRP_ERR_ARG;
    *out = (wrp_cbor_out){0};
    wrp_cbor_put_head(out, 4, 3);
    wrp_cbor_put_head(out, 7, 22);
    wrp_cbor_put_head(out, 7, 22);
    wrp_cbor_put_raw(out, handover, handover_len);
    return finish(out);
}

/* info -> [name, SHA-256(info)] -> [null, null, handover]; info is released. */
static wrp_status transcript_from_info(wrp_status st, wrp_cbor_out *info, const char *name,
                                       wrp_cbor_out *out)
{
    wrp_cbor_out handover = {0};
    if (st == WRP_OK)
        st = wrp_mdoc_handover(name, info->p, info->len, &handover);
    if (st == WRP_OK)
        st = wrp_mdoc_session_transcript(handover.p, handover.len, out);
    wrp_cbor_out_free(info);
    wrp_cbor_out_free(&handover);
    return st;
}

wrp_status wrp_mdoc_transcript_openid4vp(const char *client_id, const char *nonce,
                                         const uint8_t *jwk_thumbprint, const char *response_uri,
                                         wrp_cbor_out *out)
{
    if (out == NULL)
        return WRP_ERR_ARG;
    *out = (wrp_cbor_out){0};
    wrp_cbor_out info = {0};
    wrp_status st = wrp_mdoc_openid4vp_handover_info(client_id, nonce, jwk_thumbprint,
                                                     response_uri, &info);
    return transcript_from_info(st, &info, "OpenID4VPHandover", out);
}

wrp_status wrp_mdoc_transcript_openid4vp_dcapi(const char *origin, const char *nonce,
                                               const uint8_t *jwk_thumbprint, wrp_cbor_out *out)
{
    if (out == NULL)
        return WRP_ERR_ARG;
    *out = (wrp_cbor_out){0};
    wrp_cbor_out info = {0};
    wrp_status st = wrp_mdoc_openid4vp_dcapi_handover_info(origin, nonce, jwk_thumbprint, &info);
    return transcript_from_info(st, &info, "OpenID4VPDCAPIHandover", out);
}

/* SHA-256(CBOR([a, b])) appended as a byte string. */
static void put_pair_hash(wrp_cbor_out *o, const char *a, const char *b)
{
    wrp_cbor_out pair = {0};
    uint8_t md[SHA256_LEN];
    wrp_cbor_put_head(&pair, 4, 2);
    put_text(&pair, a);
    put_text(&pair, b);
    if (pair.oom || !sha256(pair.p, pair.len, md))
        o->oom = true;
    else
        wrp_cbor_put_bstr(o, md, sizeof md);
    wrp_cbor_out_free(&pair);
}

wrp_status wrp_mdoc_transcript_iso18013_7_annex_b(const char *client_id, const char *response_uri,
                                                  const char *nonce,
                                                  const char *mdoc_generated_nonce,
                                                  wrp_cbor_out *out)
{
    if (out == NULL || client_id == NULL || response_uri == NULL || nonce == NULL ||
        mdoc_generated_nonce == NULL)
        return WRP_ERR_ARG;
    *out = (wrp_cbor_out){0};
    /* The hashed pairs do not appear in the output: check their text on its own. */
    wrp_cbor_out texts = {0};
    wrp_cbor_put_head(&texts, 4, 3);
    put_text(&texts, client_id);
    put_text(&texts, response_uri);
    put_text(&texts, mdoc_generated_nonce);
    wrp_status st = finish(&texts);
    wrp_cbor_out_free(&texts);
    if (st != WRP_OK)
        return st;
    wrp_cbor_put_head(out, 4, 3);
    wrp_cbor_put_head(out, 7, 22);
    wrp_cbor_put_head(out, 7, 22);
    wrp_cbor_put_head(out, 4, 3);
    put_pair_hash(out, client_id, mdoc_generated_nonce);
    put_pair_hash(out, response_uri, mdoc_generated_nonce);
    put_text(out, nonce);
    return finish(out);
}

wrp_status wrp_mdoc_transcript_iso18013_7_annex_c(const char *encryption_info_b64url,
                                                  const char *origin, wrp_cbor_out *out)
{
    if (out == NULL || encryption_info_b64url == NULL || origin == NULL)
        return WRP_ERR_ARG;
    *out = (wrp_cbor_out){0};
    wrp_cbor_out info = {0};
    wrp_cbor_put_head(&info, 4, 2);
    put_text(&info, encryption_info_b64url);
    put_text(&info, origin);
    return transcript_from_info(finish(&info), &info, "dcapi", out);
}

/* ---- RFC 7638 ----------------------------------------------------------------------------------- */

/* A member value that the canonical JSON can carry without escaping. */
static const char *plain_member(const cJSON *jwk, const char *name)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(jwk, name);
    if (!cJSON_IsString(v) || v->valuestring == NULL || v->valuestring[0] == 0)
        return NULL;
    for (const char *s = v->valuestring; *s != 0; s++)
        if (*s < 0x20 || *s > 0x7e || *s == '"' || *s == '\\')
            return NULL;
    return v->valuestring;
}

wrp_status wrp_jwk_thumbprint_sha256(const cJSON *jwk, uint8_t out[32], wrp_err *err)
{
    static const char *const ec[] = {"crv", "kty", "x", "y"};
    static const char *const okp[] = {"crv", "kty", "x"};
    static const char *const rsa[] = {"e", "kty", "n"};
    if (jwk == NULL || out == NULL)
        return wrp_fail(err, WRP_ERR_ARG, "no JWK");
    const char *kty = plain_member(jwk, "kty");
    const char *const *names;
    size_t n;
    if (kty != NULL && strcmp(kty, "EC") == 0)
        names = ec, n = 4;
    else if (kty != NULL && strcmp(kty, "OKP") == 0)
        names = okp, n = 3;
    else if (kty != NULL && strcmp(kty, "RSA") == 0)
        names = rsa, n = 3;
    else
        return wrp_fail(err, WRP_ERR_UNSUPPORTED, "JWK kty absent, or not EC, OKP or RSA");
    /* The required members in lexicographic order, no whitespace (RFC 7638 section 3.3). */
    wrp_cbor_out json = {0};
    wrp_cbor_put_raw(&json, (const uint8_t *)"{", 1);
    for (size_t i = 0; i < n; i++) {
        const char *v = plain_member(jwk, names[i]);
        if (v == NULL) {
            wrp_cbor_out_free(&json);
            return wrp_fail(err, WRP_ERR_MALFORMED,
                            "JWK member %s is absent, empty or needs escaping", names[i]);
        }
        if (i > 0)
            wrp_cbor_put_raw(&json, (const uint8_t *)",", 1);
        wrp_cbor_put_raw(&json, (const uint8_t *)"\"", 1);
        wrp_cbor_put_raw(&json, (const uint8_t *)names[i], strlen(names[i]));
        wrp_cbor_put_raw(&json, (const uint8_t *)"\":\"", 3);
        wrp_cbor_put_raw(&json, (const uint8_t *)v, strlen(v));
        wrp_cbor_put_raw(&json, (const uint8_t *)"\"", 1);
    }
    wrp_cbor_put_raw(&json, (const uint8_t *)"}", 1);
    bool ok = !json.oom && sha256(json.p, json.len, out);
    wrp_cbor_out_free(&json);
    return ok ? WRP_OK : wrp_fail(err, WRP_ERR_NOMEM, "JWK thumbprint: out of memory");
}
