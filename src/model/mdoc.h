/* ISO/IEC 18013-5 DeviceRequest (versions 1.0 and 1.1) as read, what its reader authentication
 * signs, and the SessionTranscript builders for the common handovers. Facts only:
 * policy/reader_auth.c judges them. */
#ifndef WRP_MDOC_H
#define WRP_MDOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cJSON.h>
#include "crypto/cose.h"
#include "crypto/x509.h"
#include "model/dcql.h"
#include "model/registrar.h"
#include "util/cbor.h"

typedef struct wrp_mdoc_doc {
    const uint8_t *items_raw; /* ItemsRequest as received: the tag-24 byte string's content */
    size_t items_len;
    cbor_item_t *items;       /* the same bytes decoded (owned) */
    const cbor_item_t *doc_type, *name_spaces;
    const cbor_item_t *alternatives; /* requestInfo.alternativeDataElements, or NULL */
    const cbor_item_t *rc;           /* requestInfo.euWrprc, or NULL */
    const cbor_item_t *dataset;      /* requestInfo.euWrpRegistrarInfo, or NULL */
    size_t n_refs;                   /* data elements plus alternative references */
    bool has_auth;
    wrp_cose_sign1 auth;             /* readerAuth, when has_auth */
} wrp_mdoc_doc;

/* A DeviceRequest as read. */
typedef struct wrp_mdoc_request {
    cbor_item_t *root;
    wrp_mdoc_doc *docs;
    size_t n_docs;
    const uint8_t *info_raw; /* DeviceRequestInfo as received (1.1), or NULL */
    size_t info_len;
    cbor_item_t *info;
    wrp_cose_sign1 *all; /* readerAuthAll (1.1) */
    size_t n_all;
} wrp_mdoc_request;

/*
 * Reads a DeviceRequest into *dr (free it with wrp_mdoc_request_free in every case). Status:
 * WRP_OK; WRP_ERR_MALFORMED (err says where) for any deviation from this structure; WRP_ERR_NOMEM.
 *
 *  - DeviceRequest: a map with "version" "1.0" or "1.1" and "docRequests" a non-empty array
 *    (<= WRP_MAX_DCQL_CREDENTIALS). Version "1.1" may add "deviceRequestInfo"
 *    (#6.24(bstr .cbor map)) and "readerAuthAll" (an array of 1..WRP_MAX_MDOC_READER_AUTH_ALL
 *    COSE_Sign1, or one COSE_Sign1 as early drafts sent it); in "1.0" both are ignored. Other
 *    keys are ignored.
 *  - DocRequest: a map with "itemsRequest" #6.24(bstr) holding exactly one CBOR map, and
 *    optional "readerAuth", a COSE_Sign1.
 *  - ItemsRequest: "docType" text; "nameSpaces" a non-empty map of text to a non-empty map of
 *    text to bool; optional "requestInfo", a map with text keys, where "euWrprc" must be a byte
 *    string and "alternativeDataElements" an array of {"requestedElement": ElementReference,
 *    "alternativeElementSets": [+ [+ ElementReference]]}, ElementReference = [namespace,
 *    element]. Keys compare exactly ("eUWrprc" is not "euWrprc"); "euWrpRegistrarInfo" is read
 *    into datasets whatever its shape (one that is not a map, or a byte string holding a JSON
 *    object, is kept as unusable); other keys are ignored. Names holding a NUL byte are refused.
 * The ItemsRequest bytes signed over are the tag-24 content as received; only the tag and byte
 * string heads around them are written anew (in preferred form).
 */
wrp_status wrp_mdoc_read(const uint8_t *in, size_t len, wrp_mdoc_request *dr, wrp_err *err);

void wrp_mdoc_request_free(wrp_mdoc_request *dr);

/* The requested items, one credential query per DocRequest: id "0", "1", ...; format "mso_mdoc";
 * types [docType]; claims [namespace, element] with intent_to_retain, plus
 * alternativeDataElements. */
wrp_status wrp_mdoc_items(const wrp_mdoc_request *dr, wrp_dcql *items);

/* requestInfo.euWrprc: *n_rc distinct values across the DocRequests, and a copy of the first
 * (JWS text or CWT bytes; *rc NULL when none). DocRequests without one are fine: the certificate
 * of the others speaks for the whole request, since every DocRequest is judged against it. */
wrp_status wrp_mdoc_rc(const wrp_mdoc_request *dr, uint8_t **rc, size_t *rc_len, size_t *n_rc);

/* requestInfo.euWrpRegistrarInfo of each DocRequest that has one, in order (ETSI TS 119 472-2),
 * appended to out: DocRequests may carry different ones. */
wrp_status wrp_mdoc_datasets(const wrp_mdoc_request *dr, wrp_registrar_datasets *out);

/* The SessionTranscript to embed in ReaderAuthentication: the caller's bytes, or the content of
 * their tag-24 wrapper; either way an array of three items. *tree keeps the storage alive (the
 * caller releases it with cbor_decref when non-NULL). */
