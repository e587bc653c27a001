/* Version and the string tables of the public enums. */
#include "wrpcheck.h"

#define WRP_VERSION_STRING "0.1.0"

const char *wrp_version(void) { return WRP_VERSION_STRING; }

unsigned wrp_abi_version(void) { return WRP_ABI_VERSION; }

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
