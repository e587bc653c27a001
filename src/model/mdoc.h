/* ISO/IEC 18013-5 DeviceRequest (versions 1.0 and 1.1) with reader authentication, and the
 * SessionTranscript builders for the common handovers. */
#ifndef WRP_MDOC_H
#define WRP_MDOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cJSON.h>
#include "crypto/x509.h"
#include "model/dcql.h"
#include "model/registrar.h"
#include "util/cbor.h"
#include "util/findings.h"

typedef struct wrp_mdoc {
    bool parsed;          /* false: REQUEST_MALFORMED was reported */
    bool authenticated;   /* every DocRequest's reader authentication (or readerAuthAll) verified
                           * and all name the same reader certificate */
    wrp_chain chain;      /* the reader certificate chain (x5chain), n == 0 when none */
    wrp_dcql items;       /* requested items, one credential query per DocRequest: id "0", "1",
                           * ...; format "mso_mdoc"; types [docType]; claims [namespace, element]
                           * with intent_to_retain, plus alternativeDataElements */
    size_t n_rc;          /* distinct requestInfo.euWrprc values */
    uint8_t *rc;          /* the registration certificate (JWS text or CWT bytes), or NULL */
    size_t rc_len;
    wrp_registrar_datasets datasets; /* requestInfo.euWrpRegistrarInfo of each DocRequest that
                                      * has one, in order (ETSI TS 119 472-2); never the
                                      * certificate */
} wrp_mdoc;

/*
 * Reads a DeviceRequest and verifies reader authentication over the caller's SessionTranscript
 * (CBOR bytes, or tag-24-wrapped SessionTranscriptBytes; NULL when not given). Appends:
 * REQUEST_MALFORMED, READER_AUTH_MISSING, READER_AUTH_UNVERIFIED, READER_AUTH_SIGNATURE,
 * RC_MULTIPLE. Chain trust (AC_*) is the pipeline's. Status: WRP_OK, or WRP_ERR_NOMEM.
 *
 * Structure (any deviation is REQUEST_MALFORMED, and then nothing else is reported):
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
wrp_status wrp_mdoc_check(const uint8_t *in, size_t len, const uint8_t *transcript,
                          size_t transcript_len, wrp_mdoc *out, wrp_findings *f);

void wrp_mdoc_free(wrp_mdoc *m);

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
