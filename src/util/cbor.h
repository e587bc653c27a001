/* Strict CBOR front end over libcbor, plus a small encoder for the structures we sign over. */
#ifndef WRP_CBOR_H
#define WRP_CBOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cbor.h>
#include "util/err.h"

/*
 * Pre-walks in[0..len) before libcbor allocates anything: every head well-formed, every declared
 * length and element count within the bytes that remain (an array of n items needs at least n
 * bytes), nesting <= WRP_MAX_CBOR_DEPTH, items <= WRP_MAX_CBOR_ITEMS, indefinite lengths bounded the
 * same way, simple values limited to false/true/null (and floats), reserved additional-info values
 * refused, text strings valid UTF-8, exactly one item with no trailing bytes. Then loads with
 * libcbor and refuses duplicate map keys at any depth.
 * Map keys must be integers (compared by value, so 01 and 18 01 collide) or byte/text strings
 * (compared by bytes); any other key (float, simple, tag, array, map) is refused as malformed.
 * Indefinite-length items come out definite: strings joined from their chunks (so they are keys
 * like any other string), arrays and maps with their counted elements; the tree never shows how
 * a length was encoded. On success *out is the item (cbor_decref when done). Status:
 * WRP_ERR_MALFORMED or WRP_ERR_LIMIT with a reason (and the offset, for the pre-walk) in err;
 * WRP_ERR_NOMEM when the tree could not be built.
 */
wrp_status wrp_cbor_parse(const uint8_t *in, size_t len, cbor_item_t **out, wrp_err *err);

/* Only the pre-walk (exposed for tests and the fuzzer): WRP_OK when in is one acceptable item. */
wrp_status wrp_cbor_prewalk(const uint8_t *in, size_t len, wrp_err *err);

/* Map lookups by text key / integer key; NULL when absent or when map is not a map. */
cbor_item_t *wrp_cbor_map_get_str(const cbor_item_t *map, const char *key);
cbor_item_t *wrp_cbor_map_get_int(const cbor_item_t *map, int64_t key);

/* Element i of an array, borrowed (no reference taken); NULL when out of range or not an array.
 * Use instead of cbor_array_get, which has no bounds check in libcbor 0.8 and takes a reference. */
cbor_item_t *wrp_cbor_array_at(const cbor_item_t *array, size_t i);

/* The item under tag `number`, borrowed; NULL when item is not that tag. */
cbor_item_t *wrp_cbor_tag(const cbor_item_t *item, uint64_t number);

/* Integer value of a uint/negint item within int64; false otherwise. */
bool wrp_cbor_int(const cbor_item_t *item, int64_t *out);

/* The simple values false/true (*out) and null. Use instead of cbor_is_bool, cbor_get_bool and
 * cbor_is_null: libcbor 0.8 asserts (aborts) when they meet a float, which hostile input puts
 * wherever it likes. */
bool wrp_cbor_bool(const cbor_item_t *item, bool *out);
bool wrp_cbor_is_null(const cbor_item_t *item);

/* Pointer/length of a definite text or byte string, into libcbor's storage (never NULL, also when
 * empty); false otherwise (indefinite strings, which wrp_cbor_parse never returns, refused). */
bool wrp_cbor_tstr(const cbor_item_t *item, const uint8_t **p, size_t *len);
bool wrp_cbor_bstr(const cbor_item_t *item, const uint8_t **p, size_t *len);

/* A definite text string as a malloc'ed C string (caller frees). WRP_ERR_MALFORMED when item is
 * not one or holds a NUL byte (it could not become a C string), WRP_ERR_NOMEM. */
wrp_status wrp_cbor_tstr_dup(const cbor_item_t *item, char **out);

/* Growable output buffer for the CBOR structures that are signed over (Sig_structure, ...). */
typedef struct wrp_cbor_out {
    uint8_t *p;
    size_t len, cap;
    bool oom;
} wrp_cbor_out;

/* Appenders with preferred (shortest) heads; errors are sticky in out->oom and checked once at the
 * end. oom is also set by a misuse that would emit wrong bytes (major > 7, NULL with len > 0).
 * A zeroed struct is an empty buffer; wrp_cbor_out_free releases it and zeroes it again. */
void wrp_cbor_put_head(wrp_cbor_out *o, uint8_t major, uint64_t value);
void wrp_cbor_put_bstr(wrp_cbor_out *o, const uint8_t *p, size_t len);
void wrp_cbor_put_tstr(wrp_cbor_out *o, const char *s, size_t len);
void wrp_cbor_put_raw(wrp_cbor_out *o, const uint8_t *p, size_t len);
void wrp_cbor_out_free(wrp_cbor_out *o);

#endif
