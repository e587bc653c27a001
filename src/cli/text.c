/* The text report of `wrpcheck audit` and `wrpcheck rc` (--format text, SPEC.md 1a): what an
 * auditor reads and files. Every text that comes from an input goes through cli_text. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "io.h"

wrp_status cli_digests_add(cli_digests *ds, const char *option, const char *path, const uint8_t *data,
                          size_t len)
{
    cli_digest *v = cli_grow(ds->v, ds->n, &ds->cap, sizeof *v, 16);
    if (v == NULL)
        return WRP_ERR_NOMEM;
    ds->v = v;
    cli_digest *d = &ds->v[ds->n];
    d->option = option;
    d->path = path;
    wrp_status st = wrp_sha256_hex(data, len, d->sha256);
    if (st == WRP_OK)
        ds->n++;
    return st;
}

void cli_digests_free(cli_digests *ds)
{
    free(ds->v);
    memset(ds, 0, sizeof *ds);
}

static const char *or_dash(const char *s)
{
    return s != NULL ? s : "-";
}

/* label, then each of the texts (NULL: "-"), then the end of the line */
static void text_line(FILE *out, const char *label, const char *a, const char *between, const char *b,
                      const char *end)
{
    fputs(label, out);
    cli_text(out, or_dash(a), 0);
    if (between != NULL) {
        fputs(between, out);
        cli_text(out, or_dash(b), 0);
    }
    fputs(end, out);
}

/* The relying party as the registration certificate names it, when one was read; with --lang,
 * the purpose and service description in the user's language (contract v1.1: the one `display`
 * chose), else in every language given. */
static void print_registration(FILE *out, const wrp_result *r, const char *langs)
{
    text_line(out, "relying party:  ", wrp_result_rp_name(r), " (", wrp_result_rp_identifier(r), "), ");
    cli_text(out, or_dash(wrp_result_rp_country(r)), 0);
    fprintf(out, "%s\n", wrp_result_rp_verified(r) ? "" : "  [registration certificate NOT verified]");
    size_t chosen = langs != NULL ? wrp_result_rp_purpose_lookup(r, langs) : SIZE_MAX;
    for (size_t i = 0; i < wrp_result_rp_purpose_count(r); i++)
        if (langs == NULL || i == chosen)
            text_line(out, "purpose [", wrp_result_rp_purpose_lang(r, i), "]:   ",
                      wrp_result_rp_purpose_text(r, i), "\n");
    chosen = langs != NULL ? wrp_result_rp_service_description_lookup(r, langs) : SIZE_MAX;
    for (size_t i = 0; i < wrp_result_rp_service_description_count(r); i++)
        if (langs == NULL || i == chosen)
            text_line(out, "service [", wrp_result_rp_service_description_lang(r, i), "]:   ",
                      wrp_result_rp_service_description_text(r, i), "\n");
    text_line(out, "intended use:   ", wrp_result_rp_intended_use(r), NULL, NULL, "\n");
    text_line(out, "registration:   ", wrp_result_rp_registry_uri(r), NULL, NULL, "\n");
    text_line(out, "privacy policy: ", wrp_result_rp_privacy_policy(r), NULL, NULL, "\n");
    if (wrp_result_rp_info_uri(r) != NULL)
        text_line(out, "information:    ", wrp_result_rp_info_uri(r), NULL, NULL, "\n");
    if (wrp_result_rp_support_uri(r) != NULL)
        text_line(out, "support:        ", wrp_result_rp_support_uri(r), NULL, NULL, "\n");
    if (wrp_result_intermediary_identifier(r) != NULL)
        text_line(out, "intermediary:   ", wrp_result_intermediary_name(r), " (",
                  wrp_result_intermediary_identifier(r), "), asking on the relying party's behalf\n");
    if (wrp_result_rp_supervisory_authority_count(r) > 0) {
        const char *dpa = wrp_result_rp_supervisory_authority(r, "uri");
        if (dpa == NULL)
            dpa = wrp_result_rp_supervisory_authority(r, "email");
        text_line(out, "supervised by:  ", dpa, NULL, NULL, "\n");
    }
}

/* Who asks: the registration certificate's relying party, else what the access certificate says,
 * which is all there is to go by when no registration certificate was read. */
