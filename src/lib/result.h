/* The result object behind the public accessors, and its JSON rendering. */
#ifndef WRP_RESULT_H
#define WRP_RESULT_H

#include "policy/audit.h"
#include "wrpcheck.h"

typedef struct wrp_result_alt {
    size_t a, b;
    bool registered;
} wrp_result_alt;

struct wrp_result {
    wrp_judgement j;
    wrp_verdict verdict;
    char *json;
    char *log_json;       /* the TS10 Presentation record (wrp_result_log_json) */
    char **finding_paths; /* per finding: its path as JSON, or NULL */
    char **item_paths;    /* per requested item: its path as JSON */
    /* Steps the judgement and its rendering took that depend on what the request asks (see
     * wrp_coverage.work); the DCQL alternatives add one per reference and per item. */
    size_t work;
    /* The language list the request gave (wrp_request_set_lang): the JSON gains `display`. */
    char *langs;
    /* The DCQL alternatives (the JSON's `options`), in its order: a claim set of a credential
     * query (a = the query, b = the option), or an option of a credential set (a = the set). */
    wrp_result_alt *claim_alts, *cred_alts;
    size_t n_claim_alts, n_cred_alts;
    /* What the registration certificate registers (src/lib/registered.c): one entry per claim of
     * each of its credentials, or per credential without a claim list. */
    struct wrp_result_reg *reg;
    size_t n_reg;
};

typedef struct wrp_result_reg {
    size_t cred;  /* index into the certificate's credentials */
    char *path;   /* the claim path as JSON; NULL: every claim of the credential's types */
    char *values; /* the claim's values as JSON, or NULL */
} wrp_result_reg;

wrp_result *wrp_result_new(void);

/* Computes the verdict from the findings (error for REQUEST_MALFORMED / INPUT_UNREADABLE, deny
 * for any error finding, warn for warning-level overasking only, allow otherwise) and renders
 * the JSON, the log record and the accessor strings. */
wrp_status wrp_result_finish(wrp_result *r);

/* Renders r->log_json from the judgement, the verdict and the item paths (lib/log.c). */
wrp_status wrp_result_render_log(wrp_result *r);

/* Renders, and frees, what the registration certificate registers (r->reg). */
wrp_status wrp_result_render_registered(wrp_result *r);
void wrp_result_free_registered(wrp_result *r);

#endif
