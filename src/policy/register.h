/* The register stage of a judgement: register documents verified to the register anchors, the
 * relying party and its intended use looked up for the registration certificate, and what the
 * register lets the relying party ask for (a registered set for the coverage engine, whose
 * findings then carry source=register). */
#ifndef WRP_POLICY_REGISTER_H
#define WRP_POLICY_REGISTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "crypto/x509.h"
#include "model/rc.h"
#include "model/register.h"
#include "model/regset.h"
#include "util/findings.h"

/* One register document as given: the bytes of a file (compact JWS, JWS JSON serialization, or
 * plain JSON). */
typedef struct wrp_register_input {
    const uint8_t *data;
    size_t len;
} wrp_register_input;

typedef struct wrp_register_opts {
    /* false (the contract): sub must equal an identifier[].identifier byte for byte. true: an
     * identifier also matches through its EN 319 412-1 form (wrp_reg_identifier_semantic). */
    bool semantic_ids;
} wrp_register_opts;

/*
 * Consistency between the registration certificate and the register entry. These are warnings
 * for which the public code table has no code yet; the integrator maps each kind to one
 * (proposed: REGISTER_INCONSISTENT, severity warning).
 */
typedef enum wrp_register_note_kind {
    WRP_REGISTER_NOTE_ENTITLEMENTS = 1, /* the certificate's entitlements differ from the register's */
    WRP_REGISTER_NOTE_NAME = 2          /* a name in the certificate is not among the register's */
} wrp_register_note_kind;

typedef struct wrp_register_note {
    wrp_register_note_kind kind;
    char message[320];
} wrp_register_note;

typedef struct wrp_register_notes {
    wrp_register_note v[4];
    size_t n;
    size_t work; /* entitlements listed and compared (the bounded-work tests hold it to their sum) */
} wrp_register_notes;

/* The pointers party, use and regset point into docs: valid until wrp_register_result_free. */
typedef struct wrp_register_result {
    wrp_regdoc *docs;     /* one per input; docs[i] is all zero when input i could not be read */
    bool *doc_parsed;     /* doc_parsed[i]: input i was read */
    bool *doc_authentic;  /* doc_authentic[i]: a signature of input i verified and its signer
                           * chains to a register anchor at the time */
    size_t n_docs;
    bool looked_up;       /* a certificate was given and at least one document was read */
    wrp_reg_match match;  /* how the relying party was found */
    const wrp_reg_party *party; /* the relying party whose identifier is the certificate's sub */
    const wrp_reg_use *use;     /* its intended use intended_use_id, in force at the time */
    const wrp_regset *regset;   /* &use->credentials when use is set, else NULL */
    wrp_register_notes notes;   /* consistency warnings (only when use is set) */
} wrp_register_result;

/*
 * Reads and verifies every document, then looks up the relying party and intended use of rc.
 * Per document: REGISTER_MALFORMED (unreadable; the document is then not used), REGISTER_UNSIGNED
 * (warning; used), REGISTER_SIGNATURE / REGISTER_UNTRUSTED (no signature verifies with its x5c[0],
 * or none of those that verify chains to `anchors` at `time`; the document is still used for the
 * lookup, so that the result explains itself, and these errors deny). Lookup, when rc is non-NULL
 * and a document was read: REGISTER_NOT_FOUND, REGISTER_INTENDED_USE, and for an intermediated
 * certificate REGISTER_INTERMEDIARY (the entry does not name the intermediary). anchors may be NULL (no
 * register anchors: every signed document is untrusted); opts may be NULL (defaults).
 * Status: WRP_ERR_NOMEM, WRP_ERR_ARG (more than WRP_MAX_REGISTER_DOCS inputs); every other
 * problem is a finding.
 */
wrp_status wrp_check_register(const wrp_anchors *anchors, int64_t time,
                              const wrp_register_input *inputs, size_t n_inputs, const wrp_rc *rc,
                              const wrp_register_opts *opts, wrp_register_result *out,
                              wrp_findings *f);

/* The consistency warnings between rc and the matched entry (party, use); used by
 * wrp_check_register and exposed so that the integrator can map them to findings. */
void wrp_register_consistency(const wrp_rc *rc, const wrp_reg_party *party, const wrp_reg_use *use,
                              wrp_register_notes *out);

void wrp_register_result_free(wrp_register_result *r);

#endif
