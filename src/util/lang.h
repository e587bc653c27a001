/* Language preference lists and RFC 4647 lookup, as contract v1.1 `--lang` describes them. */
#ifndef WRP_LANG_H
#define WRP_LANG_H

#include <stdbool.h>
#include <stddef.h>
#include "util/err.h"

/* Most tags a list may hold, and bytes of one tag (BCP 47 advises 35 as enough for any tag). */
#define WRP_MAX_LANG_TAGS 16u
#define WRP_MAX_LANG_TAG_BYTES 35u

/* A list of BCP 47 language tags, most preferred first: tags of subtags of 1 to 8 ASCII letters
 * or digits joined by '-', the first subtag letters only (no wildcard, no quality values),
 * separated by commas with optional spaces around them; 1 to WRP_MAX_LANG_TAGS tags of at most
 * WRP_MAX_LANG_TAG_BYTES each. WRP_ERR_MALFORMED (WRP_ERR_LIMIT beyond the count) with the
 * reason otherwise. */
wrp_status wrp_lang_list_check(const char *langs, wrp_err *err);

/*
 * RFC 4647 lookup over n entries whose tags tag(ctx, i) gives (NULL: an entry without a tag): for
 * each tag of the list in order, the first entry with that tag, then with the tag shortened at
 * each '-' from the right, compared case-insensitively; the first hit wins; none: entry 0. The
 * list must have passed wrp_lang_list_check. SIZE_MAX when n is 0.
 */
size_t wrp_lang_lookup(const char *langs, size_t n, const char *(*tag)(const void *ctx, size_t i),
                       const void *ctx);

#endif
