/*
 * wrpcheck: judge a relying party's request to an EUDI wallet before anything is disclosed.
 *
 * The one public header. Conventions (see SPEC.md, "API conventions"):
 *  - every symbol starts with wrp_ / WRP_; everything else in the library is hidden;
 *  - inputs are (const uint8_t *, size_t); a NUL terminator in input is never relied on;
 *  - a function that can fail returns wrp_status; WRP_OK means it ran, not that anything was trusted;
 *  - handles are opaque, created by *_new and released by *_free (NULL is accepted by every *_free);
 *  - strings returned by the library are NUL-terminated and owned by the object they came from;
 *  - time always comes from the caller, as Unix seconds.
 */
#ifndef WRPCHECK_H
#define WRPCHECK_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) || defined(__clang__)
#define WRP_API __attribute__((visibility("default")))
#define WRP_MUST_USE __attribute__((warn_unused_result))
#else
#define WRP_API
#define WRP_MUST_USE
#endif

/* Version of the library as "MAJOR.MINOR.PATCH". Static string. */
WRP_API const char *wrp_version(void);

/* ABI version: bumped on every incompatible change of this header. Bindings compare it with
 * WRP_ABI_VERSION at load time. */
#define WRP_ABI_VERSION 1
WRP_API unsigned wrp_abi_version(void);

/* WRP_MAX_INPUT_BYTES (SPEC.md, "Limits"): the largest single input any call accepts, so that a
 * binding can refuse a larger file before reading it. */
WRP_API size_t wrp_max_input_bytes(void);

/*
 * Status: whether a call could run. Values are explicit and append-only.
 * X(name, value, description)
 */
#define WRP_STATUS_TABLE(X)                                                        \
    X(WRP_OK, 0, "success")                                                        \
    X(WRP_ERR_ARG, 1, "invalid argument")                                          \
    X(WRP_ERR_NOMEM, 2, "out of memory")                                           \
    X(WRP_ERR_MALFORMED, 3, "malformed input")                                     \
    X(WRP_ERR_LIMIT, 4, "input exceeds a documented limit")                        \
    X(WRP_ERR_IO, 5, "input/output error")                                         \
    X(WRP_ERR_CRYPTO, 6, "cryptographic verification failed")                      \
    X(WRP_ERR_UNSUPPORTED, 7, "unsupported algorithm or feature")                  \
    X(WRP_ERR_INTERNAL, 8, "internal error")

typedef enum wrp_status {
#define WRP_X_(name, value, text) name = value,
    WRP_STATUS_TABLE(WRP_X_)
#undef WRP_X_
} wrp_status;

/* A static description of a status ("success", "malformed input", ...); never NULL. */
WRP_API const char *wrp_status_str(wrp_status status);

/*
 * Finding codes of the CLI contract (v1). Values are explicit and append-only; a code is never
 * renumbered or removed. wrp_code_str() returns the upper-snake name without the WRP_CODE_ prefix.
 * Codes from 80 on extend the contract: AC_POLICY (an access certificate without a TS 119 411-8
 * policy, error only when required), VERIFIER_INFO_IGNORED (info: a verifier_info entry of
 * another format than registration_cert and registrar_dataset, or a registrar dataset that is not
 * an object), REGISTER_INCONSISTENT (warning: the registration
 * certificate and the register entry disagree on entitlements or name), REQUEST_PARAMETER (an
 * OpenID4VP request parameter outside the contract's rules: error for a missing or invalid nonce,
 * warning for response_mode / response_uri / redirect_uri / state problems).
 * X(name, value)
 */
