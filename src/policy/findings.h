/* The list of findings a judgement collects. Appends never fail loudly: allocation failure is
 * sticky in ->oom and turned into WRP_ERR_NOMEM by whoever finishes the judgement. */
#ifndef WRP_FINDINGS_H
#define WRP_FINDINGS_H

#include <stdbool.h>
#include <stddef.h>
#include "wrpcheck.h"
#include "util/path.h"

typedef enum wrp_source { WRP_SRC_NONE = 0, WRP_SRC_RC = 1, WRP_SRC_REGISTER = 2 } wrp_source;

typedef struct wrp_finding {
    wrp_code code;
    wrp_severity severity;
    char *message;       /* always set */
    char *credential_id; /* NULL when it does not apply */
    char *type;          /* NULL when it does not apply */
    bool has_path;
    wrp_path path;
    wrp_source source;
} wrp_finding;

typedef struct wrp_findings {
    wrp_finding *v;
    size_t n, cap;
    bool oom;
} wrp_findings;

/* The contract's severity of a code (warning for REVOCATION_SKIPPED and REGISTER_UNSIGNED, ...). */
wrp_severity wrp_code_severity(wrp_code code);

/* Appends a finding with the code's default severity; returns it (NULL after an allocation failure)
 * so that credential_id / type / path / source can be filled in. */
wrp_finding *wrp_findings_add(wrp_findings *f, wrp_code code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Sets an owned copy of a string field of a finding (sticky oom on failure). */
void wrp_finding_set_str(wrp_findings *f, char **field, const char *value);

bool wrp_findings_has(const wrp_findings *f, wrp_code code);
void wrp_findings_free(wrp_findings *f);

/* OVERASK or OVERASK_CREDENTIAL: the codes that warn mode softens and that alone make a verdict
 * warn rather than allow. */
bool wrp_code_is_overask(wrp_code c);

#endif
