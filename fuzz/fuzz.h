/* Shared by the fuzz targets (fuzz/README.md): invariant checks, structured inputs, and the fixed
 * trust configuration built from the test PKI that fuzz/embed.py compiles into every target. */
#ifndef WRP_FUZZ_H
#define WRP_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cJSON.h>
#include <openssl/err.h>
#include <openssl/evp.h>

#include "model/dcql.h"
#include "policy/context.h"

/* libFuzzer's entry point; fuzz/standalone.c calls it too. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* An invariant of the library that the input broke: reported, then abort() so that the engine
 * keeps the input (and the replay in `make test` fails). */
_Noreturn void fuzz_fail(const char *file, int line, const char *what);
#define FUZZ_ASSERT(cond)                                \
    do {                                                 \
        if (!(cond))                                     \
            fuzz_fail(__FILE__, __LINE__, #cond);        \
    } while (0)

/* The verification time of every target: the test vectors' T (2027-01-01T00:00:00Z). */
#define FUZZ_TIME INT64_C(1798761600)

/* Separators of structured inputs: parts of a token, and the parts of the API target's input
 * (which may themselves be structured tokens). Neither occurs in PEM, JSON or base64 text. */
#define FUZZ_SEP "\n--8<--\n"
#define FUZZ_SEP_OUTER "\n==8<==\n"

typedef struct fuzz_part {
    const uint8_t *p; /* NULL when the part is absent */
    size_t n;
} fuzz_part;

/* Splits in[0..len) at sep into at most max parts; the last part keeps any further separators.
 * Parts beyond the number found are set absent. Returns the number found (>= 1). */
size_t fuzz_split(const uint8_t *in, size_t len, const char *sep, fuzz_part *parts, size_t max);

/*
 * A token (JWS compact or COSE_Sign1/CWT) from a fuzz input: the input as it is, or, when it
 * holds FUZZ_SEP, built from parts so that mutations land in decoded bytes:
 *   jwt   SEP header-json SEP payload SEP signature     -> B64URL(h).B64URL(p).B64URL(s)
 *   cwt   SEP protected SEP payload SEP signature [SEP unprotected-cbor]
 *                                                       -> [bstr, unprotected (a0), bstr, bstr]
 *   cwt18 ..., cwt61 ...                                -> the same under tag 18 / tag 61(18)
 * *out is malloc'ed (free it); false only when out of memory.
 */
bool fuzz_token(const uint8_t *in, size_t len, uint8_t **out, size_t *outlen);

/* A file of the embedded test PKI (testvectors/rc/pki/NAME and rc/sl-valid.*), by name;
 * aborts when absent (a build problem, not an input). */
typedef struct fuzz_blob {
    const char *name;
    const uint8_t *p;
    size_t n;
} fuzz_blob;
const fuzz_blob *fuzz_file(const char *name);

/*
 * The fixed context of the policy targets, built on first use and never freed: AC anchor
 * ac-root, RC anchor rc-root, CRL crl-good, the status list sl-valid twice (as a JWT with its
 * real signature and as a CWT re-signed for the signature stub, so that one counts in either
 * build), time FUZZ_TIME, revocation on.
 */
const wrp_ctx *fuzz_ctx(void);

/* The public key of a certificate, or NULL when OpenSSL cannot decode it (its error cleared:
 * the targets check that the library leaves the queue empty, and this call is the target's). */
EVP_PKEY *fuzz_key_of(X509 *cert);

/* Public keys of the RC signers (P-256, P-384, RSA 2048, Ed25519) for the envelope targets;
 * fuzz_keys()[i] for i < FUZZ_N_KEYS. */
#define FUZZ_N_KEYS 4
EVP_PKEY *const *fuzz_keys(void);

/*
 * What every chain read from an input must satisfy: 1..WRP_MAX_CHAIN_LEN certificates whose
 * fields can be read (or are refused as malformed) and whose SHA-256 is that of their DER, and
 * path validation against the fixed AC and RC anchors, plus a CRL check of the first certificate,
 * that return one of their documented results and leave the OpenSSL error queue empty.
 */
/* A decoded certificate's re-encoding decodes again to the same certificate and is stable. The
 * bytes received may differ from it: certificates are decoded by OpenSSL, and an encoding it
 * accepts (BER outside the signed part, say) is accepted (cli-contract.md). */
void fuzz_check_reencoding(X509 *cert);
void fuzz_check_chain(const wrp_chain *chain);

/* Structural equality of two cJSON trees, members in order; numbers exactly, or (printed) within
 * the precision cJSON prints with, which is 15 significant digits whenever those read back within
 * DBL_EPSILON (so 2^53 prints as 9.00719925474099e+15). Linear, unlike cJSON_Compare, which looks
 * every member up in both directions and so takes time exponential in the nesting depth. */
bool fuzz_json_equal(const cJSON *a, const cJSON *b, bool printed);

/* True when p[0..n) is valid UTF-8 (RFC 3629): what every message and JSON text we hand out
 * must be. */
bool fuzz_utf8_ok(const uint8_t *p, size_t n);

/*
 * Judges a registration certificate twice with wrp_check_rc under fuzz_ctx: for a request bound
 * to the access certificate identifier of ac-leaf.pem with revocation on, and on its own with
 * revocation off. Invariants: status OK (or NOMEM); only RC_* codes, each an error with a UTF-8
 * message; authentic excludes RC_ALG, RC_SIGNATURE and RC_UNTRUSTED; RC_ALG comes with
 * RC_SIGNATURE; an unparsed payload is RC_MALFORMED; and the second judgement's findings are
 * the first's without RC_ENTITLEMENT, RC_SUBJECT_MISMATCH, RC_REVOKED and RC_STATUS_UNKNOWN.
 */
void fuzz_check_rc(const uint8_t *token, size_t n);

/*
 * What every accepted DCQL query must satisfy (wrp_dcql_parse's documented rules): 1..
 * WRP_MAX_DCQL_CREDENTIALS credential queries, ids non-empty of A-Za-z0-9_-, unique and found by
 * wrp_dcql_find; claim and credential set references in range; mdoc paths of two strings; no path
 * twice; every path survives path -> JSON -> path and covers itself.
 */
void fuzz_check_dcql(const wrp_dcql *q);

/*
 * A judgement's JSON agrees with its accessors: valid UTF-8 that parses; the verdict; each
 * finding's code, message, credential_id and source; each requested item's credential_id,
 * format, type, path and registered; relying_party null exactly when not verified, and when set
 * a name and the identifier; request_kind null, openid4vp or mdoc.
 */
void fuzz_check_result_json(const wrp_result *r);

#endif
