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
#include "model/regparties.h"
#include "model/regset.h"
#include "policy/findings.h"

/* One register document as given: the bytes of a file (compact JWS, JWS JSON serialization, or
 * plain JSON). */
typedef struct wrp_register_input {
    const uint8_t *data;
    size_t len;
} wrp_register_input;

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

/* One signature of a register document as far as the time does not matter: its algorithm,
 * critical parameters and signer chain read, and the signature verified with x5c[0]. */
typedef enum wrp_register_sig_outcome {
    WRP_REGISTER_SIG_BAD = 0,      /* why says what is wrong */
    WRP_REGISTER_SIG_NO_CHAIN = 1, /* no usable signer chain; why says why */
    WRP_REGISTER_SIG_VERIFIED = 3  /* chain: the signer chain, judged at each judgement's time */
} wrp_register_sig_outcome;

typedef struct wrp_register_sig_state {
    wrp_register_sig_outcome outcome;
    wrp_chain chain;
    wrp_err why;
} wrp_register_sig_state;

/* The register documents read and their signatures verified once (per verifier): everything of
 * the check that does not depend on the time. Read-only afterwards, so shareable by threads. */
typedef struct wrp_register_docs {
    wrp_regdoc *docs;              /* one per input; all zero when input i could not be read */
    bool *parsed;                  /* parsed[i]: input i was read */
    wrp_err *why;                  /* why input i could not be read */
    wrp_register_sig_state **sigs; /* sigs[i][k]: signature k of document i */
    size_t n;
    wrp_reg_parties *parties;      /* the relying parties of the documents read, by identifier */
} wrp_register_docs;

/*
 * Reads every document and verifies each signature with its x5c[0] (wrp_regdoc_parse,
 * wrp_reg_sig_chain, wrp_reg_sig_signed and wrp_signer_verify); a document that cannot be read
 * is kept as unread with its reason, for the judgements to report. Status: WRP_ERR_NOMEM, WRP_ERR_ARG (more than
 * WRP_MAX_REGISTER_DOCS inputs); out is then empty.
 */
wrp_status wrp_register_load(const wrp_register_input *inputs, size_t n_inputs, wrp_register_docs *out);
void wrp_register_docs_free(wrp_register_docs *d);

/* The pointers docs, doc_parsed, party, use and regset point into the documents the result was
 * judged from: valid while they are (and until wrp_register_result_free). */
typedef struct wrp_register_result {
    const wrp_regdoc *docs;  /* one per input; docs[i] is all zero when input i could not be read */
    const bool *doc_parsed;  /* doc_parsed[i]: input i was read */
    bool *doc_authentic;  /* doc_authentic[i]: a signature of input i verified and its signer
                           * chains to a register anchor at the time */
    size_t n_docs;
    bool looked_up;       /* a certificate was given and at least one document was read */
    const wrp_reg_party *party; /* the relying party whose identifier is the certificate's sub */
    const wrp_reg_use *use;     /* its intended use intended_use_id, in force at the time */
    const wrp_regset *regset;   /* &use->credentials when use is set, else NULL */
    wrp_register_notes notes;   /* consistency warnings (only when use is set) */
    wrp_register_docs *own;     /* wrp_check_register: the documents it read, freed with the result */
} wrp_register_result;

/*
 * Reads and verifies every document, then looks up the relying party and intended use of rc.
 * Per document: REGISTER_MALFORMED (unreadable; the document is then not used), REGISTER_UNSIGNED
 * (warning; used), REGISTER_SIGNATURE / REGISTER_UNTRUSTED (no signature verifies with its x5c[0],
 * or none of those that verify chains to `anchors` at `time`; the document is still used for the
 * lookup, so that the result explains itself, and these errors deny). Lookup, when rc is non-NULL
 * and a document was read: REGISTER_NOT_FOUND, REGISTER_INTENDED_USE, and for an intermediated
 * certificate REGISTER_INTERMEDIARY (the entry does not name the intermediary). anchors may be NULL (no
 * register anchors: every signed document is untrusted).
 * Status: WRP_ERR_NOMEM, WRP_ERR_ARG (more than WRP_MAX_REGISTER_DOCS inputs); every other
 * problem is a finding.
 */
wrp_status wrp_check_register(const wrp_anchors *anchors, int64_t time,
                              const wrp_register_input *inputs, size_t n_inputs, const wrp_rc *rc,
                              wrp_register_result *out, wrp_findings *f);

/* The same judgement of documents read beforehand (wrp_register_load): only what depends on the
 * time is done again (each verified signer chain at `time`, the intended use in force at `time`),
 * with the same findings in the same order as wrp_check_register of the same inputs. */
wrp_status wrp_check_register_loaded(const wrp_anchors *anchors, int64_t time,
                                     const wrp_register_docs *docs, const wrp_rc *rc,
                                     wrp_register_result *out, wrp_findings *f);

/* The consistency warnings between rc and the matched entry (party, use); used by
 * wrp_check_register and exposed so that the integrator can map them to findings. */
void wrp_register_consistency(const wrp_rc *rc, const wrp_reg_party *party, const wrp_reg_use *use,
                              wrp_register_notes *out);

void wrp_register_result_free(wrp_register_result *r);

#endif
