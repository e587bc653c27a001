/* Whether a trusted list (ETSI TS 119 602 LoTE, read by model/lote.c) may be used at a time: its
 * signature through the one signer check, its signer, and its issue and next-update dates. */
#ifndef WRP_LOTE_CHECK_H
#define WRP_LOTE_CHECK_H

#include <stdint.h>
#include "crypto/x509.h"
#include "model/lote.h"
#include "util/err.h"

typedef enum wrp_lote_result {
    WRP_LOTE_OK = 0,
    WRP_LOTE_UNSIGNED = 1,      /* a signer was required and the list carries no signature */
    WRP_LOTE_BAD_SIGNATURE = 2, /* alg or crit refused, no usable key, or the signature fails */
    WRP_LOTE_UNTRUSTED = 3,     /* the signer does not chain to a list-signer anchor at the time */
    WRP_LOTE_NOT_YET_ISSUED = 4,/* time < ListIssueDateTime */
    WRP_LOTE_OUTDATED = 5       /* time >= NextUpdate: the list must not be used */
} wrp_lote_result;

const char *wrp_lote_result_str(wrp_lote_result r);

/*
 * Whether the list may be used at Unix time t. With signers non-NULL the list must be signed by
 * x5c[0] of its JWS header with that chain reaching `signers` at t, or, when the header has no
 * x5c, by one of the `signers` certificates itself (valid at t). With signers NULL no signature is
 * required (the list is trusted as given, like a PEM anchor file), but a signature that is there
 * must be intact: it must verify with the x5c[0] it names (BAD_SIGNATURE otherwise; one without
 * x5c has nothing to be checked against). Then ListIssueDateTime <= t < NextUpdate. why receives
 * the reason of a refusal.
 */
wrp_lote_result wrp_lote_check(const wrp_lote *l, const wrp_anchors *signers, int64_t t, wrp_err *why);

#endif
