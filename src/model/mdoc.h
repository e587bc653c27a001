/* ISO/IEC 18013-5 DeviceRequest (versions 1.0 and 1.1) with reader authentication, and the
 * SessionTranscript builders for the common handovers. */
#ifndef WRP_MDOC_H
#define WRP_MDOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "crypto/x509.h"
#include "model/dcql.h"
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
} wrp_mdoc;

/*
 * Reads a DeviceRequest and verifies reader authentication over the caller's SessionTranscript
 * (CBOR bytes, or tag-24-wrapped SessionTranscriptBytes; NULL when not given). Appends:
 * REQUEST_MALFORMED, READER_AUTH_MISSING, READER_AUTH_UNVERIFIED, READER_AUTH_SIGNATURE,
 * RC_MULTIPLE. Chain trust (AC_*) is the pipeline's. Status: WRP_OK, or WRP_ERR_NOMEM.
 */
wrp_status wrp_mdoc_check(const uint8_t *in, size_t len, const uint8_t *transcript,
                          size_t transcript_len, wrp_mdoc *out, wrp_findings *f);

void wrp_mdoc_free(wrp_mdoc *m);

#endif
