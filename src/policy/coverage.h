/* The overasking engine: which requested items a registered set covers (contract rules 1-6). */
#ifndef WRP_COVERAGE_H
#define WRP_COVERAGE_H

#include <stdbool.h>
#include <stddef.h>
#include "model/dcql.h"
#include "model/regset.h"
#include "policy/findings.h"

/* A registered set indexed for matching (model/regindex.h): a requested path costs one walk of
 * the set's automaton and a few binary searches, whatever the sizes of both sides. */
typedef struct wrp_cov_index wrp_cov_index;

wrp_status wrp_cov_index_new(const wrp_regset *reg, wrp_cov_index **out);
void wrp_cov_index_free(wrp_cov_index *ix);

/* One requested item: a (credential query, type, claim) triple; claim == SIZE_MAX for a request
 * of the whole credential (a query without claims). type == SIZE_MAX for a query of a format
 * that has no types (it can never be covered). */
typedef struct wrp_cov_item {
    size_t cred, type, claim;
    bool registered; /* covered by every source evaluated */
} wrp_cov_item;

typedef struct wrp_coverage {
    wrp_cov_item *items;
    size_t n;
    /* Steps taken so far (items listed, the index builds, index probes and transitions, claims
     * and values compared): what the bounded-work tests and the fuzzers hold against the size
     * of the input. */
    size_t work;
} wrp_coverage;

/* How many items wrp_coverage_init would list: linear in the query, nothing allocated. */
size_t wrp_coverage_count(const wrp_dcql *q);

/* Lists every requested item of q (all registered until a source says otherwise). */
wrp_status wrp_coverage_init(const wrp_dcql *q, wrp_coverage *out);

/*
 * Evaluates one source against the items: an item it does not cover is marked unregistered and
 * reported: OVERASK_CREDENTIAL once per (credential, type) without a registered entry of that
 * format and type (its claims are then not reported one by one), OVERASK per uncovered
 * (credential, type, path) otherwise. Findings carry credential_id, type, path and source.
 */
wrp_status wrp_coverage_eval(const wrp_dcql *q, const wrp_cov_index *ix, wrp_source source,
                             wrp_coverage *cov, wrp_findings *f);

void wrp_coverage_free(wrp_coverage *c);

#endif
