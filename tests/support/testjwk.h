/* Public keys given as JWK (RFC 7517), for the test vectors that publish their key that way. */
#ifndef WRP_TESTJWK_H
#define WRP_TESTJWK_H

#include <cJSON.h>
#include <openssl/evp.h>

/* An EC public key {kty "EC", crv "P-256" | "P-384" | "P-521", x, y} (base64url coordinates of
 * exactly the field size). NULL for anything else, or when the point is not on the curve. */
EVP_PKEY *tj_ec_jwk_to_pkey(const cJSON *jwk);

#endif
