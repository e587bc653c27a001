/* `--format html`: one self-contained page an auditor can attach to a case file (SPEC.md 1a).
 * The verdict first, then who asks, then what is asked against what is registered, then the
 * details that make the page reproducible. No script, no external resource, no link: every text
 * that comes from an input is shown as the text report shows it (cli_text: controls and
 * invisible characters made visible), then HTML-escaped, inside <bdi> so that right-to-left text
 * cannot reorder what surrounds it. A Content-Security-Policy that allows nothing but the page's
 * own style is a second line: were a string ever to escape, no script would run. */
#include "report.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "io.h"
#include "sha256.h"

/* ---- the page, written to memory first so that it is printed whole or not at all ---- */

typedef struct page {
    FILE *f;
    char *buf;
    size_t len;
    bool failed;
} page;

static bool page_open(page *p)
{
    p->buf = NULL;
    p->len = 0;
    p->failed = false;
    p->f = open_memstream(&p->buf, &p->len);
    return p->f != NULL;
}

static void put(page *p, const char *s)
{
    if (!p->failed && fputs(s, p->f) == EOF)
        p->failed = true;
}

static void putf(page *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void putf(page *p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    if (!p->failed && vfprintf(p->f, fmt, ap) < 0)
        p->failed = true;
    va_end(ap);
}

/* Closes the page; on success copies it to out (when out is not NULL) or leaves it in p->buf. A
 * memory stream whose last allocation fails closes without an error but leaves no buffer. */
static int page_close(page *p, FILE *out)
{
    if (fclose(p->f) != 0 || p->buf == NULL)
        p->failed = true;
    p->f = NULL;
    if (!p->failed && out != NULL && p->len > 0 && fwrite(p->buf, 1, p->len, out) != p->len)
        p->failed = true;
    if (out != NULL || p->failed) {
        free(p->buf);
        p->buf = NULL;
    }
    return p->failed ? -1 : 0;
}

/* Text from an input: as the text report shows it (cli_text), then HTML-escaped. */
static void esc(page *p, const char *s)
{
    char *vis = NULL;
    size_t n = 0;
    FILE *m = open_memstream(&vis, &n);
    if (m == NULL) {
        p->failed = true;
        return;
    }
    cli_text(m, s, 0);
    if (fclose(m) != 0 || vis == NULL) {
        free(vis);
        p->failed = true;
        return;
    }
    for (size_t i = 0; i < n; i++) {
        switch (vis[i]) {
        case '&':
            put(p, "&amp;");
            break;
        case '<':
            put(p, "&lt;");
            break;
        case '>':
            put(p, "&gt;");
            break;
        case '"':
            put(p, "&quot;");
            break;
        case '\'':
            put(p, "&#39;");
            break;
        default:
            if (!p->failed && fputc(vis[i], p->f) == EOF)
                p->failed = true;
        }
    }
    free(vis);
}

/* A value from an input, isolated from the text around it; "none" (marked as such) for NULL. */
static void val(page *p, const char *s)
{
    if (s == NULL) {
        put(p, "<span class=\"none\">none</span>");
        return;
    }
    put(p, "<bdi>");
    esc(p, s);
    put(p, "</bdi>");
}

static void code_val(page *p, const char *s)
{
    put(p, "<code>");
    val(p, s);
    put(p, "</code>");
}

/* <dt>label</dt><dd>value</dd> for a value that is there. */
static void fact(page *p, const char *label, const char *value)
{
    if (value == NULL)
        return;
    putf(p, "<dt>%s</dt><dd>", label);
    val(p, value);
    put(p, "</dd>\n");
}

static const char *plural(size_t n)
{
    return n == 1 ? "" : "s";
}

/* ---- shared pieces ---- */

static const char style[] =
    ":root{color-scheme:light}\n"
    "*{box-sizing:border-box}\n"
    "body{margin:0;background:#eceef1;color:#1c2128;font:15px/1.5 system-ui,-apple-system,\"Segoe UI\","
    "Roboto,\"Noto Sans\",\"Liberation Sans\",Arial,sans-serif}\n"
    "main{max-width:1100px;margin:0 auto;padding:22px 36px 36px;background:#fff;min-height:100vh;"
    "box-shadow:0 0 0 1px #d5d9de}\n"
    ".doc{display:flex;justify-content:space-between;gap:16px;margin:0 0 16px;padding-bottom:8px;"
    "border-bottom:1px solid #d5d9de;color:#59636e;font-size:13px}\n"
    ".doc b{color:#1c2128}\n"
    ".verdict{display:grid;grid-template-columns:auto 1fr;column-gap:20px;align-items:center;"
    "margin:0 0 8px;padding:16px 24px;border:2px solid;border-left-width:16px;border-radius:6px}\n"
    ".verdict .mark{grid-row:span 2;width:66px;height:66px;border-radius:50%;display:flex;"
    "align-items:center;justify-content:center;color:#fff;font-size:38px;font-weight:700;line-height:1}\n"
    ".verdict .line{margin:0;font-size:30px;font-weight:700;line-height:1.2}\n"
    ".verdict .word{text-transform:uppercase;letter-spacing:.04em}\n"
    ".verdict .says{margin:4px 0 0;font-size:16px}\n"
    ".verdict .because{grid-column:2;margin:6px 0 0;font-size:14px}\n"
    ".verdict .because code{display:inline-block;margin:0 4px 2px 0;padding:1px 7px;border-radius:4px;"
    "background:rgba(255,255,255,.7);border:1px solid currentColor}\n"
    ".counts{margin:0 0 24px;color:#59636e;font-size:14px}\n"
    ".v-allow{border-color:#1a7f37;background:#eef8f1;color:#0d4a1f}.v-allow .mark{background:#1a7f37}\n"
    ".v-warn{border-color:#b26a00;border-style:dashed dashed dashed solid;background:#fff6e5;color:#5c3800}"
    ".v-warn .mark{background:#b26a00}\n"
    ".v-deny{border-color:#c0262d;background:#fdeded;color:#7d1116}.v-deny .mark{background:#c0262d}\n"
    ".v-error{border-color:#434c57;border-style:double;border-width:6px 6px 6px 16px;background:#eef0f3;"
    "color:#262c33}.v-error .mark{background:#434c57}\n"
    ".v-none{border-color:#8c959f;background:#f6f8fa;color:#262c33}.v-none .mark{background:#8c959f}\n"
    "h2{display:flex;align-items:center;gap:10px;margin:30px 0 12px;padding-bottom:6px;"
    "border-bottom:2px solid #1c2128;font-size:19px}\n"
    "h2 .n{width:28px;height:28px;border-radius:50%;background:#1c2128;color:#fff;font-size:15px;"
    "text-align:center;line-height:28px;flex:none}\n"
    "h3{margin:22px 0 8px;font-size:16px}\n"
    ".party{padding:14px 20px;border:1px solid #d5d9de;border-radius:6px}\n"
    ".party .state{margin:0 0 4px;font-size:13px;font-weight:700;letter-spacing:.05em;text-transform:uppercase}\n"
    ".party.verified .state{color:#1a7f37}\n"
    ".party.unverified{border:2px dashed #c0262d;background:#fffafa}\n"
    ".party.unverified .state{color:#c0262d}\n"
    ".party .name{margin:0 0 10px;font-size:24px;font-weight:700;line-height:1.25;overflow-wrap:anywhere}\n"
    ".party .why{margin:0 0 12px;color:#59636e}\n"
    ".via{margin:0 0 12px;padding:10px 14px;border-left:4px solid #3a6ea5;background:#eef4fb}\n"
    "dl.facts{display:grid;grid-template-columns:13em minmax(0,1fr);gap:3px 16px;margin:0}\n"
    "dl.facts dt{color:#59636e}\n"
    "dl.facts dd{margin:0;overflow-wrap:anywhere}\n"
    "dl.facts dd.list div+div{margin-top:2px}\n"
    "table{width:100%;border-collapse:collapse;margin:6px 0 4px;font-size:14px}\n"
    "th,td{padding:7px 10px;border-bottom:1px solid #d8dde3;text-align:left;vertical-align:top}\n"
    "thead th{background:#eef1f4;border-bottom:2px solid #aeb7c0;color:#3b444e;font-size:12px;"
    "letter-spacing:.04em;text-transform:uppercase}\n"
    "td{overflow-wrap:anywhere}\n"
    "table.items,table.findings,table.alternatives,table.inputs,table.batch,table.files,table.skipped{table-layout:fixed}\n"
    ".items th:nth-child(1){width:11%}.items th:nth-child(2){width:10%}.items th:nth-child(3){width:21%}"
    ".items th:nth-child(4){width:30%}\n"
    ".findings th:nth-child(1){width:11%}.findings th:nth-child(2){width:25%}\n"
    ".alternatives th:nth-child(1){width:45%}.alternatives th:nth-child(3){width:20%}\n"
    ".inputs th:nth-child(1){width:14%}.inputs th:nth-child(2){width:30%}.inputs th:nth-child(3){width:8%}"
    ".inputs code{font-size:12px}\n"
    ".batch th:nth-child(1){width:4%}.batch th:nth-child(2){width:21%}.batch th:nth-child(3){width:10%}"
    ".batch th:nth-child(4){width:20%}.batch th:nth-child(5){width:27%}.batch td code{font-size:12px}\n"
    ".files th:nth-child(1){width:4%}.files th:nth-child(3){width:52%}.files code{font-size:12px}\n"
    ".skipped th:nth-child(2){width:35%}\n"
    "tr.over td{background:#fff2f2}\n"
    "code{font-family:ui-monospace,\"DejaVu Sans Mono\",\"Liberation Mono\",Menlo,Consolas,monospace;"
    "font-size:13px}\n"
    ".tag{display:inline-block;padding:1px 9px;border-radius:10px;font-size:13px;font-weight:700;white-space:nowrap}\n"
    ".yes{background:#d6f0dd;color:#0d4a1f}.no{background:#c0262d;color:#fff}.unk{background:#e4e8ec;color:#3b444e}\n"
    ".s-error{background:#c0262d;color:#fff}.s-warning{background:#f2b53a;color:#3d2a00}"
    ".s-info{background:#d9e4ef;color:#1d3b5a}\n"
    ".t-allow{background:#1a7f37;color:#fff}.t-warn{background:#f2b53a;color:#3d2a00}"
    ".t-deny{background:#c0262d;color:#fff}.t-error{background:#434c57;color:#fff}"
    ".t-skipped{background:#e4e8ec;color:#3b444e}\n"
    ".where,.small{margin-top:3px;color:#59636e;font-size:13px}\n"
    ".alt{margin-top:4px;color:#0d4a1f;font-size:13px}\n"
    ".none{color:#8c959f;font-style:italic}\n"
    ".lead{margin:0 0 8px}\n"
    ".totals{display:flex;flex-wrap:wrap;gap:8px;margin:10px 0 0}\n"
    "footer{margin-top:34px;padding-top:10px;border-top:1px solid #d5d9de;color:#59636e;font-size:12px}\n"
    "@media print{body{background:#fff}main{max-width:none;padding:0;box-shadow:none}"
    "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}tr,.party,.verdict{break-inside:avoid}}\n";

static void head(page *p, const char *title_kind, wrp_verdict v, bool judged, const char *who)
{
    put(p, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
           "<meta name=\"generator\" content=\"wrpcheck ");
    esc(p, wrp_version());
    putf(p, "\">\n<title>wrpcheck %s: %s", title_kind, judged ? wrp_verdict_str(v) : "no requests");
    if (who != NULL) {
        put(p, " - ");
        esc(p, who);
    }
    putf(p, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<main>\n", style);
}

/* The line above the verdict: what the page is, and of which request. */
static void doc_line(page *p, const char *kind, const cli_facts *f)
{
    putf(p, "<p class=\"doc\"><span><b>wrpcheck</b> audit report</span><span>%s", kind);
    for (size_t i = 0; i < f->n_inputs; i++) {
        if (strcmp(f->inputs[i].option, "request") != 0)
            continue;
        put(p, " &middot; ");
        if (strcmp(f->inputs[i].path, "-") == 0)
            put(p, "standard input");
        else
            code_val(p, f->inputs[i].path);
    }
    put(p, "</span></p>\n");
}

static const char *const marks[] = {"&#10003;", "!", "&#10007;", "?"};

/* The verdict's banner, left open for a line more. */
static void banner(page *p, wrp_verdict v, const char *prefix, const char *says)
{
    const char *name = wrp_verdict_str(v);
    putf(p, "<header class=\"verdict v-%s\" data-verdict=\"%s\">\n<div class=\"mark\" aria-hidden=\"true\">%s</div>\n"
            "<p class=\"line\">%s<span class=\"word\">%s</span></p>\n<p class=\"says\">%s</p>\n",
         name, name, marks[v], prefix, name, says);
}

static void section(page *p, int n, const char *id, const char *title)
{
    putf(p, "<section id=\"%s\">\n<h2><span class=\"n\">%d</span> %s</h2>\n", id, n, title);
}

static void put_time(page *p, int64_t t)
{
    char buf[32] = "";
    time_t tt = (time_t)t;
    struct tm tm;
    if (gmtime_r(&tt, &tm) == NULL || strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
        snprintf(buf, sizeof buf, "?");
    putf(p, "%s <span class=\"small\">(Unix time %lld)</span>", buf, (long long)t);
}

/* The files of the command line with their size and SHA-256. A file that cannot be read again
 * fails the page when strict (it was read for the judgement), else it is said. */
static void inputs(page *p, const cli_facts *f, const uint8_t *req, size_t req_len, bool strict)
{
    if (f->n_inputs == 0)
        return;
    put(p, "<h3>Inputs</h3>\n<table class=\"inputs\">\n<thead><tr><th>Given as</th><th>File</th>"
           "<th>Bytes</th><th>SHA-256</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < f->n_inputs; i++) {
        const cli_input *in = &f->inputs[i];
        char hex[CLI_SHA256_HEX];
        uint64_t size = 0;
        bool stdin_file = strcmp(in->path, "-") == 0;
        bool is_request = strcmp(in->option, "request") == 0;
        put(p, "<tr><td><code>");
        esc(p, in->option);
        put(p, "</code></td><td>");
        if (stdin_file)
            put(p, "standard input");
        else
            code_val(p, in->path);
        put(p, "</td>");
        if (stdin_file && is_request && req != NULL) {
            cli_sha256_hex(req, req_len, hex);
            putf(p, "<td>%zu</td><td><code>%s</code></td>", req_len, hex);
        } else if (stdin_file) {
            put(p, "<td colspan=\"2\"><span class=\"none\">read from standard input, not kept</span></td>");
        } else if (cli_sha256_file(in->path, hex, &size) == 0) {
            putf(p, "<td>%llu</td><td><code>%s</code></td>", (unsigned long long)size, hex);
        } else if (strict) {
            p->failed = true;
        } else {
            put(p, "<td colspan=\"2\"><span class=\"none\">cannot be read</span></td>");
        }
        put(p, "</tr>\n");
    }
    put(p, "</tbody>\n</table>\n");
}

static void run_facts(page *p, const cli_facts *f)
{
    put(p, "<dt>Verification time</dt><dd>");
    put_time(p, f->time);
    putf(p, "</dd>\n<dt>Overasking policy</dt><dd>%s</dd>\n",
         f->warn_mode ? "warn (overasking alone gives the verdict warn)" : "enforce (overasking denies)");
    put(p, "<dt>Tool</dt><dd>wrpcheck ");
    esc(p, wrp_version());
    putf(p, " (ABI %u)</dd>\n", wrp_abi_version());
}

static void footer(page *p)
{
    put(p, "<footer>Written by wrpcheck ");
    esc(p, wrp_version());
    put(p, ". Texts taken from the request and its certificates are shown as they are, with control and "
           "invisible characters written as \\xNN, \\uNNNN or \\UNNNNNNNN.</footer>\n</main>\n</body>\n</html>\n");
}

/* ---- one judgement ---- */

static const char *kind_text(const char *kind)
{
    if (kind == NULL)
        return "request of unknown kind";
    return strcmp(kind, "mdoc") == 0 ? "ISO/IEC 18013-5 DeviceRequest" : "OpenID4VP request";
}

static const char *kind_name(wrp_request_kind k)
{
    return k == WRP_KIND_MDOC ? "mdoc" : k == WRP_KIND_OPENID4VP ? "openid4vp" : NULL;
}

typedef struct counts {
    size_t sev[3];
} counts;

static counts count_findings(const wrp_result *r)
{
    counts c = {{0, 0, 0}};
    size_t n = r != NULL ? wrp_result_finding_count(r) : 1;
    for (size_t i = 0; i < n; i++) {
        wrp_severity s = r != NULL ? wrp_result_finding_severity(r, i) : WRP_SEV_ERROR;
        if ((unsigned)s < 3)
            c.sev[s]++;
    }
    return c;
}

static void verdict_block(page *p, const wrp_result *r, wrp_verdict v)
{
    counts c = count_findings(r);
    char says[256];
    switch (v) {
    case WRP_VERDICT_ALLOW:
        snprintf(says, sizeof says, "The wallet may answer this request: no finding of severity error.");
        break;
    case WRP_VERDICT_WARN:
        snprintf(says, sizeof says, "The request asks for more than is registered; in warn mode overasking is "
                                    "reported, not refused.");
        break;
    case WRP_VERDICT_DENY:
        snprintf(says, sizeof says, "The wallet must refuse this request: %zu finding%s of severity error.",
                 c.sev[WRP_SEV_ERROR], plural(c.sev[WRP_SEV_ERROR]));
        break;
    default:
        snprintf(says, sizeof says, "The request could not be judged: it is malformed, or an input could not "
                                    "be used.");
    }
    banner(p, v, "Verdict: ", says);
    /* what the verdict rests on: the codes of its findings of severity error (warning for warn
     * and allow), each once */
    wrp_severity which = v == WRP_VERDICT_DENY || v == WRP_VERDICT_ERROR ? WRP_SEV_ERROR : WRP_SEV_WARNING;
    bool seen[256] = {false};
    size_t n = r != NULL ? wrp_result_finding_count(r) : 1, shown = 0;
    for (size_t i = 0; i < n; i++) {
        wrp_code code = r != NULL ? wrp_result_finding_code(r, i) : WRP_CODE_INPUT_UNREADABLE;
        if ((r != NULL && wrp_result_finding_severity(r, i) != which) || (unsigned)code >= 256 || seen[code])
            continue;
        seen[code] = true;
        putf(p, "%s<code>%s</code>", shown++ ? " " : v == WRP_VERDICT_ALLOW ? "<p class=\"because\">With warnings: "
                                                                       : "<p class=\"because\">Because of: ",
             wrp_code_str(code));
    }
    put(p, shown ? "</p>\n</header>\n" : "</header>\n");
    putf(p, "<p class=\"counts\">%zu error%s &middot; %zu warning%s &middot; %zu info finding%s</p>\n",
         c.sev[WRP_SEV_ERROR], plural(c.sev[WRP_SEV_ERROR]), c.sev[WRP_SEV_WARNING],
         plural(c.sev[WRP_SEV_WARNING]), c.sev[WRP_SEV_INFO], plural(c.sev[WRP_SEV_INFO]));
}

static void access_certificate_line(page *p, const wrp_result *r)
{
    const char *subject = wrp_result_ac_subject(r);
    if (subject == NULL)
        return;
    put(p, "<dt>Access certificate</dt><dd>");
    code_val(p, subject);
    putf(p, " <span class=\"tag %s\">%s</span></dd>\n", wrp_result_ac_verified(r) ? "yes" : "no",
         wrp_result_ac_verified(r) ? "&#10003; verified" : "&#10007; NOT verified");
}

static void texts(page *p, const char *label, size_t n, const char *(*lang)(const wrp_result *, size_t),
                  const char *(*text)(const wrp_result *, size_t), const wrp_result *r)
{
    for (size_t i = 0; i < n; i++) {
        putf(p, "<dt>%s", label);
        if (lang(r, i) != NULL) {
            put(p, " <span class=\"small\">(");
            esc(p, lang(r, i));
            put(p, ")</span>");
        }
        put(p, "</dt><dd>");
        val(p, text(r, i));
        put(p, "</dd>\n");
    }
}

static void verified_party(page *p, const wrp_result *r)
{
    put(p, "<div class=\"party verified\">\n<p class=\"state\">&#10003; Relying party, from its verified registration "
           "certificate</p>\n<p class=\"name\">");
    val(p, wrp_result_rp_name(r));
    put(p, "</p>\n");
    if (wrp_result_intermediary_identifier(r) != NULL) {
        put(p, "<div class=\"via\"><b>Through an intermediary:</b> ");
        val(p, wrp_result_intermediary_name(r));
        put(p, " (");
        val(p, wrp_result_intermediary_identifier(r));
        put(p, ") signs this request with its own access certificate, on behalf of this relying party.</div>\n");
    }
    put(p, "<dl class=\"facts\">\n");
    fact(p, "Identifier", wrp_result_rp_identifier(r));
    fact(p, "Country", wrp_result_rp_country(r));
    texts(p, "Purpose", wrp_result_rp_purpose_count(r), wrp_result_rp_purpose_lang, wrp_result_rp_purpose_text, r);
    texts(p, "Service", wrp_result_rp_service_description_count(r), wrp_result_rp_service_description_lang,
          wrp_result_rp_service_description_text, r);
    fact(p, "Intended use", wrp_result_rp_intended_use(r));
    fact(p, "Registration", wrp_result_rp_registry_uri(r));
    fact(p, "Privacy policy", wrp_result_rp_privacy_policy(r));
    fact(p, "Information", wrp_result_rp_info_uri(r));
    fact(p, "Support", wrp_result_rp_support_uri(r));
    if (wrp_result_rp_public_body(r) >= 0)
        putf(p, "<dt>Public body</dt><dd>%s</dd>\n", wrp_result_rp_public_body(r) ? "yes" : "no");
    size_t n = wrp_result_rp_entitlement_count(r);
    if (n > 0) {
        put(p, "<dt>Entitlements</dt><dd class=\"list\">");
        for (size_t i = 0; i < n; i++) {
            put(p, "<div>");
            code_val(p, wrp_result_rp_entitlement(r, i));
            put(p, "</div>");
        }
        put(p, "</dd>\n");
    }
    n = wrp_result_rp_supervisory_authority_count(r);
    if (n > 0) {
        put(p, "<dt>Supervisory authority</dt><dd class=\"list\">");
        for (size_t i = 0; i < n; i++) {
            put(p, "<div>");
            esc(p, wrp_result_rp_supervisory_authority_key(r, i));
            put(p, ": ");
            val(p, wrp_result_rp_supervisory_authority_value(r, i));
            put(p, "</div>");
        }
        put(p, "</dd>\n");
    }
    access_certificate_line(p, r);
    put(p, "</dl>\n");
    put(p, "</div>\n");
}

static void unverified_party(page *p, const wrp_result *r)
{
    put(p, "<div class=\"party unverified\">\n<p class=\"state\">&#9888; No verified relying party</p>\n"
           "<p class=\"why\">No registration certificate was verified: nothing on this page establishes who "
           "the relying party is. What the request itself says:</p>\n<dl class=\"facts\">\n");
    bool any = false;
    if (r != NULL && wrp_result_ac_subject(r) != NULL) {
        any = true;
        access_certificate_line(p, r);
        if (wrp_result_ac_issuer(r) != NULL) {
            put(p, "<dt>Its issuer</dt><dd>");
            code_val(p, wrp_result_ac_issuer(r));
            put(p, "</dd>\n");
        }
    }
    if (r != NULL && (wrp_result_rp_name(r) != NULL || wrp_result_rp_identifier(r) != NULL)) {
        any = true;
        put(p, "<dt>Registration certificate</dt><dd>claims ");
        val(p, wrp_result_rp_name(r));
        put(p, " (");
        val(p, wrp_result_rp_identifier(r));
        put(p, ") <span class=\"tag no\">&#10007; NOT verified</span></dd>\n");
    }
    if (!any)
        put(p, "<dt>Named in the request</dt><dd>no one that could be read</dd>\n");
    put(p, "</dl>\n</div>\n");
}

/* ---- the DCQL alternatives (the result's options) ---- */

static const char *const k_yes = "<span class=\"tag yes\">&#10003; yes</span>";
static const char *const k_no = "<span class=\"tag no\">&#10007; no</span>";

/* Whether option i of a credential set names the credential query cid. */
static bool option_names(const wrp_result *r, size_t i, const char *cid)
{
    for (size_t k = 0; k < wrp_result_credential_set_credential_count(r, i); k++) {
        const char *id = wrp_result_credential_set_credential_id(r, i, k);
        if (id != NULL && strcmp(id, cid) == 0)
            return true;
    }
    return false;
}

static void option_ids(page *p, const wrp_result *r, size_t i)
{
    for (size_t k = 0; k < wrp_result_credential_set_credential_count(r, i); k++) {
        const char *id = wrp_result_credential_set_credential_id(r, i, k);
        put(p, k == 0 ? "" : ", ");
        code_val(p, id != NULL ? id : "?");
    }
}

/* What the request offers instead of a credential whose item is not registered: another option of
 * a credential set it belongs to, or a claim set of its own, that is registered. */
static void alternatives_of(page *p, const wrp_result *r, const char *cid)
{
    size_t n_options = wrp_result_credential_set_count(r);
    for (size_t mine = 0; mine < n_options; mine++) {
        if (!option_names(r, mine, cid))
            continue;
        for (size_t other = 0; other < n_options; other++) {
            if (wrp_result_credential_set_set(r, other) != wrp_result_credential_set_set(r, mine) ||
                !wrp_result_credential_set_registered(r, other) || option_names(r, other, cid))
                continue;
            putf(p, "<div class=\"alt\">&#8627; The request also accepts credential_sets[%zu] option %zu: ",
                 wrp_result_credential_set_set(r, other), wrp_result_credential_set_option(r, other));
            option_ids(p, r, other);
            put(p, ", which is registered.</div>");
        }
    }
    for (size_t i = 0; i < wrp_result_claim_set_count(r); i++) {
        const char *id = wrp_result_claim_set_credential_id(r, i);
        if (id != NULL && strcmp(id, cid) == 0 && wrp_result_claim_set_registered(r, i))
            putf(p, "<div class=\"alt\">&#8627; claim_sets option %zu of this credential is registered.</div>",
                 wrp_result_claim_set_option(r, i));
    }
}

static void alternatives_table(page *p, const wrp_result *r)
{
    size_t n_options = wrp_result_credential_set_count(r), n_claim_sets = wrp_result_claim_set_count(r);
    if (n_options == 0 && n_claim_sets == 0)
        return;
    put(p, "<h3>Alternatives the request offers (DCQL)</h3>\n<p class=\"lead small\">A wallet may answer with "
           "any one option of a credential set, and with any one claim set of a credential.</p>\n"
           "<table class=\"alternatives\">\n<thead><tr><th>Option</th><th>Credentials</th><th>Registered</th>"
           "</tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < n_options; i++) {
        putf(p, "<tr><td>credential_sets[%zu] option %zu%s</td><td>", wrp_result_credential_set_set(r, i),
             wrp_result_credential_set_option(r, i),
             wrp_result_credential_set_required(r, i) ? "" : " <span class=\"small\">(set not required)</span>");
        option_ids(p, r, i);
        putf(p, "</td><td>%s</td></tr>\n", wrp_result_credential_set_registered(r, i) ? k_yes : k_no);
    }
    for (size_t i = 0; i < n_claim_sets; i++) {
        const char *id = wrp_result_claim_set_credential_id(r, i);
        putf(p, "<tr><td>claim_sets option %zu</td><td>", wrp_result_claim_set_option(r, i));
        code_val(p, id != NULL ? id : "?");
        putf(p, "</td><td>%s</td></tr>\n", wrp_result_claim_set_registered(r, i) ? k_yes : k_no);
    }
    put(p, "</tbody>\n</table>\n");
}

/* ---- what is asked, against what is registered ---- */

/* Was anything compared? Coverage is judged whenever a registration certificate's payload was read
 * (it then names someone, or overasking was found); otherwise no item can be called overasked. */
static bool compared(const wrp_result *r)
{
    if (wrp_result_rp_name(r) != NULL || wrp_result_rp_identifier(r) != NULL)
        return true;
    for (size_t i = 0; i < wrp_result_finding_count(r); i++) {
        wrp_code c = wrp_result_finding_code(r, i);
        if (c == WRP_CODE_OVERASK || c == WRP_CODE_OVERASK_CREDENTIAL)
            return true;
    }
    return false;
}

static void requested(page *p, const wrp_result *r)
{
    size_t n = r != NULL ? wrp_result_requested_count(r) : 0;
    if (n == 0) {
        put(p, "<p class=\"lead\"><span class=\"none\">No requested items: the request could not be read, or it "
               "lists nothing that can be compared.</span></p>\n");
        return;
    }
    bool checked = compared(r);
    size_t yes = 0;
    for (size_t i = 0; i < n; i++)
        yes += wrp_result_requested_registered(r, i) != 0;
    if (checked)
        putf(p, "<p class=\"lead\"><b>%zu item%s requested: %zu registered, %zu not registered.</b></p>\n", n,
             plural(n), yes, n - yes);
    else
        putf(p, "<p class=\"lead\"><b>%zu item%s requested, none checked:</b> there is no registration to compare "
                "them with.</p>\n", n, plural(n));
    put(p, "<table class=\"items\">\n<thead><tr><th>Credential</th><th>Format</th><th>Type</th><th>Claim path</th>"
           "<th>Registered</th></tr></thead>\n<tbody>\n");
    for (size_t i = 0; i < n; i++) {
        bool reg = wrp_result_requested_registered(r, i) != 0;
        put(p, reg || !checked ? "<tr><td>" : "<tr class=\"over\"><td>");
        code_val(p, wrp_result_requested_credential_id(r, i));
        put(p, "</td><td>");
        code_val(p, wrp_result_requested_format(r, i));
        put(p, "</td><td>");
        code_val(p, wrp_result_requested_type(r, i));
        put(p, "</td><td>");
        code_val(p, wrp_result_requested_path(r, i));
        put(p, "</td><td>");
        if (reg) {
            put(p, "<span class=\"tag yes\">&#10003; yes</span>");
        } else if (!checked) {
            put(p, "<span class=\"tag unk\">not checked (no registration)</span>");
        } else {
            put(p, "<span class=\"tag no\">&#10007; no: overasked</span>");
            const char *cid = wrp_result_requested_credential_id(r, i);
            if (cid != NULL)
                alternatives_of(p, r, cid);
        }
        put(p, "</td></tr>\n");
    }
    put(p, "</tbody>\n</table>\n");
    alternatives_table(p, r);
}

static void where(page *p, const char *label, const char *value, bool *first)
{
    if (value == NULL)
        return;
    putf(p, "%s%s ", *first ? "<div class=\"where\">" : " &middot; ", label);
    code_val(p, value);
    *first = false;
}

static void findings(page *p, const wrp_result *r, const char *msg)
{
    size_t n = r != NULL ? wrp_result_finding_count(r) : 1;
    put(p, "<h3>Findings</h3>\n");
    if (n == 0) {
        put(p, "<p class=\"lead\">None.</p>\n");
        return;
    }
    put(p, "<table class=\"findings\">\n<thead><tr><th>Severity</th><th>Code</th><th>Finding</th></tr></thead>\n"
           "<tbody>\n");
    for (size_t i = 0; i < n; i++) {
        const char *sev = wrp_severity_str(r != NULL ? wrp_result_finding_severity(r, i) : WRP_SEV_ERROR);
        const char *code = wrp_code_str(r != NULL ? wrp_result_finding_code(r, i) : WRP_CODE_INPUT_UNREADABLE);
        putf(p, "<tr><td><span class=\"tag s-%s\">%s</span></td><td><code class=\"code\">%s</code></td><td>", sev, sev,
             code);
        val(p, r != NULL ? wrp_result_finding_message(r, i) : msg);
        if (r != NULL) {
            bool first = true;
            where(p, "credential", wrp_result_finding_credential_id(r, i), &first);
            where(p, "type", wrp_result_finding_type(r, i), &first);
            where(p, "path", wrp_result_finding_path(r, i), &first);
            where(p, "source", wrp_result_finding_source(r, i), &first);
            if (!first)
                put(p, "</div>");
        }
        put(p, "</td></tr>\n");
    }
    put(p, "</tbody>\n</table>\n");
}

static void certificate_details(page *p, const wrp_result *r)
{
    if (r == NULL || wrp_result_ac_subject(r) == NULL) {
        put(p, "<dt>Access certificate</dt><dd><span class=\"none\">none in the request</span></dd>\n");
        return;
    }
    put(p, "<dt>Access certificate</dt><dd>");
    code_val(p, wrp_result_ac_subject(r));
    putf(p, " <span class=\"tag %s\">%s</span></dd>\n", wrp_result_ac_verified(r) ? "yes" : "no",
         wrp_result_ac_verified(r) ? "&#10003; verified" : "&#10007; NOT verified");
    put(p, "<dt>Issued by</dt><dd>");
    code_val(p, wrp_result_ac_issuer(r));
    put(p, "</dd>\n<dt>Serial number</dt><dd>");
    code_val(p, wrp_result_ac_serial(r));
    put(p, "</dd>\n<dt>Valid</dt><dd>from ");
    val(p, wrp_result_ac_not_before(r));
    put(p, " to ");
    val(p, wrp_result_ac_not_after(r));
    put(p, "</dd>\n<dt>SHA-256 (base64url)</dt><dd>");
    code_val(p, wrp_result_ac_sha256(r));
    put(p, "</dd>\n");
}

int cli_html_report(FILE *out, const wrp_result *r, wrp_request_kind kind, const char *msg,
                    const uint8_t *req, size_t req_len, const cli_facts *f)
{
    page pg;
    if (!page_open(&pg))
        return -1;
    page *p = &pg;
    wrp_verdict v = r != NULL ? wrp_result_verdict(r) : WRP_VERDICT_ERROR;
    const char *kind_str = r != NULL ? wrp_result_request_kind(r) : kind_name(kind);
    bool verified = r != NULL && wrp_result_rp_verified(r);
    head(p, "audit report", v, true, verified ? wrp_result_rp_name(r) : NULL);
    doc_line(p, kind_text(kind_str), f);
    verdict_block(p, r, v);
    section(p, 1, "who", "Who asks");
    if (verified)
        verified_party(p, r);
    else
        unverified_party(p, r);
    put(p, "</section>\n");
    section(p, 2, "asked", "What is asked, against what is registered");
    requested(p, r);
    findings(p, r, msg);
    put(p, "</section>\n");
    section(p, 3, "details", "Details");
    putf(p, "<dl class=\"facts\">\n<dt>Request</dt><dd>%s</dd>\n", kind_text(kind_str));
    certificate_details(p, r);
    run_facts(p, f);
    put(p, "</dl>\n");
    inputs(p, f, req, req_len, r != NULL);
    put(p, "</section>\n");
    footer(p);
    return page_close(p, out);
}

/* ---- a batch ---- */

struct cli_html_batch {
    page rows, files, skipped; /* the parts of the page that grow with the batch */
    const char *folder;        /* shown before each file's path in a folder batch, then left out */
    size_t n_rows, n_skipped;
};

static void page_discard(page *p)
{
    if (p->f != NULL)
        fclose(p->f);
    free(p->buf);
    p->f = NULL;
    p->buf = NULL;
}

cli_html_batch *cli_html_batch_new(const char *folder)
{
    cli_html_batch *b = calloc(1, sizeof *b);
    if (b == NULL)
        return NULL;
    if (!page_open(&b->rows) || !page_open(&b->files) || !page_open(&b->skipped)) {
        page_discard(&b->rows);
        page_discard(&b->files);
        page_discard(&b->skipped);
        free(b);
        return NULL;
    }
    b->folder = folder;
    return b;
}

/* A file's path, less the folder's own path in a folder batch (the page says which folder). */
static void file_name(page *p, const cli_html_batch *b, const char *file)
{
    size_t n = b->folder != NULL ? strlen(b->folder) : 0;
    if (n > 0 && strncmp(file, b->folder, n) == 0 && (file[n] == '/' || b->folder[n - 1] == '/'))
        file += n + (file[n] == '/');
    code_val(p, file);
}

static void verdict_tag(page *p, const char *name, const char *mark)
{
    putf(p, "<span class=\"tag t-%s\">%s %s</span>", name, mark, name);
}

void cli_html_batch_row(cli_html_batch *b, const cli_row *row)
{
    if (row->skipped != NULL) {
        page *p = &b->skipped;
        put(p, "<tr><td>");
        file_name(p, b, row->file);
        put(p, "</td><td>");
        esc(p, row->skipped);
        put(p, "</td></tr>\n");
        b->n_skipped++;
        return;
    }
    page *p = &b->rows;
    wrp_verdict v = row->error != NULL ? WRP_VERDICT_ERROR : row->verdict;
    putf(p, "<tr class=\"r-%s\"><td>%zu</td><td>", wrp_verdict_str(v), ++b->n_rows);
    file_name(p, b, row->file);
    put(p, "</td><td>");
    verdict_tag(p, wrp_verdict_str(v), marks[v]);
    put(p, "</td><td>");
    if (row->rp_name != NULL || row->rp_identifier != NULL) {
        val(p, row->rp_name);
        put(p, "<div class=\"small\">");
        val(p, row->rp_identifier);
        put(p, "</div>");
        if (row->intermediary != NULL) {
            put(p, "<div class=\"small\">through ");
            val(p, row->intermediary);
            put(p, "</div>");
        }
    } else {
        put(p, "<span class=\"tag no\">&#10007; not verified</span>");
    }
    put(p, "</td><td>");
    if (row->ac_subject != NULL) {
        code_val(p, row->ac_subject);
        if (!row->ac_verified)
            put(p, " <span class=\"tag no\">&#10007; NOT verified</span>");
    } else {
        put(p, "<span class=\"none\">none</span>");
    }
    put(p, "</td><td>");
    if (row->error != NULL) {
        put(p, "<code class=\"code\">INPUT_UNREADABLE</code><div class=\"small\">");
        val(p, row->error);
        put(p, "</div>");
    }
    for (size_t i = 0; i < row->n_codes; i++)
        putf(p, "%s<code class=\"code\">%s</code>", i ? " " : "", wrp_code_str(row->codes[i]));
    if (row->error == NULL && row->n_codes == 0)
        put(p, "<span class=\"none\">none</span>");
    put(p, "</td></tr>\n");
    p = &b->files;
    putf(p, "<tr><td>%zu</td><td>", b->n_rows);
    file_name(p, b, row->file);
    if (row->sha256 != NULL)
        putf(p, "</td><td><code>%s</code></td></tr>\n", row->sha256);
    else
        put(p, "</td><td><span class=\"none\">cannot be read</span></td></tr>\n");
}

static wrp_verdict worst(const cli_totals *t)
{
    static const wrp_verdict order[] = {WRP_VERDICT_ERROR, WRP_VERDICT_DENY, WRP_VERDICT_WARN};
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
        if (t->verdicts[order[i]] > 0)
            return order[i];
    return WRP_VERDICT_ALLOW;
}

/* A part of the batch collected in memory, closed and put into the page. */
static void put_part(page *p, page *part)
{
    if (page_close(part, NULL) != 0)
        p->failed = true;
    else if (part->buf != NULL)
        put(p, part->buf);
    free(part->buf);
    part->buf = NULL;
}

static void batch_totals(page *p, const cli_totals *t, bool folder)
{
    static const wrp_verdict order[] = {WRP_VERDICT_ALLOW, WRP_VERDICT_WARN, WRP_VERDICT_DENY, WRP_VERDICT_ERROR};
    put(p, "<div class=\"totals\">");
    for (size_t i = 0; i < 4; i++)
        putf(p, "<span class=\"tag t-%s\">%s %zu %s</span>", wrp_verdict_str(order[i]), marks[order[i]],
             t->verdicts[order[i]], wrp_verdict_str(order[i]));
    if (folder)
        putf(p, "<span class=\"tag t-skipped\">%zu skipped (not requests)</span>", t->skipped);
    put(p, "</div>\n");
}

int cli_html_batch_end(cli_html_batch *b, FILE *out, const char *batch, int folder, const cli_totals *t,
                       const cli_facts *f)
{
    page pg;
    page *p = &pg;
    if (!page_open(p)) {
        page_discard(&b->rows);
        page_discard(&b->files);
        page_discard(&b->skipped);
        free(b);
        return -1;
    }
    wrp_verdict v = worst(t);
    head(p, "batch report", v, t->requests > 0, NULL);
    put(p, "<p class=\"doc\"><span><b>wrpcheck</b> batch report</span><span>");
    put(p, folder ? "the folder " : "the batch file ");
    code_val(p, batch);
    put(p, "</span></p>\n");
    if (t->requests == 0) {
        put(p, "<header class=\"verdict v-none\" data-verdict=\"none\">\n<div class=\"mark\" aria-hidden=\"true\">"
               "&ndash;</div>\n<p class=\"line\">No requests</p>\n<p class=\"says\">Nothing in the batch was "
               "judged.</p>\n</header>\n");
    } else {
        char says[160];
        snprintf(says, sizeof says, "%zu request%s judged; the exit status is that of the worst verdict.",
                 t->requests, plural(t->requests));
        banner(p, v, "Worst verdict: ", says);
        put(p, "</header>\n");
    }
    batch_totals(p, t, folder);
    section(p, 1, "requests", "Requests");
    if (b->n_rows == 0)
        put(p, "<p class=\"lead\"><span class=\"none\">None.</span></p>\n");
    else
        put(p, "<table class=\"batch\">\n<thead><tr><th>#</th><th>File</th><th>Verdict</th><th>Relying party "
               "(verified)</th><th>Access certificate</th><th>Findings</th></tr></thead>\n<tbody>\n");
    put_part(p, &b->rows);
    put(p, b->n_rows == 0 ? "</section>\n" : "</tbody>\n</table>\n</section>\n");
    section(p, 2, "codes", "Findings, counted");
    bool any = false;
    for (unsigned c = 0; c < 256; c++) {
        if (t->codes[c] == 0)
            continue;
        if (!any)
            put(p, "<table class=\"codes\">\n<thead><tr><th>Code</th><th>Findings</th></tr></thead>\n<tbody>\n");
        any = true;
        putf(p, "<tr><td><code class=\"code\">%s</code></td><td>%zu</td></tr>\n", wrp_code_str((wrp_code)c),
             t->codes[c]);
    }
    put(p, any ? "</tbody>\n</table>\n</section>\n" : "<p class=\"lead\">None.</p>\n</section>\n");
    int n = 3;
    if (folder) {
        section(p, n++, "skipped", "Files that are not requests");
        if (b->n_skipped == 0)
            put(p, "<p class=\"lead\">None.</p>\n");
        else
            put(p, "<p class=\"lead small\">Skipped by what their bytes look like: not judged, not counted as "
                   "errors.</p>\n<table class=\"skipped\">\n<thead><tr><th>File</th><th>Looks like</th></tr>"
                   "</thead>\n<tbody>\n");
        put_part(p, &b->skipped);
        put(p, b->n_skipped == 0 ? "</section>\n" : "</tbody>\n</table>\n</section>\n");
    } else {
        page_discard(&b->skipped);
    }
    section(p, n, "details", "Details");
    put(p, "<dl class=\"facts\">\n<dt>Batch</dt><dd>");
    code_val(p, batch);
    put(p, "</dd>\n");
    run_facts(p, f);
    put(p, "</dl>\n");
    if (b->n_rows > 0)
        put(p, "<h3>Requests judged</h3>\n<table class=\"files\">\n<thead><tr><th>#</th><th>File</th>"
               "<th>SHA-256</th></tr></thead>\n<tbody>\n");
    put_part(p, &b->files);
    if (b->n_rows > 0)
        put(p, "</tbody>\n</table>\n");
    inputs(p, f, NULL, 0, true);
    put(p, "</section>\n");
    footer(p);
    free(b);
    return page_close(p, out);
}
