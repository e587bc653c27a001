/*
 * JNI glue of the Java binding (package wrpcheck): the natives of wrpcheck.Native, registered in
 * JNI_OnLoad with RegisterNatives (no exported Java_* symbols), over include/wrpcheck.h alone.
 *
 * - The classes and constructors the glue creates are looked up once in JNI_OnLoad and held as
 *   global references; nothing else is global, and nothing changes after the load.
 * - A verifier crosses as a jlong (the wrp_verifier pointer); results are copied into Java
 *   objects at once. A result with a relying party is handed to a Java NativeResult, which the
 *   relying party holds for its language lookups (the library's, on that result) and which frees
 *   it once unreachable; any other result is freed here. No other handle ever reaches Java.
 * - Strings cross as UTF-16 converted here (JNI's "modified UTF-8" differs from UTF-8 for NUL
 *   and for characters beyond the BMP); invalid UTF-8 from the library becomes U+FFFD.
 * - Every failure becomes a Java exception in one place, throw_status(); after it a native
 *   returns at once.
 */
#include <jni.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wrpcheck.h"

#define PKG "wrpcheck/"
#define JSTR "Ljava/lang/String;"

static struct {
    jclass native, result, finding, requested, party, authority, intermediary, certificate, exception, string,
        text, display, claim_set, credential_set, native_result;
    jmethodID result_init, finding_init, requested_init, party_init, authority_init, intermediary_init,
        certificate_init, exception_init, text_init, display_init, claim_set_init, credential_set_init,
        native_result_init;
} J;

/* ---- errors ---- */

static jstring jstr(JNIEnv *env, const char *s);

/* The one place a failure becomes a Java exception: WrpException(status, statusText, where,
 * detail). When another exception is already pending (an OutOfMemoryError of the JVM), it stays. */
static void throw_status(JNIEnv *env, wrp_status st, const char *where, const char *detail)
{
    if ((*env)->ExceptionCheck(env))
        return;
    jstring text = jstr(env, wrp_status_str(st));
    jstring w = jstr(env, where);
    jstring d = jstr(env, detail != NULL ? detail : "");
    if ((*env)->ExceptionCheck(env))
        return;
    jobject e = (*env)->NewObject(env, J.exception, J.exception_init, (jint)st, text, w, d);
    if (e != NULL)
        (*env)->Throw(env, (jthrowable)e);
}

/* WRP_OK, or the status thrown; for chaining calls: if (!ok(env, call, "where")) ... */
static int ok(JNIEnv *env, wrp_status st, const char *where)
{
    if (st == WRP_OK)
        return 1;
    throw_status(env, st, where, NULL);
    return 0;
}

/* ---- strings ---- */

/* Decodes one UTF-8 sequence at s[*i] (n bytes); invalid or overlong sequences, surrogates and
 * values beyond U+10FFFF give U+FFFD and consume one byte. */
