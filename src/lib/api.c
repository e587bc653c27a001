/* Version, the string tables of the public enums, and the small helpers a report needs. */
#include <string.h>

#include <openssl/evp.h>

#include "util/datetime.h"
#include "util/err.h"
#include "util/json.h"
#include "util/limits.h"
#include "util/sniff.h"
#include "util/text.h"
#include "util/utf8.h"
#include "wrpcheck.h"

#define WRP_VERSION_STRING "0.1.0"

const char *wrp_version(void) { return WRP_VERSION_STRING; }

unsigned wrp_abi_version(void) { return WRP_ABI_VERSION; }

size_t wrp_max_input_bytes(void) { return WRP_MAX_INPUT_BYTES; }

const char *wrp_status_str(wrp_status status)
{
    switch (status) {
#define WRP_X_(name, value, text) \
    case name:                    \
        return text;
        WRP_STATUS_TABLE(WRP_X_)
#undef WRP_X_
    }
    return "unknown status";
}

const char *wrp_code_str(wrp_code code)
{
    switch (code) {
#define WRP_X_(name, value)    \
    case WRP_CODE_##name:      \
        return #name;
        WRP_CODE_TABLE(WRP_X_)
#undef WRP_X_
    }
    return "UNKNOWN";
}

static const wrp_code all_codes[] = {
#define WRP_X_(name, value) WRP_CODE_##name,
    WRP_CODE_TABLE(WRP_X_)
#undef WRP_X_
};

size_t wrp_code_count(void) { return sizeof all_codes / sizeof all_codes[0]; }

wrp_code wrp_code_at(size_t i)
{
    return i < wrp_code_count() ? all_codes[i] : (wrp_code)0;
}

wrp_code wrp_code_from_str(const char *name)
{
    for (size_t i = 0; name != NULL && i < wrp_code_count(); i++)
        if (strcmp(name, wrp_code_str(all_codes[i])) == 0)
            return all_codes[i];
    return (wrp_code)0;
}

const char *wrp_severity_str(wrp_severity severity)
{
    switch (severity) {
    case WRP_SEV_INFO:
        return "info";
    case WRP_SEV_WARNING:
        return "warning";
    case WRP_SEV_ERROR:
        return "error";
    }
    return "unknown";
}

wrp_input_shape wrp_sniff(const uint8_t *in, size_t len)
{
    return wrp_sniff_shape(in, len);
}

const char *wrp_input_shape_str(wrp_input_shape shape)
{
    switch (shape) {
    case WRP_SHAPE_EMPTY:
        return "nothing (empty or white space only)";
    case WRP_SHAPE_BOM:
        return "text beginning with a byte order mark";
    case WRP_SHAPE_JSON:
        return "JSON";
    case WRP_SHAPE_PEM:
        return "PEM text";
    case WRP_SHAPE_JWS:
        return "a compact JWS";
    case WRP_SHAPE_HTML:
        return "HTML";
    case WRP_SHAPE_LINK:
        return "a link (URL)";
    case WRP_SHAPE_HEX:
        return "hex text";
    case WRP_SHAPE_BASE64:
        return "base64 text";
    case WRP_SHAPE_TEXT:
        return "plain text";
    case WRP_SHAPE_BINARY:
        return "binary data (CBOR or DER)";
    }
    return "unknown";
}

wrp_status wrp_time_parse(const char *text, int64_t *unix_seconds)
{
    if (text == NULL || unix_seconds == NULL)
        return WRP_ERR_ARG;
    return wrp_datetime_parse_utc(text, unix_seconds) ? WRP_OK : WRP_ERR_MALFORMED;
}

wrp_status wrp_time_format(int64_t unix_seconds, char out[WRP_TIME_BUF])
{
    char buf[WRP_DATETIME_BUF];
    if (out == NULL || !wrp_datetime_format(unix_seconds, buf))
        return WRP_ERR_ARG;
    memcpy(out, buf, WRP_TIME_BUF);
    return WRP_OK;
}

wrp_status wrp_sha256_hex(const uint8_t *in, size_t len, char out[WRP_SHA256_HEX_BUF])
{
    static const uint8_t empty[1] = {0};
    if ((in == NULL && len > 0) || out == NULL)
        return WRP_ERR_ARG;
    uint8_t md[EVP_MAX_MD_SIZE];
    unsigned int md_len = 0;
    /* Hashing bytes in memory fails only for want of memory (the digest's fetch and context). */
    if (EVP_Digest(in != NULL ? in : empty, len, md, &md_len, EVP_sha256(), NULL) != 1 || md_len != 32) {
        wrp_ossl_clear();
        return wrp_nomem();
    }
    static const char hex[] = "0123456789abcdef";
    for (unsigned int i = 0; i < md_len; i++) {
        out[2 * i] = hex[md[i] >> 4];
        out[2 * i + 1] = hex[md[i] & 15];
    }
    out[2 * md_len] = 0;
    return WRP_OK;
}

int wrp_text_shown_escaped(uint32_t cp)
{
    return wrp_text_escaped(cp);
}

size_t wrp_utf8_decode(const uint8_t *in, size_t len, uint32_t *cp)
{
    return in != NULL ? wrp_utf8_seq(in, len, cp) : 0;
}

wrp_status wrp_json_check(const uint8_t *in, size_t len)
{
    cJSON *root = NULL;
    wrp_oom_begin();
    wrp_status st = wrp_json_parse(in, len, &root, NULL);
    cJSON_Delete(root);
    return wrp_oom_end() ? WRP_ERR_NOMEM : st;
}
