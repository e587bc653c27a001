/* The result object behind the public accessors, and its JSON rendering. */
#ifndef WRP_RESULT_H
#define WRP_RESULT_H

#include "policy/checks.h"
#include "util/findings.h"
#include "wrpcheck.h"

struct wrp_result {
    wrp_findings findings;
    wrp_rc_result rc;
    wrp_verdict verdict;
    char *json;
};

wrp_result *wrp_result_new(void);

/* Computes the verdict from the findings (error verdict for REQUEST_MALFORMED / INPUT_UNREADABLE,
 * deny for any error finding, allow otherwise) and renders the JSON. request_kind may be NULL. */
wrp_status wrp_result_finish(wrp_result *r, const char *request_kind);

#endif
