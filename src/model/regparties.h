/* The relying parties of register documents indexed by identifier: a lookup costs a logarithm of
 * the parties read, not a scan of them. Built once with the documents (wrp_register_load), then
 * read-only, so shareable by threads. */
#ifndef WRP_MODEL_REGPARTIES_H
#define WRP_MODEL_REGPARTIES_H

#include <stdbool.h>
#include <stddef.h>
#include "model/register.h"
#include "util/err.h"

typedef struct wrp_reg_parties wrp_reg_parties;

/* Indexes the top-level relying parties of docs[i] for every i with parsed[i] (the documents must
 * outlive the index) by each identifier[].identifier. Status: WRP_OK or WRP_ERR_NOMEM. */
wrp_status wrp_reg_parties_new(const wrp_regdoc *docs, const bool *parsed, size_t n,
                               wrp_reg_parties **out);
void wrp_reg_parties_free(wrp_reg_parties *ix);

/* The relying parties indexed in all (those a scan would have read). */
size_t wrp_reg_parties_count(const wrp_reg_parties *ix);

/* The relying parties with an identifier[].identifier equal to sub, byte for byte, each once, in
 * document order and, within a document, in the order of its listing: *out (malloc'ed, *n of
 * them; NULL when none). Status: WRP_OK or WRP_ERR_NOMEM. */
wrp_status wrp_reg_parties_find(const wrp_reg_parties *ix, const char *sub,
                                const wrp_reg_party ***out, size_t *n);

#endif
