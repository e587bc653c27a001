/* What the findings and the registered items decide (contract "Verdicts"): the verdict, whether a
 * requested item counts as registered, and which DCQL alternatives (claim_sets options,
 * credential_sets options) can be presented within what is registered. */
#ifndef WRP_VERDICT_H
#define WRP_VERDICT_H

#include <stdbool.h>
#include <stddef.h>
#include "policy/audit.h"
#include "policy/findings.h"

/* error when REQUEST_MALFORMED or INPUT_UNREADABLE is among the findings; otherwise deny when any
 * finding is an error; otherwise warn when overasking was reported (as warnings); otherwise allow. */
wrp_verdict wrp_verdict_of(const wrp_findings *f);

/* A requested item is registered when some registration source was usable and covers it. */
bool wrp_item_registered(const wrp_judgement *j, const wrp_cov_item *it);

/* The alternatives' facts, computed once from the requested items so that every claim_sets and
 * credential_sets reference is answered in constant time. */
typedef struct wrp_alternatives {
    size_t *base;   /* per credential query: its first slot in claim_ok */
    bool *claim_ok; /* per (credential query, claim): registered for every type of the query */
    bool *cred_ok;  /* per credential query: one claim_sets option (without them, every claim)
                     * registered, so that the credential can be presented within its
                     * registration */
} wrp_alternatives;

/* Fills *a from j (free it with wrp_alternatives_free, also on failure); *work counts the steps. */
wrp_status wrp_alternatives_judge(const wrp_judgement *j, wrp_alternatives *a, size_t *work);

/* Whether every claim a claim_sets option r of credential query cred names is registered. */
bool wrp_alternatives_refs(const wrp_alternatives *a, size_t cred, const wrp_dcql_refs *r, size_t *work);

void wrp_alternatives_free(wrp_alternatives *a);

#endif