static uint32_t utf8_next(const unsigned char *s, size_t n, size_t *i)
{
    unsigned char c = s[*i];
    size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    static const uint32_t min[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (len == 0 || *i + len > n) {
        (*i)++;
        return 0xFFFD;
    }
    uint32_t cp = len == 1 ? c : (uint32_t)(c & (0x7F >> len));
    for (size_t k = 1; k < len; k++) {
        if ((s[*i + k] & 0xC0) != 0x80) {
            (*i)++;
            return 0xFFFD;
        }
        cp = (cp << 6) | (uint32_t)(s[*i + k] & 0x3F);
    }
    if (cp < min[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        (*i)++;
        return 0xFFFD;
    }
    *i += len;
    return cp;
}

/* A Java String of a library string (UTF-8, NUL-terminated); NULL for NULL. NULL with an
 * exception pending when out of memory. Short strings (every string of throw_status but a long
 * detail) need no allocation, so a failure to allocate cannot recurse. */
static jstring jstr(JNIEnv *env, const char *s)
{
    if (s == NULL || (*env)->ExceptionCheck(env))
        return NULL;
    jchar small[320];
    size_t n = strlen(s), m = 0;
    jchar *u = n <= sizeof small / sizeof small[0] ? small : malloc(n * sizeof *u); /* a unit per byte at most */
    if (u == NULL) {
        throw_status(env, WRP_ERR_NOMEM, NULL, NULL);
        return NULL;
    }
    for (size_t i = 0; i < n;) {
        uint32_t cp = utf8_next((const unsigned char *)s, n, &i);
        if (cp >= 0x10000) {
            u[m++] = (jchar)(0xD800 + ((cp - 0x10000) >> 10));
            u[m++] = (jchar)(0xDC00 + ((cp - 0x10000) & 0x3FF));
        } else {
            u[m++] = (jchar)cp;
        }
    }
    jstring out = (*env)->NewString(env, u, (jsize)m);
    if (u != small)
        free(u);
    return out;
}

/* A C string (UTF-8) of a Java String; *out NULL for null. Refuses U+0000 (a C string cannot
 * hold it); a lone surrogate becomes U+FFFD. 0 with an exception thrown on failure. */
static int cstr(JNIEnv *env, jstring s, const char *where, char **out)
{
    *out = NULL;
    if (s == NULL)
        return 1;
    jsize n = (*env)->GetStringLength(env, s);
    jchar *u = malloc((size_t)(n ? n : 1) * sizeof *u);
    char *p = malloc((size_t)n * 3 + 1);
    if (u == NULL || p == NULL) {
        free(u);
        free(p);
        throw_status(env, WRP_ERR_NOMEM, where, NULL);
        return 0;
    }
    (*env)->GetStringRegion(env, s, 0, n, u);
    size_t m = 0;
    for (jsize i = 0; i < n; i++) {
        uint32_t cp = u[i];
        if (cp == 0) {
            free(u);
            free(p);
            throw_status(env, WRP_ERR_ARG, where, "a string holding U+0000");
            return 0;
        }
        if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < n && u[i + 1] >= 0xDC00 && u[i + 1] <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (uint32_t)(u[++i] - 0xDC00);
        } else if (cp >= 0xD800 && cp <= 0xDFFF) {
            cp = 0xFFFD;
        }
        if (cp < 0x80) {
            p[m++] = (char)cp;
        } else if (cp < 0x800) {
            p[m++] = (char)(0xC0 | (cp >> 6));
            p[m++] = (char)(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            p[m++] = (char)(0xE0 | (cp >> 12));
            p[m++] = (char)(0x80 | ((cp >> 6) & 0x3F));
            p[m++] = (char)(0x80 | (cp & 0x3F));
        } else {
            p[m++] = (char)(0xF0 | (cp >> 18));
            p[m++] = (char)(0x80 | ((cp >> 12) & 0x3F));
            p[m++] = (char)(0x80 | ((cp >> 6) & 0x3F));
            p[m++] = (char)(0x80 | (cp & 0x3F));
        }
    }
    p[m] = 0;
    free(u);
    *out = p;
    return 1;
}

/* ---- byte arrays ---- */

typedef struct bytes {
    uint8_t *p;
    size_t n;
} bytes;

/* A C copy of a byte[] (NULL stays NULL); refuses more than the library accepts before copying. */
static int get_bytes(JNIEnv *env, jbyteArray a, const char *where, bytes *out)
{
    *out = (bytes){NULL, 0};
    if (a == NULL)
        return 1;
    jsize n = (*env)->GetArrayLength(env, a);
    if ((size_t)n > wrp_max_input_bytes()) {
        throw_status(env, WRP_ERR_LIMIT, where, "larger than the library accepts");
        return 0;
    }
    if ((out->p = malloc(n ? (size_t)n : 1)) == NULL) {
        throw_status(env, WRP_ERR_NOMEM, where, NULL);
        return 0;
    }
    (*env)->GetByteArrayRegion(env, a, 0, n, (jbyte *)out->p);
    out->n = (size_t)n;
    return 1;
}

/* ---- the verifier ---- */

typedef wrp_status (*adder)(wrp_config *, const uint8_t *, size_t);

/* Adds every byte[] of a Java byte[][] with add; "name[i]" and the library's reason on failure. */
static int add_all(JNIEnv *env, wrp_config *cfg, jobjectArray arr, adder add, const char *name)
{
    jsize n = arr != NULL ? (*env)->GetArrayLength(env, arr) : 0;
    for (jsize i = 0; i < n; i++) {
        char where[64];
        snprintf(where, sizeof where, "%s[%d]", name, (int)i);
        jbyteArray item = (jbyteArray)(*env)->GetObjectArrayElement(env, arr, i);
        bytes b;
        int good = get_bytes(env, item, where, &b);
        (*env)->DeleteLocalRef(env, item);
        if (!good)
            return 0;
        wrp_status st = add(cfg, b.p, b.n);
        free(b.p);
        if (st != WRP_OK) {
            throw_status(env, st, where, wrp_config_last_error(cfg));
            return 0;
        }
    }
    return 1;
}

static int add_types(JNIEnv *env, wrp_config *cfg, jobjectArray arr)
{
    jsize n = arr != NULL ? (*env)->GetArrayLength(env, arr) : 0;
    for (jsize i = 0; i < n; i++) {
        jstring s = (jstring)(*env)->GetObjectArrayElement(env, arr, i);
        char *type = NULL;
        int good = cstr(env, s, "transactionDataTypes", &type) &&
                   ok(env, type != NULL ? wrp_config_add_transaction_data_type(cfg, type) : WRP_ERR_ARG,
                      "transactionDataTypes");
        free(type);
        (*env)->DeleteLocalRef(env, s);
        if (!good)
            return 0;
    }
    return 1;
}

static jlong JNICALL verifier_new(JNIEnv *env, jclass cls, jobjectArray ac, jobjectArray rc,
                                  jobjectArray lists, jobjectArray crls, jobjectArray registers,
                                  jobjectArray register_anchors, jobjectArray tx_types, jlong time,
                                  jboolean revocation, jboolean require_ac_policy, jint mode)
{
    (void)cls;
    wrp_config *cfg = wrp_config_new();
    if (cfg == NULL) {
        throw_status(env, WRP_ERR_NOMEM, "configuration", NULL);
        return 0;
    }
    wrp_config_set_time(cfg, (int64_t)time);
    wrp_config_set_revocation(cfg, revocation == JNI_TRUE);
    wrp_config_set_require_ac_policy(cfg, require_ac_policy == JNI_TRUE);
    wrp_config_set_mode(cfg, mode == WRP_MODE_WARN ? WRP_MODE_WARN : WRP_MODE_ENFORCE);
    wrp_verifier *v = NULL;
    if (add_types(env, cfg, tx_types) &&
        add_all(env, cfg, ac, wrp_config_add_ac_anchors, "acAnchors") &&
        add_all(env, cfg, rc, wrp_config_add_rc_anchors, "rcAnchors") &&
        add_all(env, cfg, lists, wrp_config_add_status_list, "statusLists") &&
        add_all(env, cfg, crls, wrp_config_add_crl, "crls") &&
        add_all(env, cfg, registers, wrp_config_add_register, "registers") &&
        add_all(env, cfg, register_anchors, wrp_config_add_register_anchors, "registerAnchors"))
        (void)ok(env, wrp_verifier_new(cfg, &v), "verifier");
    wrp_config_free(cfg);
    return (jlong)(intptr_t)v;
}

static void JNICALL verifier_free(JNIEnv *env, jclass cls, jlong handle)
{
    (void)env;
    (void)cls;
    wrp_verifier_free((wrp_verifier *)(intptr_t)handle);
}

/* ---- results ---- */

/* Each element is made in its own local frame: a result with thousands of findings must not
 * exhaust the local reference table (512 entries on Android). */
static jobject finding_at(JNIEnv *env, const wrp_result *r, size_t i)
{
    if ((*env)->PushLocalFrame(env, 16) != 0)
        return NULL;
    wrp_code code = wrp_result_finding_code(r, i);
    jstring name = jstr(env, wrp_code_str(code)), msg = jstr(env, wrp_result_finding_message(r, i));
    jstring id = jstr(env, wrp_result_finding_credential_id(r, i));
    jstring type = jstr(env, wrp_result_finding_type(r, i)), path = jstr(env, wrp_result_finding_path(r, i));
    jstring source = jstr(env, wrp_result_finding_source(r, i));
    jobject f = NULL;
    if (!(*env)->ExceptionCheck(env))
        f = (*env)->NewObject(env, J.finding, J.finding_init, (jint)code, name,
                              (jint)wrp_result_finding_severity(r, i), msg, id, type, path, source);
    return (*env)->PopLocalFrame(env, f);
}

static jobject requested_at(JNIEnv *env, const wrp_result *r, size_t i)
{
    if ((*env)->PushLocalFrame(env, 8) != 0)
        return NULL;
    jstring id = jstr(env, wrp_result_requested_credential_id(r, i));
    jstring format = jstr(env, wrp_result_requested_format(r, i));
    jstring type = jstr(env, wrp_result_requested_type(r, i)), path = jstr(env, wrp_result_requested_path(r, i));
    jobject q = NULL;
    if (!(*env)->ExceptionCheck(env))
        q = (*env)->NewObject(env, J.requested, J.requested_init, id, format, type, path,
                              wrp_result_requested_registered(r, i) ? JNI_TRUE : JNI_FALSE);
    return (*env)->PopLocalFrame(env, q);
}

typedef jobject (*element_fn)(JNIEnv *, const wrp_result *, size_t);

static jobjectArray array_of(JNIEnv *env, const wrp_result *r, jclass cls, size_t n, element_fn at)
{
    if (n > INT32_MAX) {
        throw_status(env, WRP_ERR_LIMIT, "result", "too many elements for a Java array");
        return NULL;
    }
    jobjectArray a = (*env)->NewObjectArray(env, (jsize)n, cls, NULL);
    for (size_t i = 0; a != NULL && i < n; i++) {
        jobject e = at(env, r, i);
        if (e == NULL)
            return NULL;
        (*env)->SetObjectArrayElement(env, a, (jsize)i, e);
        (*env)->DeleteLocalRef(env, e);
    }
    return a;
}

typedef const char *(*string_at_fn)(const wrp_result *, size_t);

/* A String[] of the n strings at(r, 0), ..., at(r, n - 1); with then, the pairs at(r, i), then(r, i)
 * one after the other (lang, text, lang, text, ... or name, value, ...): 2n strings. */
static jobjectArray strings(JNIEnv *env, const wrp_result *r, size_t n, string_at_fn at, string_at_fn then)
{
    size_t per = then != NULL ? 2 : 1;
    if ((*env)->ExceptionCheck(env))
        return NULL;
    if (n > INT32_MAX / per) {
        throw_status(env, WRP_ERR_LIMIT, "result", "too many strings for a Java array");
        return NULL;
    }
    jobjectArray a = (*env)->NewObjectArray(env, (jsize)(per * n), J.string, NULL);
    for (size_t i = 0; a != NULL && i < per * n; i++) {
        const char *s = i % per ? then(r, i / per) : at(r, i / per);
        jstring js = jstr(env, s);
        if ((*env)->ExceptionCheck(env))
            return NULL;
        (*env)->SetObjectArrayElement(env, a, (jsize)i, js);
        (*env)->DeleteLocalRef(env, js);
    }
    return a;
}

/* The supervisory authority, or null when the certificate names none (no string member). */
static jobject supervisory_authority(JNIEnv *env, const wrp_result *r)
{
    size_t n = wrp_result_rp_supervisory_authority_count(r);
    if (n == 0 || (*env)->PushLocalFrame(env, 8) != 0)
        return NULL;
    jstring email = jstr(env, wrp_result_rp_supervisory_authority(r, "email"));
    jstring phone = jstr(env, wrp_result_rp_supervisory_authority(r, "phone"));
    jstring uri = jstr(env, wrp_result_rp_supervisory_authority(r, "uri"));
    jobjectArray members = strings(env, r, n, wrp_result_rp_supervisory_authority_key,
                                   wrp_result_rp_supervisory_authority_value);
    jobject a = NULL;
    if (!(*env)->ExceptionCheck(env))
        a = (*env)->NewObject(env, J.authority, J.authority_init, email, phone, uri, members);
    return (*env)->PopLocalFrame(env, a);
}

/* Whether r describes a relying party (a registration certificate payload was read). */
static int has_relying_party(const wrp_result *r)
{
    return wrp_result_rp_verified(r) || wrp_result_rp_name(r) != NULL || wrp_result_rp_identifier(r) != NULL;
}

/* The relying party (has_relying_party), holding owner, the NativeResult of r, for its lookups. */
static jobject relying_party(JNIEnv *env, const wrp_result *r, jobject owner)
{
    int verified = wrp_result_rp_verified(r);
    if ((*env)->PushLocalFrame(env, 24) != 0)
        return NULL;
    jstring name = jstr(env, wrp_result_rp_name(r)), id = jstr(env, wrp_result_rp_identifier(r));
    jstring country = jstr(env, wrp_result_rp_country(r)), use = jstr(env, wrp_result_rp_intended_use(r));
    jstring policy = jstr(env, wrp_result_rp_privacy_policy(r)), registry = jstr(env, wrp_result_rp_registry_uri(r));
    jstring info = jstr(env, wrp_result_rp_info_uri(r)), support = jstr(env, wrp_result_rp_support_uri(r));
    jobjectArray purpose = strings(env, r, wrp_result_rp_purpose_count(r), wrp_result_rp_purpose_lang,
                                   wrp_result_rp_purpose_text);
    jobjectArray description = strings(env, r, wrp_result_rp_service_description_count(r),
                                       wrp_result_rp_service_description_lang,
                                       wrp_result_rp_service_description_text);
    jobjectArray entitlements = strings(env, r, wrp_result_rp_entitlement_count(r), wrp_result_rp_entitlement, NULL);
    jobject authority = (*env)->ExceptionCheck(env) ? NULL : supervisory_authority(env, r);
    int public_body = wrp_result_rp_public_body(r);
    jobject p = NULL;
    if (!(*env)->ExceptionCheck(env))
        p = (*env)->NewObject(env, J.party, J.party_init, name, id, verified ? JNI_TRUE : JNI_FALSE,
                              country, use, purpose, policy, registry, info, support, description,
                              (jint)(public_body < 0 ? -1 : public_body != 0), entitlements, authority, owner);
    return (*env)->PopLocalFrame(env, p);
}

/* A LocalizedText of entry i of the purposes (or service descriptions) of r; null for SIZE_MAX. */
static jobject localized_text(JNIEnv *env, const wrp_result *r, size_t i, int description)
{
    if (i == SIZE_MAX || (*env)->ExceptionCheck(env) || (*env)->PushLocalFrame(env, 4) != 0)
        return NULL;
    jstring lang = jstr(env, description ? wrp_result_rp_service_description_lang(r, i) : wrp_result_rp_purpose_lang(r, i));
    jstring text = jstr(env, description ? wrp_result_rp_service_description_text(r, i) : wrp_result_rp_purpose_text(r, i));
    jobject t = NULL;
    if (!(*env)->ExceptionCheck(env))
        t = (*env)->NewObject(env, J.text, J.text_init, lang, text);
    return (*env)->PopLocalFrame(env, t);
}

/* The JSON's display for the request's languages langs: null without them or when the relying
 * party is not verified; else the purpose and service description the library's lookup chooses. */
static jobject display(JNIEnv *env, const wrp_result *r, const char *langs)
{
    if (langs == NULL || !wrp_result_rp_verified(r) || (*env)->ExceptionCheck(env) ||
        (*env)->PushLocalFrame(env, 4) != 0)
        return NULL;
    size_t p = wrp_result_rp_purpose_lookup(r, langs), d = wrp_result_rp_service_description_lookup(r, langs);
    jstring lang = jstr(env, wrp_result_rp_purpose_lang(r, p)), purpose = jstr(env, wrp_result_rp_purpose_text(r, p));
    jstring description = jstr(env, wrp_result_rp_service_description_text(r, d));
    jobject o = NULL;
    if (!(*env)->ExceptionCheck(env))
        o = (*env)->NewObject(env, J.display, J.display_init, lang, purpose, description);
    return (*env)->PopLocalFrame(env, o);
}

/* An index of the DCQL alternatives as a Java int; -1 with LIMIT thrown when it is none. */
static jint index_of(JNIEnv *env, size_t i)
{
    if (i > INT32_MAX) {
        throw_status(env, WRP_ERR_LIMIT, "result", "an index beyond a Java int");
        return -1;
    }
    return (jint)i;
}

static jobject claim_set_at(JNIEnv *env, const wrp_result *r, size_t i)
{
    if ((*env)->PushLocalFrame(env, 4) != 0)
        return NULL;
    jstring id = jstr(env, wrp_result_claim_set_credential_id(r, i));
    jint option = index_of(env, wrp_result_claim_set_option(r, i));
    jobject c = NULL;
    if (!(*env)->ExceptionCheck(env))
        c = (*env)->NewObject(env, J.claim_set, J.claim_set_init, id, option,
                              wrp_result_claim_set_registered(r, i) ? JNI_TRUE : JNI_FALSE);
    return (*env)->PopLocalFrame(env, c);
}

static jobject credential_set_at(JNIEnv *env, const wrp_result *r, size_t i)
{
    size_t n = wrp_result_credential_set_credential_count(r, i);
    if (n > INT32_MAX) {
        throw_status(env, WRP_ERR_LIMIT, "result", "too many strings for a Java array");
        return NULL;
    }
    if ((*env)->PushLocalFrame(env, 4) != 0)
        return NULL;
    jint set = index_of(env, wrp_result_credential_set_set(r, i));
    jint option = index_of(env, wrp_result_credential_set_option(r, i));
    jobjectArray ids = (*env)->ExceptionCheck(env) ? NULL : (*env)->NewObjectArray(env, (jsize)n, J.string, NULL);
    for (size_t k = 0; ids != NULL && k < n; k++) {
        jstring id = jstr(env, wrp_result_credential_set_credential_id(r, i, k));
        if ((*env)->ExceptionCheck(env))
            break;
        (*env)->SetObjectArrayElement(env, ids, (jsize)k, id);
        (*env)->DeleteLocalRef(env, id);
    }
    jobject c = NULL;
    if (ids != NULL && !(*env)->ExceptionCheck(env))
        c = (*env)->NewObject(env, J.credential_set, J.credential_set_init, set, option, ids,
                              wrp_result_credential_set_required(r, i) ? JNI_TRUE : JNI_FALSE,
                              wrp_result_credential_set_registered(r, i) ? JNI_TRUE : JNI_FALSE);
    return (*env)->PopLocalFrame(env, c);
}

/* The intermediary of an intermediated request, or null. */
static jobject intermediary(JNIEnv *env, const wrp_result *r)
{
    const char *identifier = wrp_result_intermediary_identifier(r);
    if (identifier == NULL || (*env)->ExceptionCheck(env) || (*env)->PushLocalFrame(env, 4) != 0)
        return NULL;
    jstring id = jstr(env, identifier), name = jstr(env, wrp_result_intermediary_name(r));
    jobject i = NULL;
    if (!(*env)->ExceptionCheck(env))
        i = (*env)->NewObject(env, J.intermediary, J.intermediary_init, id, name);
    return (*env)->PopLocalFrame(env, i);
}

/* The access certificate the request carried, or null when it carried none. */
static jobject access_certificate(JNIEnv *env, const wrp_result *r)
{
    const char *sha256 = wrp_result_ac_sha256(r);
    if (sha256 == NULL || (*env)->ExceptionCheck(env) || (*env)->PushLocalFrame(env, 8) != 0)
        return NULL;
    jstring subject = jstr(env, wrp_result_ac_subject(r)), issuer = jstr(env, wrp_result_ac_issuer(r));
    jstring serial = jstr(env, wrp_result_ac_serial(r)), digest = jstr(env, sha256);
    jstring not_before = jstr(env, wrp_result_ac_not_before(r)), not_after = jstr(env, wrp_result_ac_not_after(r));
    jobject c = NULL;
    if (!(*env)->ExceptionCheck(env))
        c = (*env)->NewObject(env, J.certificate, J.certificate_init, subject, issuer, serial, not_before,
                              not_after, digest, wrp_result_ac_verified(r) ? JNI_TRUE : JNI_FALSE);
    return (*env)->PopLocalFrame(env, c);
}

/* A Java Result holding copies of everything in r; langs: the request's languages (its display).
 * When r has a relying party, a NativeResult takes r over for the relying party's lookups and
 * *handed is set: from then on Java frees r (even when this fails later), the caller must not. */
static jobject result_of(JNIEnv *env, wrp_result *r, const char *langs, int *handed)
{
    jobject party = NULL;
    if (has_relying_party(r)) {
        jobject owner = (*env)->NewObject(env, J.native_result, J.native_result_init, (jlong)(intptr_t)r);
        if (owner == NULL)
            return NULL;
        *handed = 1;
        party = relying_party(env, r, owner);
        (*env)->DeleteLocalRef(env, owner); /* party holds it */
        if (party == NULL)
            return NULL;
    }
    jobjectArray findings = array_of(env, r, J.finding, wrp_result_finding_count(r), finding_at);
    jobjectArray requested = findings != NULL ? array_of(env, r, J.requested, wrp_result_requested_count(r), requested_at) : NULL;
    jobjectArray claim_sets = requested != NULL ? array_of(env, r, J.claim_set, wrp_result_claim_set_count(r), claim_set_at) : NULL;
    jobjectArray credential_sets =
        claim_sets != NULL ? array_of(env, r, J.credential_set, wrp_result_credential_set_count(r), credential_set_at) : NULL;
    jobject via = credential_sets != NULL ? intermediary(env, r) : NULL;
    jobject certificate = credential_sets != NULL ? access_certificate(env, r) : NULL;
    jobject shown = credential_sets != NULL ? display(env, r, langs) : NULL;
    jstring kind = jstr(env, wrp_result_request_kind(r)), json = jstr(env, wrp_result_json(r));
    if ((*env)->ExceptionCheck(env))
        return NULL;
    return (*env)->NewObject(env, J.result, J.result_init, (jint)wrp_result_verdict(r), kind, findings, requested,
                             party, via, certificate, shown, claim_sets, credential_sets, json);
}

/* ---- judgements ---- */

/* Adds every disclosure policy of a Java byte[][] to rq, as add_all adds a configuration's
 * inputs: "disclosurePolicies[i]" and the library's reason (wrp_request_last_error) on failure. */
static int add_policies(JNIEnv *env, wrp_request *rq, jobjectArray arr)
{
    jsize n = arr != NULL ? (*env)->GetArrayLength(env, arr) : 0;
    for (jsize i = 0; i < n; i++) {
        char where[64];
        snprintf(where, sizeof where, "disclosurePolicies[%d]", (int)i);
        jbyteArray item = (jbyteArray)(*env)->GetObjectArrayElement(env, arr, i);
        bytes b;
        int good = get_bytes(env, item, where, &b);
        (*env)->DeleteLocalRef(env, item);
        if (!good)
            return 0;
        wrp_status st = wrp_request_add_disclosure_policy(rq, b.p, b.n);
        free(b.p);
        if (st != WRP_OK) {
            throw_status(env, st, where, wrp_request_last_error(rq));
            return 0;
        }
    }
    return 1;
}

/* Sets the request's language list; "lang" and the library's reason on failure. */
static int set_lang(JNIEnv *env, wrp_request *rq, const char *langs)
{
    wrp_status st = langs != NULL ? wrp_request_set_lang(rq, langs) : WRP_OK;
    if (st != WRP_OK) {
        throw_status(env, st, "lang", wrp_request_last_error(rq));
        return 0;
    }
    return 1;
}

static jobject JNICALL audit(JNIEnv *env, jclass cls, jlong handle, jbyteArray request,
                             jbyteArray transcript, jstring client_id, jstring origin,
                             jbyteArray registration, jobjectArray policies, jstring lang, jint kind)
{
    (void)cls;
    bytes req = {0}, tr = {0}, rc = {0};
    char *cid = NULL, *org = NULL, *langs = NULL;
    wrp_result *r = NULL;
    jobject out = NULL;
    int handed = 0;
    wrp_request *rq = wrp_request_new();
    if (rq == NULL) {
        throw_status(env, WRP_ERR_NOMEM, "request", NULL);
        return NULL;
    }
    wrp_request_set_kind(rq, (wrp_request_kind)kind);
    if (get_bytes(env, request, "request", &req) && get_bytes(env, transcript, "transcript", &tr) &&
        get_bytes(env, registration, "registration", &rc) && cstr(env, client_id, "clientId", &cid) &&
        cstr(env, origin, "origin", &org) && cstr(env, lang, "lang", &langs) &&
        ok(env, cid != NULL ? wrp_request_set_client_id(rq, cid) : WRP_OK, "clientId") &&
        ok(env, org != NULL ? wrp_request_set_origin(rq, org) : WRP_OK, "origin") &&
        ok(env, tr.p != NULL ? wrp_request_set_transcript(rq, tr.p, tr.n) : WRP_OK, "transcript") &&
        ok(env, rc.p != NULL ? wrp_request_set_registration(rq, rc.p, rc.n) : WRP_OK, "registration") &&
        add_policies(env, rq, policies) && set_lang(env, rq, langs) &&
        ok(env, wrp_audit((const wrp_verifier *)(intptr_t)handle, rq, req.p, req.n, &r), "audit"))
        out = result_of(env, r, langs, &handed);
    if (!handed)
        wrp_result_free(r);
    wrp_request_free(rq);
    free(req.p);
    free(tr.p);
    free(rc.p);
    free(cid);
    free(org);
    free(langs);
    return out;
}

static jobject JNICALL check_registration(JNIEnv *env, jclass cls, jlong handle, jbyteArray certificate,
                                          jbyteArray ac_chain, jboolean for_request)
{
    (void)cls;
    bytes rc = {0}, chain = {0};
    wrp_result *r = NULL;
    jobject out = NULL;
    int handed = 0;
    if (get_bytes(env, certificate, "certificate", &rc) && get_bytes(env, ac_chain, "acChain", &chain) &&
        ok(env, wrp_check_registration((const wrp_verifier *)(intptr_t)handle, rc.p, rc.n, chain.p, chain.n,
                                       for_request == JNI_TRUE, &r), "checkRegistration"))
        out = result_of(env, r, NULL, &handed);
    if (!handed)
        wrp_result_free(r);
    free(rc.p);
    free(chain.p);
    return out;
}

/* ---- the results NativeResult keeps ---- */

/* The entry the library's lookup chooses for langs among the purposes (or the service
 * descriptions) of the result behind handle; null when there is none. A list the library refuses
 * throws its reason: the lookup gives none, so the list is checked as wrp_request_set_lang checks
 * it. owner, the NativeResult of handle, is only passed so that it stays reachable meanwhile. */
static jobject JNICALL lookup(JNIEnv *env, jclass cls, jlong handle, jstring langs, jboolean description,
                              jobject owner)
{
    (void)cls;
    (void)owner;
    const wrp_result *r = (const wrp_result *)(intptr_t)handle;
    char *list = NULL;
    if (!cstr(env, langs, "langs", &list))
        return NULL;
    if (list == NULL) {
        throw_status(env, WRP_ERR_ARG, "langs", "no language list");
        return NULL;
    }
    int of_description = description == JNI_TRUE;
    size_t i = of_description ? wrp_result_rp_service_description_lookup(r, list) : wrp_result_rp_purpose_lookup(r, list);
    jobject out = NULL;
    if (i != SIZE_MAX) {
        out = localized_text(env, r, i, of_description);
    } else {
        wrp_request *rq = wrp_request_new();
        wrp_status st = rq != NULL ? wrp_request_set_lang(rq, list) : WRP_ERR_NOMEM;
        if (st != WRP_OK)
            throw_status(env, st, "langs", rq != NULL ? wrp_request_last_error(rq) : NULL);
        wrp_request_free(rq);
    }
    free(list);
    return out;
}

static void JNICALL result_free(JNIEnv *env, jclass cls, jlong handle)
{
    (void)env;
    (void)cls;
    wrp_result_free((wrp_result *)(intptr_t)handle);
}

/* ---- the library ---- */

static jint JNICALL abi_version(JNIEnv *env, jclass cls)
{
    (void)env;
    (void)cls;
    return (jint)wrp_abi_version();
}

static jstring JNICALL library_version(JNIEnv *env, jclass cls)
{
    (void)cls;
    return jstr(env, wrp_version());
}

/* The code table as int[] {value, ...}; names come from codeName. */
static jintArray JNICALL code_values(JNIEnv *env, jclass cls)
{
    (void)cls;
    size_t n = wrp_code_count();
    jintArray a = (*env)->NewIntArray(env, (jsize)n);
    for (size_t i = 0; a != NULL && i < n; i++) {
        jint v = (jint)wrp_code_at(i);
        (*env)->SetIntArrayRegion(env, a, (jsize)i, 1, &v);
    }
    return a;
}

static jstring JNICALL code_name(JNIEnv *env, jclass cls, jint code)
{
    (void)cls;
    return jstr(env, wrp_code_str((wrp_code)code));
}

static const JNINativeMethod natives[] = {
    {"abiVersion", "()I", (void *)abi_version},
    {"libraryVersion", "()" JSTR, (void *)library_version},
    {"codeValues", "()[I", (void *)code_values},
    {"codeName", "(I)" JSTR, (void *)code_name},
    {"verifierNew", "([[B[[B[[B[[B[[B[[B[" JSTR "JZZI)J", (void *)verifier_new},
    {"verifierFree", "(J)V", (void *)verifier_free},
    {"audit", "(J[B[B" JSTR JSTR "[B[[B" JSTR "I)L" PKG "Result;", (void *)audit},
    {"checkRegistration", "(J[B[BZ)L" PKG "Result;", (void *)check_registration},
    {"lookup", "(J" JSTR "ZLjava/lang/Object;)L" PKG "LocalizedText;", (void *)lookup},
    {"resultFree", "(J)V", (void *)result_free},
};

static int cache(JNIEnv *env, jclass *slot, const char *name)
{
    jclass local = (*env)->FindClass(env, name);
    if (local == NULL)
        return 0;
    *slot = (jclass)(*env)->NewGlobalRef(env, local);
    (*env)->DeleteLocalRef(env, local);
    return *slot != NULL;
}

static int init_of(JNIEnv *env, jclass cls, const char *sig, jmethodID *slot)
{
    return (*slot = (*env)->GetMethodID(env, cls, "<init>", sig)) != NULL;
}

static void uncache(JNIEnv *env)
{
    jclass *all[] = {&J.native, &J.result, &J.finding, &J.requested, &J.party, &J.authority, &J.intermediary,
                     &J.certificate, &J.exception, &J.string, &J.text, &J.display, &J.claim_set,
                     &J.credential_set, &J.native_result};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
        if (*all[i] != NULL)
            (*env)->DeleteGlobalRef(env, *all[i]);
        *all[i] = NULL;
    }
}

JNIEXPORT jint JNICALL JNI_OnLoad(JavaVM *vm, void *reserved)
{
    (void)reserved;
    JNIEnv *env = NULL;
    if ((*vm)->GetEnv(vm, (void **)&env, JNI_VERSION_1_6) != JNI_OK)
        return JNI_ERR;
    if (wrp_abi_version() != WRP_ABI_VERSION) {
        jclass e = (*env)->FindClass(env, "java/lang/UnsatisfiedLinkError");
        if (e != NULL)
            (*env)->ThrowNew(env, e, "libwrpcheck has another ABI version than the JNI glue was built for");
        return JNI_ERR;
    }
    int good = cache(env, &J.native, PKG "Native") && cache(env, &J.result, PKG "Result") &&
               cache(env, &J.finding, PKG "Finding") && cache(env, &J.requested, PKG "Requested") &&
               cache(env, &J.party, PKG "RelyingParty") && cache(env, &J.authority, PKG "SupervisoryAuthority") &&
               cache(env, &J.intermediary, PKG "Intermediary") &&
               cache(env, &J.certificate, PKG "AccessCertificate") && cache(env, &J.exception, PKG "WrpException") &&
               cache(env, &J.string, "java/lang/String") && cache(env, &J.text, PKG "LocalizedText") &&
               cache(env, &J.display, PKG "Display") && cache(env, &J.claim_set, PKG "ClaimSetOption") &&
               cache(env, &J.credential_set, PKG "CredentialSetOption") &&
               cache(env, &J.native_result, PKG "NativeResult") &&
               init_of(env, J.result,
                       "(I" JSTR "[L" PKG "Finding;[L" PKG "Requested;L" PKG "RelyingParty;L" PKG "Intermediary;L" PKG
                       "AccessCertificate;L" PKG "Display;[L" PKG "ClaimSetOption;[L" PKG "CredentialSetOption;" JSTR
                       ")V",
                       &J.result_init) &&
               init_of(env, J.finding, "(I" JSTR "I" JSTR JSTR JSTR JSTR JSTR ")V", &J.finding_init) &&
               init_of(env, J.requested, "(" JSTR JSTR JSTR JSTR "Z)V", &J.requested_init) &&
               init_of(env, J.party,
                       "(" JSTR JSTR "Z" JSTR JSTR "[" JSTR JSTR JSTR JSTR JSTR "[" JSTR "I[" JSTR "L" PKG
                       "SupervisoryAuthority;L" PKG "NativeResult;)V",
                       &J.party_init) &&
               init_of(env, J.authority, "(" JSTR JSTR JSTR "[" JSTR ")V", &J.authority_init) &&
               init_of(env, J.intermediary, "(" JSTR JSTR ")V", &J.intermediary_init) &&
               init_of(env, J.certificate, "(" JSTR JSTR JSTR JSTR JSTR JSTR "Z)V", &J.certificate_init) &&
               init_of(env, J.exception, "(I" JSTR JSTR JSTR ")V", &J.exception_init) &&
               init_of(env, J.text, "(" JSTR JSTR ")V", &J.text_init) &&
               init_of(env, J.display, "(" JSTR JSTR JSTR ")V", &J.display_init) &&
               init_of(env, J.claim_set, "(" JSTR "IZ)V", &J.claim_set_init) &&
               init_of(env, J.credential_set, "(II[" JSTR "ZZ)V", &J.credential_set_init) &&
               init_of(env, J.native_result, "(J)V", &J.native_result_init) &&
               (*env)->RegisterNatives(env, J.native, natives, (jint)(sizeof natives / sizeof natives[0])) == 0;
    if (!good) {
        uncache(env);
        return JNI_ERR;
    }
    return JNI_VERSION_1_6;
}

JNIEXPORT void JNICALL JNI_OnUnload(JavaVM *vm, void *reserved)
{
    (void)reserved;
    JNIEnv *env = NULL;
    if ((*vm)->GetEnv(vm, (void **)&env, JNI_VERSION_1_6) == JNI_OK)
        uncache(env);
}
