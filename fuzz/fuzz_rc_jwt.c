/* Registration certificates as JWT (rc-wrp+jwt) through wrp_check_rc with the fixed context:
 * envelope, signer, payload model, rules, subject binding and status list. The input is a
 * compact JWS or the structured form of fuzz.h (`jwt` parts), which lets mutations reach the
 * decoded header and payload. Invariants: fuzz_check_rc. */
#include <stdlib.h>

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t *token;
    size_t n;
    FUZZ_ASSERT(fuzz_token(data, size, &token, &n));
    if (n > 0 && token[0] < 0x80) /* CBOR tokens are rc_cwt's */
        fuzz_check_rc(token, n);
    free(token);
    return 0;
}
