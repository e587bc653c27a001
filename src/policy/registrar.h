/* Registrar datasets sent beside the registration certificate (ETSI TS 119 472-2): each must agree
 * with the verified certificate. The dataset is unsigned: it never replaces the certificate, and
 * nothing shown comes from it. */
#ifndef WRP_POLICY_REGISTRAR_H
#define WRP_POLICY_REGISTRAR_H

#include "model/rc.h"
#include "model/registrar.h"
#include "policy/findings.h"

/*
 * Appends, for each dataset in order: VERIFIER_INFO_IGNORED (info) when it is not an object (it
 * is ignored); otherwise, when rc is given (the certificate verified), one
 * REGISTRAR_DATASET_MISMATCH (warning) for each member that disagrees with it: the certificate's
 * sub not among `identifier`, `intendedUseIdentifier` other than intended_use_id, `registryURI`
 * other than registry_uri; a member of an unreadable shape disagrees. A member absent from either
 * side is not compared. Findings about a DeviceRequest's dataset name its DocRequest as
 * credential_id. rc NULL: only the unusable datasets are reported. Allocation failures are sticky
 * in f->oom.
 */
void wrp_check_registrar(const wrp_registrar_datasets *ds, const wrp_rc *rc, wrp_findings *f);

#endif
