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
/* Certificates in one x5c / x5chain. */
#define WRP_MAX_CHAIN_LEN 10u
/* Trust anchors, CRLs and status list tokens in one verifier context, per kind. */
#define WRP_MAX_ANCHORS 1024u
/* Inflated size of a status list (bytes): 8 bits x 1,048,576 entries. */
#define WRP_MAX_STATUS_LIST_BYTES (8u * 1024u * 1024u)
/* Elements in one claims path pointer. */
#define WRP_MAX_PATH_LEN 32u

#endif