#define WRP_CODE_TABLE(X)                    \
    X(REQUEST_MALFORMED, 1)                  \
    X(REQUEST_TYP, 2)                        \
    X(REQUEST_ALG, 3)                        \
    X(REQUEST_SIGNATURE, 4)                  \
    X(REQUEST_UNSIGNED, 5)                   \
    X(CLIENT_ID_MISMATCH, 6)                 \
    X(CLIENT_ID_PREFIX, 7)                   \
    X(ORIGIN_MISMATCH, 8)                    \
    X(DCQL_INVALID, 9)                       \
    X(TRANSACTION_DATA_UNSUPPORTED, 10)      \
    X(READER_AUTH_MISSING, 11)               \
    X(READER_AUTH_SIGNATURE, 12)             \
    X(READER_AUTH_UNVERIFIED, 13)            \
    X(AC_UNTRUSTED, 20)                      \
    X(AC_EXPIRED, 21)                        \
    X(AC_REVOKED, 22)                        \
    X(AC_REVOCATION_UNKNOWN, 23)             \
    X(AC_PROFILE, 24)                        \
    X(RC_MISSING, 30)                        \
    X(RC_MULTIPLE, 31)                       \
    X(RC_MALFORMED, 32)                      \
    X(RC_TYP, 33)                            \
    X(RC_ALG, 34)                            \
    X(RC_SIGNATURE, 35)                      \
    X(RC_UNTRUSTED, 36)                      \
    X(RC_EXPIRED, 37)                        \
    X(RC_REVOKED, 38)                        \
    X(RC_STATUS_UNKNOWN, 39)                 \
    X(RC_SUBJECT_MISMATCH, 40)               \
    X(RC_ENTITLEMENT, 41)                    \
    X(RC_POLICY, 42)                         \
    X(OVERASK, 50)                           \
    X(OVERASK_CREDENTIAL, 51)                \
    X(REGISTER_MALFORMED, 60)                \
    X(REGISTER_SIGNATURE, 61)                \
    X(REGISTER_UNTRUSTED, 62)                \
    X(REGISTER_NOT_FOUND, 63)                \
    X(REGISTER_INTENDED_USE, 64)             \
    X(REGISTER_UNSIGNED, 65)                 \
    X(INPUT_UNREADABLE, 70)                  \
    X(REVOCATION_SKIPPED, 71)                \
    X(AC_POLICY, 80)                         \
    X(VERIFIER_INFO_IGNORED, 81)             \
    X(REGISTER_INCONSISTENT, 82)             \
    X(REQUEST_PARAMETER, 83)                 \
    X(REGISTER_INTERMEDIARY, 84)             \
    X(REGISTRAR_DATASET_MISMATCH, 85)        \
    X(DISCLOSURE_POLICY, 86)

typedef enum wrp_code {
#define WRP_X_(name, value) WRP_CODE_##name = value,
    WRP_CODE_TABLE(WRP_X_)
#undef WRP_X_
} wrp_code;

/* The contract's name of a finding code ("OVERASK", ...); "UNKNOWN" for a value not in the table. */
WRP_API const char *wrp_code_str(wrp_code code);
/* The codes as data, so that a binding builds its table from the library it loaded rather than
 * from a copy of this header: the number of codes in WRP_CODE_TABLE; ... */
WRP_API size_t wrp_code_count(void);
/* ... code i in table order (ascending values), or 0, which is never a code, when i >= the count; */
WRP_API wrp_code wrp_code_at(size_t i);
/* ... and the code named name (exactly as wrp_code_str gives it), or 0 when none (or NULL). */
WRP_API wrp_code wrp_code_from_str(const char *name);

/* Severity of a finding. */
typedef enum wrp_severity {
    WRP_SEV_INFO = 0,
    WRP_SEV_WARNING = 1,
    WRP_SEV_ERROR = 2
} wrp_severity;

/* "info", "warning" or "error"; "unknown" otherwise. */
WRP_API const char *wrp_severity_str(wrp_severity severity);


/* ------------------------------------------------------------------------------------------ */
/* Verifier configuration and context                                                          */
/* ------------------------------------------------------------------------------------------ */

/* A mutable builder for a verifier: trust anchors, revocation data, policy and the time.
 * Every add_* call copies and checks its input at once (WRP_ERR_MALFORMED names the problem
 * through wrp_config_last_error). */
typedef struct wrp_config wrp_config;

/* An immutable verifier context built from a configuration; safe to share across threads. */
typedef struct wrp_verifier wrp_verifier;

/* A judgement: verdict, findings, relying party; owns every string it returns. */
typedef struct wrp_result wrp_result;

/* Creates an empty configuration (time 0, revocation checking on); NULL when out of memory. */
WRP_API wrp_config *wrp_config_new(void);
WRP_API void wrp_config_free(wrp_config *cfg);

/* Trust anchors for access certificates: PEM (one or more certificates) or one DER certificate.
 * Every certificate is trusted as given: a chain may end at any of them. Repeatable. */
WRP_API WRP_MUST_USE wrp_status wrp_config_add_ac_anchors(wrp_config *cfg, const uint8_t *data, size_t len);
/* Trust anchors for registration certificate providers (also for status list tokens). */
WRP_API WRP_MUST_USE wrp_status wrp_config_add_rc_anchors(wrp_config *cfg, const uint8_t *data, size_t len);
/* CRLs (PEM, one or more, or one DER) for access certificate chains. */
WRP_API WRP_MUST_USE wrp_status wrp_config_add_crl(wrp_config *cfg, const uint8_t *data, size_t len);
/* A Token Status List token (statuslist+jwt compact JWS, or CWT bytes). */
WRP_API WRP_MUST_USE wrp_status wrp_config_add_status_list(wrp_config *cfg, const uint8_t *data, size_t len);
/* A register response (TS5 SignedWRP / SignedWRPArray as compact JWS or JWS JSON serialization,
 * or unsigned JSON); repeatable (pages of a listing). Only its size is checked here: an unreadable
 * document is the finding REGISTER_MALFORMED of each judgement. */
