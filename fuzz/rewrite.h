/* Editing a signed request's content in a fuzz target: a compact JWS taken apart into its header
 * and signature (kept as they are) and its payload as a JSON tree, edited, and put back. Under
 * the signature stub (nosig builds) the token still verifies when the signature's first byte says
 * so, so that an edit reaches the policy layer (the metamorphic checks of the audit target and
 * the structure-aware mutator). */
#ifndef WRP_FUZZ_REWRITE_H
#define WRP_FUZZ_REWRITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cJSON.h>

typedef struct fuzz_jws {
    char *header; /* the base64url text of the header, as received */
    char *sig;    /* the base64url text of the signature, as received */
    cJSON *payload;
} fuzz_jws;

/* Takes a compact JWS (three base64url parts, surrounding white space ignored) whose payload is
 * a JSON object apart. False when the input is not one (nothing to free). */
bool fuzz_jws_open(const uint8_t *in, size_t n, fuzz_jws *out);
/* The token again, with the payload as it now is (malloc'ed text; NULL when out of memory). */
char *fuzz_jws_close(const fuzz_jws *j);
void fuzz_jws_free(fuzz_jws *j);

/* True when the signature stub is linked in (a nosig build): a signature whose first byte is
 * WRP_FUZZ_SIG_ACCEPT verifies. Checked once, by a verification the real code refuses. */
bool fuzz_stub_signatures(void);

/* The object members of the tree in reverse order, at every depth; arrays keep their order. */
void fuzz_json_reverse_members(cJSON *node);
/* The elements of an array in reverse order. */
void fuzz_json_reverse_array(cJSON *arr);

#endif
