/* Anchor sets for the test programs that work below the public API. */
#ifndef WRP_TESTANCHORS_H
#define WRP_TESTANCHORS_H

#include "crypto/x509.h"

/* Every certificate of a PEM or DER file (relative to the repository root) as an anchor set; NULL
 * when the file cannot be read or holds no certificate. */
wrp_anchors *tu_anchors_from_file(const char *path);

#endif