WRP_API WRP_MUST_USE wrp_status wrp_config_add_register(wrp_config *cfg, const uint8_t *data, size_t len);
/* Certificates trusted to sign register responses (PEM or DER); repeatable. */
WRP_API WRP_MUST_USE wrp_status wrp_config_add_register_anchors(wrp_config *cfg, const uint8_t *data, size_t len);
/* A certificate trusted to sign trusted lists (ETSI TS 119 602 LoTE), PEM or DER; repeatable. */
WRP_API WRP_MUST_USE wrp_status wrp_config_add_lote_signer(wrp_config *cfg, const uint8_t *data, size_t len);
/* A trusted list (LoTE JSON, signed as compact JAdES or in the detached form, or unsigned when no
 * list signer is configured), read at once (WRP_ERR_MALFORMED when it cannot be). It must verify
 * to a list signer (when any is configured) and be current at the configured time
 * (ListIssueDateTime <= time < NextUpdate): judged by wrp_verifier_new with the time and the list
 * signers configured by then, whatever the order of the calls, and also here when the time is
 * already set (WRP_ERR_MALFORMED / WRP_ERR_CRYPTO with the reason in wrp_config_last_error, so
 * set the time first to learn why). Its services feed the anchors:
 * WRPAC/Issuance -> access certificates, WRPRC/Issuance and WRPRC/Revocation -> registration
 * certificates and status lists, Register -> register responses. Repeatable. */
WRP_API WRP_MUST_USE wrp_status wrp_config_add_lote(wrp_config *cfg, const uint8_t *data, size_t len);
/* The verification time, Unix seconds. */
WRP_API void wrp_config_set_time(wrp_config *cfg, int64_t unix_seconds);
/* enabled = 0: skip status list and CRL checks (a REVOCATION_SKIPPED warning is recorded). */
WRP_API void wrp_config_set_revocation(wrp_config *cfg, int enabled);
/* enabled = 1: an access certificate without an ETSI TS 119 411-8 policy OID is an AC_POLICY error. */
WRP_API void wrp_config_set_require_ac_policy(wrp_config *cfg, int enabled);
/* Overasking policy: enforce (overasking denies) or warn (overasking alone gives the verdict warn). */
typedef enum wrp_mode { WRP_MODE_ENFORCE = 0, WRP_MODE_WARN = 1 } wrp_mode;
WRP_API void wrp_config_set_mode(wrp_config *cfg, wrp_mode mode);
/* A transaction data type the calling wallet can handle (NUL-terminated); repeatable. Entries of
 * other types make a request TRANSACTION_DATA_UNSUPPORTED. */
WRP_API WRP_MUST_USE wrp_status wrp_config_add_transaction_data_type(wrp_config *cfg, const char *type);
/* The reason of the last failed add_* call on cfg ("" when none); owned by cfg. */
WRP_API const char *wrp_config_last_error(const wrp_config *cfg);

/* Builds the immutable context. *out is freed with wrp_verifier_free. Trusted lists are judged
 * here, at the configured time with the configured list signers: one that does not pass fails
 * the call with WRP_ERR_MALFORMED or WRP_ERR_CRYPTO; wrp_config_last_error does not name it, but
 * adding the list again once the time is set does. */
WRP_API WRP_MUST_USE wrp_status wrp_verifier_new(const wrp_config *cfg, wrp_verifier **out);
WRP_API void wrp_verifier_free(wrp_verifier *v);

/* ------------------------------------------------------------------------------------------ */
/* Judgements                                                                                   */
/* ------------------------------------------------------------------------------------------ */

typedef enum wrp_verdict {
    WRP_VERDICT_ALLOW = 0,
    WRP_VERDICT_WARN = 1,
    WRP_VERDICT_DENY = 2,
    WRP_VERDICT_ERROR = 3
} wrp_verdict;

/* "allow", "warn", "deny" or "error". */
WRP_API const char *wrp_verdict_str(wrp_verdict verdict);

/*
 * Verifies a registration certificate (compact JWS text or CWT bytes) on its own, bound to the
 * access certificate chain ac_chain (PEM, leaf first, or one DER certificate) when ac_chain is
 * non-NULL. for_request = 1 also requires the Service_Provider entitlement. A deny is a normal
 * result: the status is WRP_OK whenever *out was produced.
 */
