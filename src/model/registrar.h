/* Registrar datasets (ETSI TS 119 472-2 V1.3.1): what the registrar recorded about a relying
 * party, sent by the relying party beside its registration certificate (OpenID4VP verifier_info
 * of format registrar_dataset; ISO 18013-5 requestInfo.euWrpRegistrarInfo). Parsing only: the
 * dataset has no signature of its own, so it never stands in for the certificate; the comparison
 * with the certificate is policy/registrar.c. */
#ifndef WRP_MODEL_REGISTRAR_H
#define WRP_MODEL_REGISTRAR_H

#include <stdbool.h>
#include <stddef.h>
#include <cJSON.h>
#include <cbor.h>
#include "util/err.h"

/* How a member was sent. */
typedef enum wrp_rd_state {
    WRP_RD_ABSENT = 0,     /* not sent: nothing to compare */
    WRP_RD_READ = 1,       /* read into v */
    WRP_RD_UNREADABLE = 2, /* sent, but not of the member's shape */
} wrp_rd_state;

typedef struct wrp_rd_member {
    wrp_rd_state state;
    char **v; /* WRP_RD_READ: identifier every identifier (possibly none); the others one value */
    size_t n;
} wrp_rd_member;

typedef struct wrp_registrar_dataset {
    char where[80];       /* "verifier_info[1]", "docRequests[0].requestInfo.euWrpRegistrarInfo" */
    char doc[24];         /* the DocRequest index of a DeviceRequest's dataset; "" otherwise */
    const char *unusable; /* why the dataset is not an object (static text), or NULL */
    wrp_rd_member identifier;   /* identifier: a string, or [{type, identifier}] */
    wrp_rd_member intended_use; /* intendedUseIdentifier: a string */
    wrp_rd_member registry_uri; /* registryURI: a string */
} wrp_registrar_dataset;

typedef struct wrp_registrar_datasets {
    wrp_registrar_dataset *v;
    size_t n;
} wrp_registrar_datasets;

/* Appends a zeroed dataset; NULL when out of memory. */
wrp_registrar_dataset *wrp_registrar_datasets_add(wrp_registrar_datasets *d);

void wrp_registrar_datasets_free(wrp_registrar_datasets *d);

/*
 * Reads a dataset from its JSON value (OpenID4VP: verifier_info[i].data, NULL when absent). Not an
 * object: out->unusable says so. Members: `identifier` a string (one identifier, as some
 * implementations send it) or an array (at most WRP_MAX_REGISTER_LIST) of objects each holding a
 * string `identifier`; `intendedUseIdentifier` and `registryURI` strings. A member of another
 * shape is WRP_RD_UNREADABLE. Every other member (srvDescription, purpose, policyURI, credential,
 * ...) is accepted unread. Status: WRP_OK or WRP_ERR_NOMEM.
 */
wrp_status wrp_registrar_from_json(const cJSON *data, wrp_registrar_dataset *out);

/*
 * Reads a dataset from requestInfo["euWrpRegistrarInfo"]: a map with the same text keys and
 * shapes (a text string holding a NUL byte is not a string), or a byte string holding the JSON
 * object (strict JSON, read as above). Anything else: out->unusable says so.
 * Status: WRP_OK or WRP_ERR_NOMEM.
 */
wrp_status wrp_registrar_from_cbor(const cbor_item_t *value, wrp_registrar_dataset *out);

#endif
