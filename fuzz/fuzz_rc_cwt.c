/* Registration certificates as CWT (COSE_Sign1, rc-wrp+cwt) through wrp_check_rc with the fixed
 * context. The input is the CBOR token or the structured form of fuzz.h (`cwt`, `cwt18`, `cwt61`
 * parts), which lets mutations change the protected header and the claims without breaking the
 * lengths around them. Invariants: fuzz_check_rc. */
#include <stdlib.h>

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    uint8_t *token;
    size_t n;
    FUZZ_ASSERT(fuzz_token(data, size, &token, &n));
    if (n > 0 && token[0] >= 0x80) /* text tokens are rc_jwt's */
        fuzz_check_rc(token, n);
    free(token);
    return 0;
}
