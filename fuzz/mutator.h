/* Structure-aware mutation of requests (fuzz/README.md): libFuzzer's LLVMFuzzerCustomMutator of
 * the request targets decodes the request's JSON (a compact JWS payload, the payload part of the
 * structured "jwt" form, or plain JSON), edits the tree (delete, duplicate, graft, swap, replace a
 * scalar or a member name with a word of the DCQL and OpenID4VP vocabulary, mutate a string's
 * bytes), also inside a registration certificate carried as a JWS string, and serializes it
 * again, so that mutations reach the policy layer instead of dying in base64 or the signature.
 * Half the mutations, and all of them when WRP_FUZZ_PLAIN_MUTATOR is set in the environment,
 * are libFuzzer's own (for comparing the two). */
#ifndef WRP_FUZZ_MUTATOR_H
#define WRP_FUZZ_MUTATOR_H

#include <stddef.h>
#include <stdint.h>

/* The mutation of data[0..size) in place (at most max_size bytes), returning the new size. The
 * request is the whole input when sep is NULL, else part `part` of the input split at sep. */
size_t fuzz_mutate(uint8_t *data, size_t size, size_t max_size, unsigned seed, const char *sep, size_t part);

#endif