static void print_party(FILE *out, const wrp_result *r, const char *langs)
{
    bool registration = wrp_result_rp_name(r) != NULL || wrp_result_rp_identifier(r) != NULL;
    if (registration)
        print_registration(out, r, langs);
    else if (wrp_result_ac_subject(r) != NULL)
        fprintf(out, "relying party:  named only by its access certificate (no registration certificate "
                     "was read):\n");
    else if (wrp_result_request_kind(r) != NULL)
        fprintf(out, "relying party:  not identified (neither a registration nor an access certificate "
                     "was read)\n");
    if (wrp_result_ac_subject(r) == NULL)
        return;
    text_line(out, "access cert:    ", wrp_result_ac_subject(r), NULL, NULL,
              wrp_result_ac_verified(r) ? "\n" : "  [NOT verified]\n");
    for (size_t i = 0; i < wrp_result_ac_san_count(r); i++)
        text_line(out, i == 0 ? "  SAN:          " : "                ", wrp_result_ac_san(r, i), NULL, NULL,
                  "\n");
}

/* Alternatives shown under one item at most, and the steps (option references read) a report
 * spends on alternatives at most: a request may hold thousands of options, and the report stays
 * in proportion to it (the JSON's options list them all). */
#define MAX_SHOWN 16
#define MAX_STEPS 2000000u

/* Option o of the credential sets names the credential query id. */
static bool option_names(const wrp_result *r, size_t o, const char *id)
{
    const char *c;
    for (size_t k = 0; (c = wrp_result_credential_set_credential_id(r, o, k)) != NULL; k++)
        if (strcmp(c, id) == 0)
            return true;
    return false;
}

/* The options of one credential set follow each other; [*first, *end) are those of the set of
 * option o. */
static void set_run(const wrp_result *r, size_t o, size_t *first, size_t *end)
{
    size_t s = wrp_result_credential_set_set(r, o), n = wrp_result_credential_set_count(r);
    for (*end = o; *end < n && wrp_result_credential_set_set(r, *end) == s; ++*end)
        ;
    for (*first = o; *first > 0 && wrp_result_credential_set_set(r, *first - 1) == s; --*first)
        ;
}

static void shown_one(FILE *out, size_t *shown)
{
    if (++*shown == MAX_SHOWN + 1)
        fprintf(out, "%14s(more alternatives: see the options of --format json)\n", "");
}

/* What the request would accept instead of the items of credential query id (SPEC.md 1a): the
 * other options of each credential set that names the query, presenting none of a set that is
 * not required, and the registered claim sets of the query (a registered claim set leaves out
 * every claim that is not registered; one that is not registered might hold the item, and is not
 * offered). */
static void print_alternatives(FILE *out, const wrp_result *r, const char *id)
{
    size_t n = wrp_result_credential_set_count(r), shown = 0;
    for (size_t o = 0, first, end; o < n; o = end) {
        set_run(r, o, &first, &end);
        bool named = false;
        for (size_t k = first; !named && k < end; k++)
            named = option_names(r, k, id);
        if (!named)
            continue;
        for (size_t k = first; k < end; k++) {
            if (option_names(r, k, id) || (shown_one(out, &shown), shown > MAX_SHOWN))
                continue;
            fprintf(out, "%14sor instead: ", "");
            const char *c;
            for (size_t m = 0; (c = wrp_result_credential_set_credential_id(r, k, m)) != NULL; m++) {
                fputs(m > 0 ? ", " : "", out);
                cli_text(out, c, 0);
            }
            fprintf(out, " (%s)\n",
                    wrp_result_credential_set_registered(r, k) ? "registered" : "not registered");
        }
        if (!wrp_result_credential_set_required(r, first) && (shown_one(out, &shown), shown <= MAX_SHOWN))
            fprintf(out, "%14sor none of them: the credential set is not required\n", "");
    }
    for (size_t i = 0; i < wrp_result_claim_set_count(r); i++) {
        const char *c = wrp_result_claim_set_credential_id(r, i);
        if (c == NULL || strcmp(c, id) != 0 || !wrp_result_claim_set_registered(r, i) ||
            (shown_one(out, &shown), shown > MAX_SHOWN))
            continue;
        fprintf(out, "%14sor instead: claim set %zu of ", "", wrp_result_claim_set_option(r, i));
        cli_text(out, c, 0);
        fputs(" (registered)\n", out);
    }
}

/* The option references one listing of alternatives reads. */
static size_t alternative_steps(const wrp_result *r)
{
    size_t n = wrp_result_claim_set_count(r);
    for (size_t o = 0; o < wrp_result_credential_set_count(r); o++)
        n += 1 + 2 * wrp_result_credential_set_credential_count(r, o);
    return n;
}

