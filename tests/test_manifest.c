/* The manifest reader (tests/support/testmanifest.c): what it reads, and that every malformed
 * manifest is refused with its line, so that no test program runs fewer cases than written. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "support/testmanifest.h"

static const char *const keys[] = {"a", "b", "time", NULL};
static const tm_format tabbed = {.min_fields = 2, .max_fields = 5, .options_from = 2, .keys = keys};
static const tm_format spaced = {.min_fields = 3, .max_fields = 3, .options_from = 2,
                                 .options_spaced = true, .keys = keys};
static const tm_format plain = {.min_fields = 3, .max_fields = 3};

/* tm_parse over a copy of the literal (len bytes, NULs included). */
static int parse_n(const char *s, size_t len, const tm_format *f, tm_manifest *m)
{
    char *text = malloc(len + 1);
    assert_non_null(text);
    memcpy(text, s, len);
    text[len] = 0;
    return tm_parse(text, len, "x.tsv", f, m);
}

static int parse(const char *s, const tm_format *f, tm_manifest *m)
{
    return parse_n(s, strlen(s), f, m);
}

/* Refused, and the message names the line and says what. */
static void refused(const char *s, const tm_format *f, const char *where, const char *what)
{
    tm_manifest m;
    assert_int_equal(parse(s, f, &m), -1);
    assert_null(m.v);
    assert_int_equal(m.n, 0);
    if (strncmp(m.error, where, strlen(where)) != 0 || strstr(m.error, what) == NULL)
        fail_msg("error \"%s\", expected \"%s ... %s\"", m.error, where, what);
}

static void fields_comments_and_line_numbers(void **state)
{
    (void)state;
    tm_manifest m;
    assert_int_equal(parse("# a comment\n\nf.jwt\tnone\n#x\ty\n\ng.jwt\t\tb=2\ta=x=y\n", &tabbed, &m), 0);
    assert_int_equal(m.n, 2);
    assert_int_equal(m.v[0].lineno, 3);
    assert_int_equal(m.v[0].n_fields, 2);
    assert_string_equal(m.v[0].field[0], "f.jwt");
    assert_string_equal(m.v[0].field[1], "none");
    assert_int_equal(m.v[0].n_options, 0);
    assert_string_equal(m.v[0].name, "3: f.jwt none");
    assert_int_equal(m.v[1].lineno, 6);
    assert_int_equal(m.v[1].n_fields, 4);
    assert_string_equal(m.v[1].field[1], "");
    assert_string_equal(m.v[1].field[2], "b=2");
    assert_string_equal(tm_opt(&m.v[1], "a"), "x=y");
    assert_string_equal(tm_opt(&m.v[1], "b"), "2");
    assert_null(tm_opt(&m.v[1], "time"));
    tm_free(&m);
}

static void last_line_without_newline(void **state)
{
    (void)state;
    tm_manifest m;
    assert_int_equal(parse("a\tb\tc\nd\te\tf", &plain, &m), 0);
    assert_int_equal(m.n, 2);
    assert_string_equal(m.v[1].field[2], "f");
    assert_int_equal(m.v[1].lineno, 2);
    tm_free(&m);
}

static void spaced_options_keep_their_field(void **state)
{
    (void)state;
    tm_manifest m;
    assert_int_equal(parse("v.jwt\tnone\ta=1 time=5\nw.jwt\tnone\t\n", &spaced, &m), 0);
    assert_int_equal(m.n, 2);
    assert_string_equal(m.v[0].field[2], "a=1 time=5");
    assert_int_equal(m.v[0].n_options, 2);
    assert_string_equal(tm_opt(&m.v[0], "a"), "1");
    assert_string_equal(tm_opt(&m.v[0], "time"), "5");
    assert_int_equal(m.v[1].n_options, 0);
    assert_string_equal(m.v[1].field[2], "");
    tm_free(&m);
}

static void malformed_lines_are_refused(void **state)
{
    (void)state;
    refused("a\tb\tc\n\nonly-one-field\n", &plain, "x.tsv:3:", "1 tab-separated field, at least 3");
    refused("a\tb\tc\td\n", &plain, "x.tsv:1:", "more than 3");
    refused("a\tb\tc\n# c\na\tb\tc\n" "a\tb\n", &plain, "x.tsv:4:", "2 tab-separated fields");
    refused("f\tnone\ta\n", &tabbed, "x.tsv:1:", "\"a\" is not key=value");
    refused("f\tnone\t=1\n", &tabbed, "x.tsv:1:", "not key=value");
    refused("f\tnone\tc=1\n", &tabbed, "x.tsv:1:", "unknown option c");
    refused("f\tnone\ta=1\ta=2\n", &tabbed, "x.tsv:1:", "option a given twice");
    refused("f\tnone\ta=1 tme=2\n", &spaced, "x.tsv:1:", "unknown option tme");
    refused("f\tnone\ta=1  b\n", &spaced, "x.tsv:1:", "\"b\" is not key=value");
    refused("a\tb\tc\r\n", &plain, "x.tsv:1:", "carriage return");
}

static void manifest_without_cases_is_refused(void **state)
{
    (void)state;
    refused("", &plain, "x.tsv:0:", "no case");
    refused("# only\n\n# comments\n", &plain, "x.tsv:3:", "no case");
}

static void nul_byte_is_refused(void **state)
{
    (void)state;
    tm_manifest m;
    assert_int_equal(parse_n("a\tb\tc\na\tb\0c\n", 12, &plain, &m), -1);
    assert_string_equal(m.error, "x.tsv:2: a NUL byte");
}

static void unreadable_file_is_refused(void **state)
{
    (void)state;
    tm_manifest m;
    assert_int_equal(tm_load("testvectors/no-such-manifest.tsv", &plain, &m), -1);
    assert_non_null(strstr(m.error, "testvectors/no-such-manifest.tsv: cannot read"));
    assert_null(m.v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fields_comments_and_line_numbers),
        cmocka_unit_test(last_line_without_newline),
        cmocka_unit_test(spaced_options_keep_their_field),
        cmocka_unit_test(malformed_lines_are_refused),
        cmocka_unit_test(manifest_without_cases_is_refused),
        cmocka_unit_test(nul_byte_is_refused),
        cmocka_unit_test(unreadable_file_is_refused),
    };
    return cmocka_run_group_tests_name("manifest_reader", tests, NULL, NULL);
}
