/* The result object behind the public accessors, and its JSON rendering. */
#ifndef WRP_RESULT_H
#define WRP_RESULT_H

#include "policy/audit.h"
#include "wrpcheck.h"

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
};

wrp_result *wrp_result_new(void);

/* Computes the verdict from the findings (error for REQUEST_MALFORMED / INPUT_UNREADABLE, deny
 * for any error finding, warn for warning-level overasking only, allow otherwise) and renders
 * the JSON, the log record and the accessor strings. */
wrp_status wrp_result_finish(wrp_result *r);

/* Renders r->log_json from the judgement, the verdict and the item paths (lib/log.c). */
wrp_status wrp_result_render_log(wrp_result *r);

#endif
