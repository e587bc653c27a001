/* ISO/IEC 18013-5 DeviceRequests judged: the request stage's findings and reader authentication. */
#ifndef WRP_READER_AUTH_H
#define WRP_READER_AUTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "crypto/x509.h"
#include "model/dcql.h"
#include "model/mdoc.h"
#include "model/registrar.h"
#include "policy/findings.h"

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

#endif
