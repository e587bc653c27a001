/* ETSI TS 119 602 Lists of Trusted Entities (LoTE), JSON: the list, its signature, and the
 * certificates of its services as anchor sets. */
#ifndef WRP_LOTE_H
#define WRP_LOTE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <openssl/x509.h>
#include "crypto/jws.h"
#include "crypto/x509.h"
#include "util/err.h"

/* Service types (TS 119 602), matched exactly, and what they anchor: access certificates,
 * registration certificates, status list tokens, register responses. */
#define WRP_LOTE_SVC_WRPAC_ISSUANCE "http://uri.etsi.org/19602/SvcType/WRPAC/Issuance"
#define WRP_LOTE_SVC_WRPRC_ISSUANCE "http://uri.etsi.org/19602/SvcType/WRPRC/Issuance"
#define WRP_LOTE_SVC_WRPRC_REVOCATION "http://uri.etsi.org/19602/SvcType/WRPRC/Revocation"
#define WRP_LOTE_SVC_REGISTER "http://uri.etsi.org/19602/SvcType/Register"

typedef struct wrp_lote_service {
    char *type;   /* ServiceTypeIdentifier, or NULL */
    char *name;   /* the first ServiceName value, or NULL */
    char *status; /* ServiceStatus, or NULL */
    bool has_status_start;
    int64_t status_start; /* StatusStartingTime, when has_status_start */
    X509 **certs; /* ServiceDigitalIdentity.X509Certificates[].val */
    size_t n_certs;
} wrp_lote_service;

typedef struct wrp_lote_entity {
    char *name;       /* the first TEName value, or NULL */
    char *trade_name; /* the first TETradeName value, or NULL */
    wrp_lote_service *services;
    size_t n_services;
} wrp_lote_entity;

typedef enum wrp_lote_sig_form {
    WRP_LOTE_SIG_NONE = 0,    /* plain JSON */
    WRP_LOTE_SIG_JADES = 1,   /* a compact JWS (JAdES) whose payload is the list */
    WRP_LOTE_SIG_DETACHED = 2 /* the WeBuild form: {"LoTE": ..., "signature": {protected, signature}} */
} wrp_lote_sig_form;

typedef struct wrp_lote {
    int64_t version;       /* LoTEVersionIdentifier */
    int64_t sequence;      /* LoTESequenceNumber */
    char *type;            /* LoTEType, or NULL */
    char *territory;       /* SchemeTerritory, or NULL */
    char *operator_name;   /* the first SchemeOperatorName value, or NULL */
    int64_t issued;        /* ListIssueDateTime */
    int64_t next_update;   /* NextUpdate */
    wrp_lote_entity *entities;
    size_t n_entities;
    wrp_lote_sig_form sig_form;
    /* JADES: the JWS as given. DETACHED: the JWS re-assembled as
     * protected '.' BASE64URL(canonical JSON of {"LoTE": ...}) '.' signature; n_detached_forms
     * is 2 when a second serialisation (UTF-8 instead of \u escapes) exists in jws_utf8. */
    wrp_jws jws;
    wrp_jws jws_utf8;
    size_t n_detached_forms;
    char detached_error[256]; /* why no detached form could be assembled (n_detached_forms 0) */
} wrp_lote;

/*
 * Reads a list: {"LoTE": {...}} as plain JSON, with the WeBuild detached "signature" member, or
 * as the payload of a compact JWS; the inner object {ListAndSchemeInformation, ...} on its own is
 * accepted too. ListAndSchemeInformation needs LoTEVersionIdentifier and LoTESequenceNumber
 * (integers) and ListIssueDateTime and NextUpdate (RFC 3339 date-times); every certificate must be
 * strict standard base64 of one DER certificate. WRP_ERR_MALFORMED / WRP_ERR_LIMIT with the member
 * named in err; nothing partial is returned.
 */
wrp_status wrp_lote_parse(const uint8_t *in, size_t len, wrp_lote *out, wrp_err *err);
void wrp_lote_free(wrp_lote *l);

/*
 * Adds to `to` every certificate of every service whose ServiceTypeIdentifier equals
 * service_type exactly and whose status grants at Unix time t: its ServiceStatus is absent or a
 * URI whose last segment is "granted", "notified" or "active", and its StatusStartingTime, when
 * given, is at or before t. A certificate that also appears in a service of the same type whose
 * status does not grant at t gives no anchor (the list contradicts itself: the stricter entry
 * wins). *added (may be NULL) receives the number of certificates offered. WRP_ERR_LIMIT beyond
 * WRP_MAX_ANCHORS certificates in `to`.
 */
wrp_status wrp_lote_add_anchors(const wrp_lote *l, const char *service_type, int64_t t,
                                wrp_anchors *to, size_t *added);
/* As wrp_lote_add_anchors; *work (may be NULL) receives its steps (services and certificates visited, and
 * certificate comparisons), which the bounded-work tests hold to the list's size times a
 * logarithm. */
wrp_status wrp_lote_add_anchors_counted(const wrp_lote *l, const char *service_type, int64_t t,
                                        wrp_anchors *to, size_t *added, size_t *work);

#endif