WRP_API WRP_MUST_USE wrp_status wrp_check_registration(const wrp_verifier *v, const uint8_t *rc,
                                                       size_t rc_len, const uint8_t *ac_chain,
                                                       size_t ac_len, int for_request,
                                                       wrp_result **out);

/* The kind of a request. */
typedef enum wrp_request_kind {
    WRP_KIND_AUTO = 0,      /* detect from the bytes */
    WRP_KIND_OPENID4VP = 1, /* a compact JWS Request Object, or a JSON request / DC API envelope */
    WRP_KIND_MDOC = 2       /* an ISO/IEC 18013-5 DeviceRequest (CBOR) */
} wrp_request_kind;

/* What the request's kind looks like from its bytes: binary (wrp_sniff: WRP_SHAPE_BINARY) is
 * taken as CBOR (a DeviceRequest), anything else (a JSON object, JWS text, or text of another
 * shape, which the OpenID4VP reader then refuses by what it looks like) as OpenID4VP. */
WRP_API wrp_request_kind wrp_detect_kind(const uint8_t *req, size_t len);

/* What an input looks like by its bytes alone, so that a tool can say what it was given when
 * that is not what it expected (SPEC.md 1b). First match in this order: empty or white space;
 * a UTF-8 byte order mark; JSON (the first other byte { or [); PEM (-----BEGIN); a compact JWS
 * (three base64url parts, the first non-empty); HTML (<); a link invoking a wallet (a scheme
 * naming openid4vp or haip, or a URL whose query carries request, request_uri or client_id);
 * hex digits only (an even number); base64 or base64url text (12 characters or more, line breaks
 * but no blanks between them); other
 * UTF-8 text; binary (CBOR, DER, anything else). */
typedef enum wrp_input_shape {
    WRP_SHAPE_EMPTY = 0,
    WRP_SHAPE_BOM = 1,
    WRP_SHAPE_JSON = 2,
    WRP_SHAPE_PEM = 3,
    WRP_SHAPE_JWS = 4,
    WRP_SHAPE_HTML = 5,
    WRP_SHAPE_LINK = 6,
    WRP_SHAPE_HEX = 7,
    WRP_SHAPE_BASE64 = 8,
    WRP_SHAPE_TEXT = 9,
    WRP_SHAPE_BINARY = 10
} wrp_input_shape;

WRP_API wrp_input_shape wrp_sniff(const uint8_t *in, size_t len);

/* 1 when a report shows code point cp as an escape rather than as itself: Unicode's general
 * categories Cc, Zl, Zp and Cf (controls, line and paragraph separators, format characters such
 * as bidirectional marks and zero-width characters), each of which can start a new line or an
 * escape sequence on a terminal, reorder what is shown, or hide a difference between two texts
 * that look the same (Unicode 15.1). The rule of the CLI's reports and of inspect's outline. */
WRP_API int wrp_text_shown_escaped(uint32_t cp);
/* The well-formed UTF-8 sequence (RFC 3629: no overlong form, no surrogate, nothing above
 * U+10FFFF) at the start of in[0..len): its length, 1 to 4, with its code point into *cp when cp
 * is not NULL; 0 when in does not start with one (*cp left as it was). The rule the library reads
 * text by, for a tool that writes text from an input as JSON or as wrp_text_shown_escaped says. */
WRP_API size_t wrp_utf8_decode(const uint8_t *in, size_t len, uint32_t *cp);
/* The shape in words for a message ("PEM text", "a compact JWS", ...); static. */
WRP_API const char *wrp_input_shape_str(wrp_input_shape shape);
/* Whether in[0..len) is exactly one JSON value as the library reads every JSON input (SPEC.md 2:
 * the RFC 8259 grammar, well-formed UTF-8, no \u0000 escape or lone surrogate, no duplicate member
 * name at any depth, the depth and size limits): WRP_OK, else WRP_ERR_MALFORMED or WRP_ERR_LIMIT
 * (WRP_ERR_ARG for in NULL with len > 0, WRP_ERR_NOMEM when out of memory). So that a tool reading
 * JSON of its own refuses what the library would. */
WRP_API WRP_MUST_USE wrp_status wrp_json_check(const uint8_t *in, size_t len);

