/* Every limit the library enforces, in one place (listed in SPEC.md, "Limits"). */
#ifndef WRP_LIMITS_H
#define WRP_LIMITS_H

/* Any single input artefact (request, certificate, status list token, register document). */
#define WRP_MAX_INPUT_BYTES (4u * 1024u * 1024u)
/* JSON: nesting of arrays and objects. */
#define WRP_MAX_JSON_DEPTH 32u
/* CBOR: nesting of arrays, maps and tags. */
#define WRP_MAX_CBOR_DEPTH 32u
/* CBOR: data items in one document (every head counts once). */
#define WRP_MAX_CBOR_ITEMS 200000u
/* wrp_inspect: artefacts inside artefacts that it decodes (a registration certificate inside a
 * request, tag 24 contents, a COSE protected header or payload, the bytes of hex or base64 text:
 * each counts one level); deeper ones are named, not decoded. */
#define WRP_MAX_INSPECT_DEPTH 6u
/* wrp_inspect: status list tokens of one input whose list it inflates (each up to
 * WRP_MAX_STATUS_LIST_BYTES) to count its entries and read an index; the others are shown without. */
#define WRP_MAX_INSPECT_STATUS_LISTS 4u
/* Certificates in one x5c / x5chain. */
#define WRP_MAX_CHAIN_LEN 10u
/* Trust anchors, CRLs and status list tokens in one verifier context, per kind (CRLs: in all the
 * files of a configuration). */
#define WRP_MAX_ANCHORS 1024u
/* Decoded certificates the verifiers of one configuration keep for reuse, keyed by the SHA-256 of
 * their DER (the least recently used is dropped beyond this). */
#define WRP_CERT_CACHE_SIZE 32u
/* Chains an anchor set remembers as validated, with the path OpenSSL built (the least recently
 * used is dropped beyond this). */
#define WRP_CHAIN_MEMO_SIZE 32u
/* Signatures a verifier remembers as verified (registration certificates and status list tokens,
 * crypto/signer.h; the oldest is replaced beyond this). */
#define WRP_SIG_MEMO_SIZE 64u
/* Inflated size of a status list (bytes): 8 bits x 1,048,576 entries. */
#define WRP_MAX_STATUS_LIST_BYTES (8u * 1024u * 1024u)
/* Elements in one claims path pointer. */
#define WRP_MAX_PATH_LEN 32u
/* DCQL (OpenID4VP 1.0 section 6): credential queries in one query. */
#define WRP_MAX_DCQL_CREDENTIALS 1024u
/* DCQL: claims queries in one credential query, and claim ids in one claim set. */
#define WRP_MAX_DCQL_CLAIMS 1024u
/* DCQL: entries of one claim_sets, of credential_sets, and options of one credential set. */
#define WRP_MAX_DCQL_SETS 1024u
/* DCQL: elements of vct_values, type_values (and of each of its sets), a claim's values,
 * trusted_authorities (and each of its values). */
#define WRP_MAX_DCQL_VALUES 1024u
/* Strings that every requested item repeats in the result (its entry in `requested` and its
 * findings) while the request holds them once: bytes of a credential query id, a claim id and a
 * format; of a type (a vct_values element, a doctype_value, a type_values set in canonical form,
 * a DocRequest's docType); of the strings of one claims path pointer together (for a DocRequest
 * element, its namespace and element identifier). With WRP_MAX_REQUESTED_ITEMS they bound the
 * result, which types times claims would otherwise multiply: a few MB at most. */
#define WRP_MAX_ID_BYTES 128u
#define WRP_MAX_TYPE_BYTES 256u
#define WRP_MAX_PATH_BYTES 256u
/* Requested items of one request (the entries `requested` lists: for each credential query its
 * types times its claims, a query without claims once per type; for a DeviceRequest every data
 * element). Checked before anything proportional to that product is allocated (contract v1.1). */
#define WRP_MAX_REQUESTED_ITEMS 4096u
/* Registered items of one registered set (a registration certificate's `credentials`, or the
 * `credentials` of one intended use of a register): the sum over its entries of max(1, types) x
 * max(1, claims), each entry's types counted once. An entry holds at most WRP_MAX_DCQL_VALUES
 * types, WRP_MAX_DCQL_CLAIMS claims and WRP_MAX_DCQL_VALUES values per claim, as a credential
 * query does. Checked while the set is read, before anything proportional to the product is
 * allocated. */
#define WRP_MAX_REGISTERED_ITEMS 4096u
/* The automaton that matches requested paths against a registered set's paths without values
 * (coverage rule 4), built when the set is read: its size (the trie nodes of its states, their
 * children, its transitions' targets, the (format, type) groups its states accept) at most this
 * many times that of the set's own path trie, plus the slack. It only outgrows the trie where one
 * position of the registered paths holds both null and an index. */
#define WRP_REGISTERED_MATCH_GROWTH 2u
#define WRP_REGISTERED_MATCH_SLACK 4096u
/* OpenID4VP request: entries of verifier_info, of transaction_data, and of expected_origins. */
#define WRP_MAX_VERIFIER_INFO 64u
#define WRP_MAX_TRANSACTION_DATA 64u
#define WRP_MAX_EXPECTED_ORIGINS 64u
/* ISO 18013-5: signatures in one readerAuthAll. DocRequests count as DCQL credential queries
 * (WRP_MAX_DCQL_CREDENTIALS) and the data elements of one, with every alternativeDataElements
 * reference, as claims (WRP_MAX_DCQL_CLAIMS). */
#define WRP_MAX_MDOC_READER_AUTH_ALL 16u
/* ISO 18013-5: bytes of the SessionTranscript the caller gives, which every reader
 * authentication signature embeds and hashes once (real ones are a few hundred bytes). */
#define WRP_MAX_TRANSCRIPT_BYTES (64u * 1024u)
/* COSE (RFC 9052): labels in one header bucket, protected or unprotected. */
#define WRP_MAX_COSE_HEADER_LABELS 64u

/* Register responses (TS5) given for one judgement: documents (pages) in all. */
#define WRP_MAX_REGISTER_DOCS 256u
/* Relying parties in one register document. */
#define WRP_MAX_REGISTER_PARTIES 65536u
/* Any other array in a register document: identifiers, names, entitlements, intended uses (of
 * one relying party in all, services included), services, intermediaries, credentials, policies,
 * purposes. */
#define WRP_MAX_REGISTER_LIST 4096u
/* Signatures of one register document in the JWS JSON serialization (TS5 documents have one). */
#define WRP_MAX_REGISTER_SIGNATURES 16u
/* Parameters of one header (protected, or unprotected) of such a signature: the two headers are
 * checked to be disjoint. */
#define WRP_MAX_REGISTER_HEADER 64u
/* Trusted lists (TS 119 602 LoTE): trusted entities in one list, services of one entity, and
 * certificates of one service. */
#define WRP_MAX_LOTE_LIST 4096u
/* List-signer certificates a trusted list that names no signer (no x5c, no x5t#S256) may be
 * checked against: each try hashes the whole list. */
#define WRP_MAX_LOTE_SIGNER_TRIALS 16u

/* Embedded disclosure policies given for one request, and entries of one of a policy's lists
 * (relying parties, roots, entitlements, type values). */
#define WRP_MAX_DISCLOSURE_POLICIES 64u
#define WRP_MAX_POLICY_LIST 1024u

#endif
