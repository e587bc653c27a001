/* Registrar datasets against the registration certificate (contract v1.1, ETSI TS 119 472-2). */
#include "policy/registrar.h"

#include <string.h>

#define WHAT "the registration certificate is what is shown"

static void about_doc(wrp_findings *f, wrp_finding *x, const wrp_registrar_dataset *d)
{
    if (x != NULL && d->doc[0] != 0)
        wrp_finding_set_str(f, &x->credential_id, d->doc);
}

static bool among(const wrp_rd_member *m, const char *value)
{
    for (size_t i = 0; i < m->n; i++)
        if (strcmp(m->v[i], value) == 0)
            return true;
    return false;
}

/* identifier: the certificate's sub must be one of the identifiers. */
static void check_identifier(const wrp_registrar_dataset *d, const char *sub, wrp_findings *f)
{
    const wrp_rd_member *m = &d->identifier;
    wrp_finding *x = NULL;
    if (sub == NULL || m->state == WRP_RD_ABSENT || (m->state == WRP_RD_READ && among(m, sub)))
        return;
    if (m->state == WRP_RD_UNREADABLE)
        x = wrp_findings_add(f, WRP_CODE_REGISTRAR_DATASET_MISMATCH,
                             "registrar dataset %s: identifier is neither a string nor an array of "
                             "objects with a string identifier, so it does not name the registration "
                             "certificate's sub \"%s\"; " WHAT, d->where, sub);
    else if (m->n == 0)
        x = wrp_findings_add(f, WRP_CODE_REGISTRAR_DATASET_MISMATCH,
                             "registrar dataset %s: identifier lists no identifier, so not the "
                             "registration certificate's sub \"%s\"; " WHAT, d->where, sub);
    else if (m->n == 1)
        x = wrp_findings_add(f, WRP_CODE_REGISTRAR_DATASET_MISMATCH,
                             "registrar dataset %s: identifier \"%s\" is not the registration "
                             "certificate's sub \"%s\"; " WHAT, d->where, m->v[0], sub);
    else
        x = wrp_findings_add(f, WRP_CODE_REGISTRAR_DATASET_MISMATCH,
                             "registrar dataset %s: identifier lists %zu identifiers, none of them the "
                             "registration certificate's sub \"%s\" (the first is \"%s\"); " WHAT,
                             d->where, m->n, sub, m->v[0]);
    about_doc(f, x, d);
}

/* A member of one string against the certificate's claim of the same meaning. */
static void check_one(const wrp_registrar_dataset *d, const wrp_rd_member *m, const char *member,
                      const char *claim, const char *value, wrp_findings *f)
{
    wrp_finding *x = NULL;
    if (value == NULL || m->state == WRP_RD_ABSENT || (m->state == WRP_RD_READ && among(m, value)))
        return;
    if (m->state == WRP_RD_UNREADABLE)
        x = wrp_findings_add(f, WRP_CODE_REGISTRAR_DATASET_MISMATCH,
                             "registrar dataset %s: %s is not a string, so it does not state the "
                             "registration certificate's %s \"%s\"; " WHAT, d->where, member, claim,
                             value);
    else
        x = wrp_findings_add(f, WRP_CODE_REGISTRAR_DATASET_MISMATCH,
                             "registrar dataset %s: %s \"%s\" differs from the registration "
                             "certificate's %s \"%s\"; " WHAT, d->where, member, m->v[0], claim,
                             value);
    about_doc(f, x, d);
}

void wrp_check_registrar(const wrp_registrar_datasets *ds, const wrp_rc *rc, wrp_findings *f)
{
    for (size_t i = 0; ds != NULL && i < ds->n; i++) {
        const wrp_registrar_dataset *d = &ds->v[i];
        if (d->unusable != NULL) {
            wrp_finding *x = wrp_findings_add(f, WRP_CODE_VERIFIER_INFO_IGNORED,
                                              "registrar dataset %s is ignored: %s", d->where,
                                              d->unusable);
            about_doc(f, x, d);
            continue;
        }
        if (rc == NULL)
            continue;
        check_identifier(d, rc->sub, f);
        check_one(d, &d->intended_use, "intendedUseIdentifier", "intended_use_id",
                  rc->intended_use_id, f);
        check_one(d, &d->registry_uri, "registryURI", "registry_uri", rc->registry_uri, f);
    }
}