/* Times as a report writes them and a command line takes them (SPEC.md 1a): the strict RFC 3339
 * UTC form YYYY-MM-DDThh:mm:ssZ, upper-case T and Z, no fraction, no offset (not even +00:00), no
 * leap second. wrp_time_parse reads text (NUL-terminated) in exactly that form (WRP_ERR_MALFORMED
 * otherwise); wrp_time_format writes it and a NUL into out, WRP_TIME_BUF bytes (WRP_ERR_ARG for
 * a time outside the years 0000-9999). */
#define WRP_TIME_BUF 21
WRP_API WRP_MUST_USE wrp_status wrp_time_parse(const char *text, int64_t *unix_seconds);
WRP_API WRP_MUST_USE wrp_status wrp_time_format(int64_t unix_seconds, char out[WRP_TIME_BUF]);

/* The SHA-256 of in as 64 lower-case hex digits and a NUL into out, so that a report can name the
 * exact bytes it judged; WRP_ERR_NOMEM is the only failure for valid arguments. */
#define WRP_SHA256_HEX_BUF 65
WRP_API WRP_MUST_USE wrp_status wrp_sha256_hex(const uint8_t *in, size_t len, char out[WRP_SHA256_HEX_BUF]);

/* Per-request inputs the caller knows besides the request bytes (all optional). */
typedef struct wrp_request wrp_request;
WRP_API wrp_request *wrp_request_new(void);
WRP_API void wrp_request_free(wrp_request *rq);
/* The client_id seen outside the Request Object (it must equal the one inside). */
WRP_API WRP_MUST_USE wrp_status wrp_request_set_client_id(wrp_request *rq, const char *client_id);
/* The web origin that passed the request: it came through the Digital Credentials API, so a signed
 * OpenID4VP request must carry expected_origins holding this origin (ORIGIN_MISMATCH otherwise). */
WRP_API WRP_MUST_USE wrp_status wrp_request_set_origin(wrp_request *rq, const char *origin);
/* The ISO 18013-5 SessionTranscript (CBOR, or tag-24-wrapped SessionTranscriptBytes). */
WRP_API WRP_MUST_USE wrp_status wrp_request_set_transcript(wrp_request *rq, const uint8_t *data, size_t len);
/* A registration certificate held out of band, used only when the request carries none. */
WRP_API WRP_MUST_USE wrp_status wrp_request_set_registration(wrp_request *rq, const uint8_t *data, size_t len);
/* Forces the request kind (default WRP_KIND_AUTO). */
WRP_API void wrp_request_set_kind(wrp_request *rq, wrp_request_kind kind);
/* The embedded disclosure policy (JSON, SPEC.md 8a) of a credential the wallet holds; at most 64. A
 * requested credential it does not authorize is DISCLOSURE_POLICY. Why it failed: wrp_request_last_error. */
WRP_API WRP_MUST_USE wrp_status wrp_request_add_disclosure_policy(wrp_request *rq, const uint8_t *json,
                                                                  size_t len);
/* The user's language preference list (BCP 47 tags, comma separated, most preferred first; at
 * most 16 tags of at most 35 characters): the result's JSON gains `display`, the purpose and
 * service description chosen by RFC 4647 lookup (contract v1.1 --lang; SPEC.md 6b). NULL
 * removes it. WRP_ERR_MALFORMED or WRP_ERR_LIMIT with the reason in wrp_request_last_error. */
WRP_API WRP_MUST_USE wrp_status wrp_request_set_lang(wrp_request *rq, const char *langs);
/* The reason of the last failed add_* or set_lang call on rq ("" when none); owned by rq. */
WRP_API const char *wrp_request_last_error(const wrp_request *rq);

/*
 * Judges a request: authenticates the relying party (access certificate chain, request
 * signature or reader authentication), verifies its registration certificate and revocation
 * status, and evaluates overasking. rq may be NULL. A request that cannot be parsed is a result
 * with the verdict error (REQUEST_MALFORMED), not a failed call. WRP_OK whenever *out was made.
 */
WRP_API WRP_MUST_USE wrp_status wrp_audit(const wrp_verifier *v, const wrp_request *rq,
                                          const uint8_t *req, size_t len, wrp_result **out);

WRP_API wrp_verdict wrp_result_verdict(const wrp_result *r);
/* "openid4vp", "mdoc", or NULL (a registration certificate checked on its own). */
WRP_API const char *wrp_result_request_kind(const wrp_result *r);
WRP_API size_t wrp_result_finding_count(const wrp_result *r);
/* Finding i (0 <= i < count); out-of-range i gives 0 / NULL. */
WRP_API wrp_code wrp_result_finding_code(const wrp_result *r, size_t i);
WRP_API wrp_severity wrp_result_finding_severity(const wrp_result *r, size_t i);
WRP_API const char *wrp_result_finding_message(const wrp_result *r, size_t i);
/* The finding's credential_id / type / path (as a JSON array) / source ("registration_certificate"
 * or "register"); NULL where they do not apply. */