wrp_status wrp_mdoc_transcript_bytes(const uint8_t *in, size_t len, cbor_item_t **tree,
                                     const uint8_t **out, size_t *out_len, wrp_err *err);

/* What reader authentication signs (detached payloads), as #6.24(bstr .cbor):
 * ReaderAuthentication = ["ReaderAuthentication", SessionTranscript, ItemsRequestBytes] of one
 * DocRequest, and ReaderAuthenticationAll = ["ReaderAuthenticationAll", SessionTranscript,
 * [+ ItemsRequestBytes], DeviceRequestInfoBytes / null]. */
wrp_status wrp_mdoc_reader_authentication(const uint8_t *st, size_t st_len, const wrp_mdoc_doc *d,
                                          wrp_cbor_out *out);
wrp_status wrp_mdoc_reader_authentication_all(const uint8_t *st, size_t st_len,
                                              const wrp_mdoc_request *dr, wrp_cbor_out *out);

/* ---- SessionTranscript builders ----------------------------------------------------------------
 * Each writes CBOR into *out (start from a zeroed wrp_cbor_out; release with wrp_cbor_out_free).
 * Strings are NUL-terminated UTF-8; jwk_thumbprint is 32 bytes (the RFC 7638 SHA-256 thumbprint
 * of the verifier's response encryption key) or NULL, which encodes null (an unencrypted
 * response). Status: WRP_OK; WRP_ERR_ARG for a missing string or one that is not UTF-8 (then
 * *out is left empty); WRP_ERR_NOMEM. */

/* OpenID4VP 1.0 appendix B.2.6.1 (redirects): [clientId, nonce, jwkThumbprint, responseUri].
 * client_id with its prefix; response_uri is the redirect_uri when the response mode uses one. */
wrp_status wrp_mdoc_openid4vp_handover_info(const char *client_id, const char *nonce,
                                            const uint8_t *jwk_thumbprint,
                                            const char *response_uri, wrp_cbor_out *out);

/* OpenID4VP 1.0 appendix B.2.6.2 (DC API): [origin, nonce, jwkThumbprint]; origin without the
 * "origin:" prefix. */
wrp_status wrp_mdoc_openid4vp_dcapi_handover_info(const char *origin, const char *nonce,
                                                  const uint8_t *jwk_thumbprint,
                                                  wrp_cbor_out *out);

/* [name, SHA-256(info)]: "OpenID4VPHandover" or "OpenID4VPDCAPIHandover" over the CBOR above. */
wrp_status wrp_mdoc_handover(const char *name, const uint8_t *info, size_t info_len,
                             wrp_cbor_out *out);

/* [null, null, Handover], the handover's CBOR embedded as given. */
wrp_status wrp_mdoc_session_transcript(const uint8_t *handover, size_t handover_len,
                                       wrp_cbor_out *out);

/* The whole SessionTranscript for OpenID4VP 1.0 redirects and for the DC API. */
wrp_status wrp_mdoc_transcript_openid4vp(const char *client_id, const char *nonce,
                                         const uint8_t *jwk_thumbprint, const char *response_uri,
                                         wrp_cbor_out *out);
wrp_status wrp_mdoc_transcript_openid4vp_dcapi(const char *origin, const char *nonce,
                                               const uint8_t *jwk_thumbprint, wrp_cbor_out *out);

/* ISO/IEC 18013-7:2024 annex B (OpenID4VP drafts before 1.0): Handover = [SHA-256(CBOR([client_id,
 * mdocGeneratedNonce])), SHA-256(CBOR([response_uri, mdocGeneratedNonce])), nonce]. */
wrp_status wrp_mdoc_transcript_iso18013_7_annex_b(const char *client_id, const char *response_uri,
                                                  const char *nonce,
                                                  const char *mdoc_generated_nonce,
                                                  wrp_cbor_out *out);

/* ISO/IEC 18013-7 annex C (org-iso-mdoc over the DC API): Handover = ["dcapi",
 * SHA-256(CBOR([encryptionInfo, origin]))], encryptionInfo the base64url text the request sent. */
wrp_status wrp_mdoc_transcript_iso18013_7_annex_c(const char *encryption_info_b64url,
                                                  const char *origin, wrp_cbor_out *out);

/* RFC 7638 SHA-256 thumbprint of a public JWK: kty "EC" (crv, kty, x, y), "OKP" (crv, kty, x) or
 * "RSA" (e, kty, n). The members must be strings that need no JSON escaping (printable ASCII
 * other than '"' and '\'). Status: WRP_ERR_UNSUPPORTED for another kty, WRP_ERR_MALFORMED for a
 * missing or unusable member. */
wrp_status wrp_jwk_thumbprint_sha256(const cJSON *jwk, uint8_t out[32], wrp_err *err);

#endif