static void print_requested(FILE *out, const wrp_result *r)
{
    size_t n = wrp_result_requested_count(r);
    bool checked = wrp_result_coverage_checked(r);
    if (n == 0)
        return;
    size_t steps = alternative_steps(r), spent = 0;
    const char *listed = NULL; /* the credential query whose alternatives were listed last */
    fprintf(out, "requested:%s\n", checked ? "" : "      not checked (no registration to compare with)");
    for (size_t i = 0; i < n; i++) {
        bool registered = wrp_result_requested_registered(r, i);
        const char *id = wrp_result_requested_credential_id(r, i);
        fprintf(out, "  %-11s ", !checked ? "not checked" : registered ? "registered" : "OVERASKED");
        cli_text(out, or_dash(id), 8);
        fputc(' ', out);
        text_line(out, "", wrp_result_requested_type(r, i), " ", wrp_result_requested_path(r, i), " ");
        text_line(out, "", wrp_result_requested_format(r, i), NULL, NULL, "\n");
        if (!checked || registered || id == NULL || (listed != NULL && strcmp(listed, id) == 0))
            continue;
        listed = id; /* under the first overasked item of each query; its others have the same */
        if (spent + steps > MAX_STEPS) {
            if (spent <= MAX_STEPS)
                fprintf(out, "%14s(alternatives: too many options to list here; see --format json)\n", "");
            spent = MAX_STEPS + 1;
            continue;
        }
        spent += steps;
        print_alternatives(out, r, id);
    }
}

/* What a registration certificate registers (wrpcheck rc). */
static void print_registered(FILE *out, const wrp_result *r)
{
    size_t n = wrp_result_registered_count(r);
    if (n > 0)
        fprintf(out, "registers:\n");
    for (size_t i = 0; i < n; i++) {
        fputs("  ", out);
        cli_text(out, or_dash(wrp_result_registered_format(r, i)), 0);
        for (size_t k = 0; k < wrp_result_registered_type_count(r, i); k++) {
            fputs(k == 0 ? " " : ", ", out);
            cli_text(out, wrp_result_registered_type(r, i, k), 0);
        }
        const char *path = wrp_result_registered_path(r, i), *values = wrp_result_registered_values(r, i);
        fputc(' ', out);
        cli_text(out, path != NULL ? path : "every claim", 0);
        if (values != NULL) {
            fputs(" values ", out);
            cli_text(out, values, 0);
        }
        fputc('\n', out);
    }
}

/* What the report was made from, so that it can be made again: the time judged at, the tool and
 * the SHA-256 of every input file read. */
static void print_provenance(FILE *out, const cli_opts *o, const cli_digests *ds)
{
    char when[WRP_TIME_BUF];
    if (wrp_time_format(o->time, when) == WRP_OK)
        fprintf(out, "time:           %s (%lld)\n", when, (long long)o->time);
    else
        fprintf(out, "time:           %lld\n", (long long)o->time);
    fprintf(out, "tool:           wrpcheck %s\n", wrp_version());
    for (size_t i = 0; i < ds->n; i++) {
        fprintf(out, "%s%s  ", i == 0 ? "input SHA-256:  " : "                ", ds->v[i].sha256);
        if (ds->v[i].option != NULL)
            fprintf(out, "%s ", ds->v[i].option);
        cli_text(out, strcmp(ds->v[i].path, "-") == 0 ? "- (standard input)" : ds->v[i].path, 0);
        fputc('\n', out);
    }
}

void cli_print_text(FILE *out, const wrp_result *r, const cli_opts *o, const cli_digests *ds)
{
    const char *kind = wrp_result_request_kind(r);
    if (kind != NULL)
        fprintf(out, "request:        %s\n", kind);
    print_party(out, r, o->lang);
    print_requested(out, r);
    if (kind == NULL)
        print_registered(out, r);
    size_t n = wrp_result_finding_count(r);
    fprintf(out, "findings:%s\n", n == 0 ? " none" : "");
    for (size_t i = 0; i < n; i++) {
        fprintf(out, "  %-7s %-28s ", wrp_severity_str(wrp_result_finding_severity(r, i)),
                wrp_code_str(wrp_result_finding_code(r, i)));
        text_line(out, "", wrp_result_finding_message(r, i), NULL, NULL, "\n");
    }
    print_provenance(out, o, ds);
    fprintf(out, "verdict: %s\n", wrp_verdict_str(wrp_result_verdict(r)));
}