WRP_API const char *wrp_result_finding_credential_id(const wrp_result *r, size_t i);
WRP_API const char *wrp_result_finding_type(const wrp_result *r, size_t i);
WRP_API const char *wrp_result_finding_path(const wrp_result *r, size_t i);
WRP_API const char *wrp_result_finding_source(const wrp_result *r, size_t i);
/* Requested items: one per (credential query or DocRequest, type, claim path). */
WRP_API size_t wrp_result_requested_count(const wrp_result *r);
WRP_API const char *wrp_result_requested_credential_id(const wrp_result *r, size_t i);
WRP_API const char *wrp_result_requested_format(const wrp_result *r, size_t i);
/* NULL for a format without types. */
WRP_API const char *wrp_result_requested_type(const wrp_result *r, size_t i);
/* The claim path as a JSON array ("[]" for the whole credential). */
WRP_API const char *wrp_result_requested_path(const wrp_result *r, size_t i);
/* 1 when every source checked (certificate, and register when given) covers the item. */
WRP_API int wrp_result_requested_registered(const wrp_result *r, size_t i);
/* 1 when the requested items were compared with a registration at all (a registration
 * certificate's payload was read); 0 when there was nothing to compare with, so that an item not
 * registered is "not checked" rather than overasked. */
WRP_API int wrp_result_coverage_checked(const wrp_result *r);
/* The relying party's display name and identifier (the certificate's sub) as the registration
 * certificate states them; NULL when no registration certificate payload was read. They are the
 * verified relying party's only when wrp_result_rp_verified is 1: show them as such only then. */
WRP_API const char *wrp_result_rp_name(const wrp_result *r);
WRP_API const char *wrp_result_rp_identifier(const wrp_result *r);
/* 1 when the registration certificate was verified (signature and provider chain) and names the
 * relying party (name, sub_ln or sub_gn): only then is the JSON's relying_party set and may a
 * consent screen show the fields below. */
WRP_API int wrp_result_rp_verified(const wrp_result *r);
/* Consent-screen fields of the registration certificate; NULL when absent or not read. */
WRP_API const char *wrp_result_rp_country(const wrp_result *r);
WRP_API const char *wrp_result_rp_intended_use(const wrp_result *r);
WRP_API const char *wrp_result_rp_privacy_policy(const wrp_result *r);
WRP_API const char *wrp_result_rp_registry_uri(const wrp_result *r);
WRP_API const char *wrp_result_rp_info_uri(const wrp_result *r);
WRP_API const char *wrp_result_rp_support_uri(const wrp_result *r);
/* The purpose in every language given: count, then language tag and text of entry i. */
WRP_API size_t wrp_result_rp_purpose_count(const wrp_result *r);
WRP_API const char *wrp_result_rp_purpose_lang(const wrp_result *r, size_t i);
WRP_API const char *wrp_result_rp_purpose_text(const wrp_result *r, size_t i);
/* The service description in every language given (srv_description), as for the purpose. */
WRP_API size_t wrp_result_rp_service_description_count(const wrp_result *r);
WRP_API const char *wrp_result_rp_service_description_lang(const wrp_result *r, size_t i);
WRP_API const char *wrp_result_rp_service_description_text(const wrp_result *r, size_t i);
/* The entry of the purpose (or service description) to show a user whose languages are langs
 * (BCP 47 tags, comma separated, most preferred first): RFC 4647 lookup as contract v1.1 --lang
 * says (each tag, then shortened at each '-' from the right, case-insensitive; no hit: entry 0).
 * An index for the accessors above; SIZE_MAX when there is none or langs is not such a list. */
WRP_API size_t wrp_result_rp_purpose_lookup(const wrp_result *r, const char *langs);
WRP_API size_t wrp_result_rp_service_description_lookup(const wrp_result *r, const char *langs);
/* public_body: 1 true, 0 false, -1 absent or not read. */
WRP_API int wrp_result_rp_public_body(const wrp_result *r);
/* The certificate's entitlements (URIs or OIDs as written): count, then entry i. */
WRP_API size_t wrp_result_rp_entitlement_count(const wrp_result *r);
WRP_API const char *wrp_result_rp_entitlement(const wrp_result *r, size_t i);
/* The supervisory authority (data protection authority) a person can complain to: the
 * certificate's supervisory_authority member named key ("email", "phone", "uri", ...), or NULL;
 * and every string member of it: count, then name and value of member i. */
WRP_API const char *wrp_result_rp_supervisory_authority(const wrp_result *r, const char *key);
WRP_API size_t wrp_result_rp_supervisory_authority_count(const wrp_result *r);
WRP_API const char *wrp_result_rp_supervisory_authority_key(const wrp_result *r, size_t i);
WRP_API const char *wrp_result_rp_supervisory_authority_value(const wrp_result *r, size_t i);
/* An intermediated request (the registration certificate names an intermediary that signs for
 * the served party, which rp_* describe): the intermediary's identifier and name (the
 * certificate's, else the access certificate's commonName). NULL when the relying party is not
 * verified or the request is not intermediated. */
WRP_API const char *wrp_result_intermediary_identifier(const wrp_result *r);
WRP_API const char *wrp_result_intermediary_name(const wrp_result *r);
/* The access certificate the request carried (leaf): subject and issuer (RFC 4514), serial
 * (lowercase hex), validity (RFC 3339 UTC) and SHA-256 (base64url); NULL when it carried none.
 * wrp_result_ac_verified: 1 when its chain reached an anchor at the time and no AC_* finding was
 * raised, else 0. */
WRP_API const char *wrp_result_ac_subject(const wrp_result *r);
WRP_API const char *wrp_result_ac_issuer(const wrp_result *r);
WRP_API const char *wrp_result_ac_serial(const wrp_result *r);
WRP_API const char *wrp_result_ac_not_before(const wrp_result *r);
WRP_API const char *wrp_result_ac_not_after(const wrp_result *r);
WRP_API const char *wrp_result_ac_sha256(const wrp_result *r);
WRP_API int wrp_result_ac_verified(const wrp_result *r);
/* Its subjectAltNames: count, then name i as TYPE:value (DNS:, URI:, email:, IP:, dirName:, RID:,
 * otherName:OID), as wrpcheck inspect writes them; a NUL byte within a name is the text \x00. */
WRP_API size_t wrp_result_ac_san_count(const wrp_result *r);
WRP_API const char *wrp_result_ac_san(const wrp_result *r, size_t i);
/* What the registration certificate registers (its credentials), whether verified or not; none
 * when no payload was read. One entry per registered claim, or per credential without a claim
 * list: count; then entry i's format, its types (count, then type k, written as
 * wrp_result_requested_type writes one), its claim path as a JSON array (NULL: every claim of
 * those types), and the claim's values as a JSON array (NULL when it has none). */
WRP_API size_t wrp_result_registered_count(const wrp_result *r);
WRP_API const char *wrp_result_registered_format(const wrp_result *r, size_t i);
WRP_API size_t wrp_result_registered_type_count(const wrp_result *r, size_t i);
WRP_API const char *wrp_result_registered_type(const wrp_result *r, size_t i, size_t k);
WRP_API const char *wrp_result_registered_path(const wrp_result *r, size_t i);
WRP_API const char *wrp_result_registered_values(const wrp_result *r, size_t i);
/*
 * The DCQL alternatives (the JSON's `options`), so that a wallet can offer the registered
 * alternative instead of refusing: each claim set of each credential query (its credential_id
 * and option index, registered 1 when every claim of it is registered), and each option of each
 * credential set (its set and option index, its credential ids, the set's required, registered 1
 * when every credential of it can be presented within its registration). Counts are 0 and the
 * rest 0 / NULL / SIZE_MAX out of range or without a DCQL query.
 */
WRP_API size_t wrp_result_claim_set_count(const wrp_result *r);
WRP_API const char *wrp_result_claim_set_credential_id(const wrp_result *r, size_t i);
WRP_API size_t wrp_result_claim_set_option(const wrp_result *r, size_t i);
WRP_API int wrp_result_claim_set_registered(const wrp_result *r, size_t i);
WRP_API size_t wrp_result_credential_set_count(const wrp_result *r);
WRP_API size_t wrp_result_credential_set_set(const wrp_result *r, size_t i);
WRP_API size_t wrp_result_credential_set_option(const wrp_result *r, size_t i);
WRP_API size_t wrp_result_credential_set_credential_count(const wrp_result *r, size_t i);
WRP_API const char *wrp_result_credential_set_credential_id(const wrp_result *r, size_t i, size_t k);
WRP_API int wrp_result_credential_set_required(const wrp_result *r, size_t i);
WRP_API int wrp_result_credential_set_registered(const wrp_result *r, size_t i);
/* The whole result as one JSON object (the CLI contract's shape); owned by r. */
WRP_API const char *wrp_result_json(const wrp_result *r);
/* The pre-disclosure part of the EUDI TS10 v1.2 transaction log record of this request, as one
 * JSON object (a TS10 `Presentation`; SPEC.md, "The log record"): the relying party only when it
 * is verified, the claims requested, and reasonOfNoncompletion for a deny or an error; owned by r. */
WRP_API const char *wrp_result_log_json(const wrp_result *r);
WRP_API void wrp_result_free(wrp_result *r);

/*
 * Decodes any artefact for reading, without judging it (SPEC.md 1a, "inspect"): a Request Object
 * or registration certificate (JWS: header, payload, x5c certificates), a JSON document (a DC API
 * envelope's request, a JWS JSON serialization's payload decoded), a CBOR document
 * (DeviceRequest, CWT, status list; tag 24 contents and COSE_Sign1 headers and payloads decoded),
 * PEM or DER certificates or CRLs, any of them as hex or base64 text; what an artefact carries
 * (the registration certificate of verifier_info or euWrprc, reader x5chain, transaction data) is
 * decoded too. *out is a pretty-printed JSON text, freed with wrp_string_free. Unreadable input is
 * not a failure here: the JSON says "kind": "unreadable" and why.
 */
WRP_API WRP_MUST_USE wrp_status wrp_inspect(const uint8_t *in, size_t len, char **out);
WRP_API void wrp_string_free(char *s);

/* What wrp_inspect_ex writes: the JSON of wrp_inspect, or the same view as an indented outline
 * for a reader (every text from the input escaped as in the CLI's text report). */
typedef enum wrp_inspect_format { WRP_INSPECT_JSON = 0, WRP_INSPECT_TEXT = 1 } wrp_inspect_format;

/*
 * As wrp_inspect, in either format; status_index >= 0 also reads the status at that index of
 * every status list token in the input (-1: none asked). *out (wrp_string_free) is written for
 * WRP_OK and also for: WRP_ERR_MALFORMED, the input is none of the artefacts inspect reads (the
 * output says what it looks like, by wrp_sniff, and why no parser took it); WRP_ERR_ARG with
 * status_index >= 0, the input holds no status list token or none has that index (the output
 * says why). Any other status (WRP_ERR_ARG for a bad argument among them) leaves *out NULL.
 */
WRP_API WRP_MUST_USE wrp_status wrp_inspect_ex(const uint8_t *in, size_t len, wrp_inspect_format format,
                                               int64_t status_index, char **out);

/*
 * ISO 18013-5 SessionTranscript builders for the common handovers, so that callers need not
 * hand-craft CBOR. Each writes the SessionTranscript CBOR ([null, null, Handover]) into *out
 * (*out_len bytes, freed with wrp_bytes_free), ready for wrp_request_set_transcript. Strings are
 * NUL-terminated UTF-8. jwk (may be NULL: an unencrypted response) is the verifier's response
 * encryption JWK as JSON text; its RFC 7638 SHA-256 thumbprint goes into the handover.
 */
/* OpenID4VP 1.0 appendix B, redirect flows: OpenID4VPHandover over [client_id, nonce,
 * jwkThumbprint, response_uri] (client_id with its prefix; the redirect_uri for modes using one). */
WRP_API WRP_MUST_USE wrp_status wrp_transcript_openid4vp(const char *client_id, const char *nonce,
                                                         const char *jwk, const char *response_uri,
                                                         uint8_t **out, size_t *out_len);
/* OpenID4VP 1.0 appendix B, DC API: OpenID4VPDCAPIHandover over [origin, nonce, jwkThumbprint]. */
WRP_API WRP_MUST_USE wrp_status wrp_transcript_openid4vp_dcapi(const char *origin, const char *nonce,
                                                               const char *jwk, uint8_t **out,
                                                               size_t *out_len);
/* ISO/IEC 18013-7:2024 annex B (OpenID4VP before 1.0). */
WRP_API WRP_MUST_USE wrp_status wrp_transcript_iso18013_7(const char *client_id, const char *response_uri,
                                                          const char *nonce,
                                                          const char *mdoc_generated_nonce,
                                                          uint8_t **out, size_t *out_len);
/* ISO/IEC 18013-7 annex C (org-iso-mdoc over the Digital Credentials API): dcapi handover over
 * [encryptionInfo, origin], encryptionInfo the base64url text the request sent. */
WRP_API WRP_MUST_USE wrp_status wrp_transcript_iso18013_7_dcapi(const char *encryption_info,
                                                                const char *origin, uint8_t **out,
                                                                size_t *out_len);
WRP_API void wrp_bytes_free(uint8_t *p);

#ifdef __cplusplus
}
#endif

#endif /* WRPCHECK_H */
