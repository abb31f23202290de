/* test_csv.c - unit tests of the internal RFC 4180 reader (lib/csv.h).
 *
 * Every input is dumped to a readable string "<line>[field][field]..." per
 * record, records separated by " ", so each case shows the whole expected
 * result in one line. Inside fields, "\n" and "\r" are shown as \n and \r. */
#include "helpers.h"

#include <string.h>

#include "csv.h"

/* Reads all of data; returns the dump, or NULL with *err set (the dump of
 * the records read before the error goes to *partial when non-NULL). */
static char *dump_n(const char *data, size_t len, GError **err, char **partial)
{
    fr_csv_reader rd;
    fr_csv_reader_init(&rd, "test.csv", data, len);
    GString *s = g_string_new(NULL);
    int rc;
    int guard = 0;
    while ((rc = fr_csv_reader_next(&rd, err)) == 1) {
        if (++guard > 1000)
            break;
        if (s->len)
            g_string_append_c(s, ' ');
        g_string_append_printf(s, "%zu", rd.record_line);
        for (size_t i = 0; i < rd.fields->len; i++) {
            const char *f = fr_csv_field(&rd, i);
            assert_ptr_equal(f, g_ptr_array_index(rd.fields, i));
            g_string_append_c(s, '[');
            for (const char *c = f; *c; c++) {
                if (*c == '\n')
                    g_string_append(s, "\\n");
                else if (*c == '\r')
                    g_string_append(s, "\\r");
                else
                    g_string_append_c(s, *c);
            }
            g_string_append_c(s, ']');
        }
        /* one past the end is NULL */
        assert_null(fr_csv_field(&rd, rd.fields->len));
    }
    fr_csv_reader_clear(&rd);
    assert_true(guard <= 1000);
    if (rc < 0) {
        if (partial)
            *partial = g_string_free(s, FALSE);
        else
            g_string_free(s, TRUE);
        return NULL;
    }
    assert_int_equal(rc, 0);
    if (partial)
        *partial = NULL;
    return g_string_free(s, FALSE);
}

static char *dump(const char *data, GError **err)
{
    return dump_n(data, strlen(data), err, NULL);
}

static void expect_dump(const char *data, size_t len, const char *want)
{
    GError *err = NULL;
    char *got = dump_n(data, len, &err, NULL);
    if (!got) {
        char msg[512];
        g_snprintf(msg, sizeof msg, "unexpected error: %s", err->message);
        g_error_free(err);
        fail_msg("%s", msg);
    }
    assert_null(err);
    assert_string_equal(got, want);
    g_free(got);
}
#define EXPECT(data, want) expect_dump((data), strlen(data), (want))

static void expect_error(const char *data, size_t len, const char *where,
                         const char *partial_want)
{
    GError *err = NULL;
    char *partial = NULL;
    char *got = dump_n(data, len, &err, &partial);
    if (got) {
        char msg[512];
        g_snprintf(msg, sizeof msg, "expected an error naming %s, got %s",
                   where, got);
        g_free(got);
        fail_msg("%s", msg);
    }
    assert_non_null(err);
    assert_int_equal(err->domain, FR_ERROR);
    assert_int_equal(err->code, FR_ERROR_INVALID);
    if (!strstr(err->message, where))
        fail_msg("message '%s' lacks '%s'", err->message, where);
    if (partial_want)
        assert_string_equal(partial, partial_want);
    g_free(partial);
    g_error_free(err);
}

static void test_plain_records(void **state)
{
    (void)state;
    EXPECT("id,name,kind\nA,Alpha,city\nB,Beta,seaport\n",
           "1[id][name][kind] 2[A][Alpha][city] 3[B][Beta][seaport]");
}

static void test_last_line_without_newline(void **state)
{
    (void)state;
    EXPECT("a,b\nc,d", "1[a][b] 2[c][d]");
}

static void test_empty_fields(void **state)
{
    (void)state;
    /* empty fields in the middle, at the end, and a record of one empty
     * quoted field */
    EXPECT("a,,b\nc,d,\n,\n\"\"\n", "1[a][][b] 2[c][d][] 3[][] 4[]");
}

static void test_quoted_comma(void **state)
{
    (void)state;
    EXPECT("id,name\nA,\"Duisburg, Germany\"\n",
           "1[id][name] 2[A][Duisburg, Germany]");
}

static void test_doubled_quotes(void **state)
{
    (void)state;
    EXPECT("a,\"say \"\"hi\"\"\",\"\"\"\"\n",
           "1[a][say \"hi\"][\"]");
}

static void test_quoted_newline(void **state)
{
    (void)state;
    /* record 2 starts on line 2 and spans lines 2-4; record 3 is on line 5,
     * record 4 (after a blank line 6) on line 7 */
    EXPECT("h1,h2\nA,\"first\nsecond\nthird\"\nB,x\n\nC,y\n",
           "1[h1][h2] 2[A][first\\nsecond\\nthird] 5[B][x] 7[C][y]");
}

static void test_line_tracking_after_quoted_newline_error(void **state)
{
    (void)state;
    /* the quoted field spans lines 2-3, so the bad record is on line 4 */
    const char *data = "h1,h2\nA,\"two\nlines\"\nB,\"x\"y\n";
    expect_error(data, strlen(data), "test.csv:4",
                 "1[h1][h2] 2[A][two\\nlines]");
}

static void test_crlf(void **state)
{
    (void)state;
    EXPECT("a,b\r\nc,d\r\n\r\ne,f\r\n", "1[a][b] 2[c][d] 4[e][f]");
}

static void test_crlf_quoted_line_count(void **state)
{
    (void)state;
    /* a CRLF inside quotes counts as one line break: next record on line 3 */
    GError *err = NULL;
    char *got = dump("a,\"x\r\ny\"\r\nb,c\r\n", &err);
    assert_non_null(got);
    assert_true(g_str_has_suffix(got, " 3[b][c]"));
    assert_true(g_str_has_prefix(got, "1[a][x"));
    g_free(got);
}

static void test_blank_lines_skipped(void **state)
{
    (void)state;
    EXPECT("\n\na,b\n\n\nc,d\n\n", "3[a][b] 6[c][d]");
}

static void test_bom(void **state)
{
    (void)state;
    EXPECT("\xEF\xBB\xBFid,name\nA,B\n", "1[id][name] 2[A][B]");
}

static void test_utf8_fields(void **state)
{
    (void)state;
    EXPECT("id,name\nCNCKG,\"重庆\"\nKZ,Қазақстан\n",
           "1[id][name] 2[CNCKG][重庆] 3[KZ][Қазақстан]");
}

static void test_empty_input(void **state)
{
    (void)state;
    EXPECT("", "");
    /* only blank lines and only a BOM are empty too */
    EXPECT("\n\n\r\n", "");
    EXPECT("\xEF\xBB\xBF", "");
}

static void test_next_after_end(void **state)
{
    (void)state;
    fr_csv_reader rd;
    const char *data = "a\n";
    fr_csv_reader_init(&rd, "t.csv", data, strlen(data));
    assert_int_equal(fr_csv_reader_next(&rd, NULL), 1);
    assert_int_equal(fr_csv_reader_next(&rd, NULL), 0);
    assert_int_equal(fr_csv_reader_next(&rd, NULL), 0);
    fr_csv_reader_clear(&rd);
}

static void test_reads_only_len_bytes(void **state)
{
    (void)state;
    /* the buffer is not NUL-terminated at len: the reader must stop at len */
    const char data[] = "a,b\nc,dXXXX";
    expect_dump(data, 7, "1[a][b] 2[c][d]");
}

static void test_unterminated_quote(void **state)
{
    (void)state;
    const char *data = "a,b\nc,\"never closed";
    expect_error(data, strlen(data), "test.csv:2", "1[a][b]");
    /* the opening line is named even when the field runs over more lines */
    const char *data2 = "a,b\nc,d\ne,\"open\nmore\nand more\n";
    GError *err = NULL;
    char *got = dump(data2, &err);
    assert_null(got);
    assert_non_null(err);
    assert_int_equal(err->code, FR_ERROR_INVALID);
    if (!strstr(err->message, "test.csv:3"))
        fail_msg("unterminated quote opened on line 3; message: %s",
                 err->message);
    g_error_free(err);
}

static void test_text_after_closing_quote(void **state)
{
    (void)state;
    const char *data = "h\n\"ok\"\n\"bad\"x,1\n";
    expect_error(data, strlen(data), "test.csv:3", "1[h] 2[ok]");
    /* a space after the closing quote is text too */
    const char *data2 = "\"bad\" ,1\n";
    expect_error(data2, strlen(data2), "test.csv:1", "");
}

static void test_quote_inside_unquoted_field(void **state)
{
    (void)state;
    /* RFC 4180: a field with quotes must be quoted. A strict reader rejects
     * a bare quote in the middle of an unquoted field. */
    const char *data = "h\nab\"c\n";
    expect_error(data, strlen(data), "test.csv:2", "1[h]");
}

static void test_nul_byte(void **state)
{
    (void)state;
    const char data[] = "a,b\nc,d\ne,f\0g\n";
    expect_error(data, sizeof data - 1, "test.csv:3", NULL);
    /* NUL inside a quoted field too */
    const char data2[] = "a,\"x\0y\"\n";
    expect_error(data2, sizeof data2 - 1, "test.csv:1", NULL);
}

static void test_invalid_utf8(void **state)
{
    (void)state;
    const char *data = "a,b\nc,\xff\xfe\n";
    expect_error(data, strlen(data), "test.csv:2", NULL);
    /* truncated multi-byte sequence inside quotes on line 3 */
    const char *data2 = "a\nb\n\"\xe9\xa1\"\n";
    expect_error(data2, strlen(data2), "test.csv:3", NULL);
    /* overlong encoding of '/' */
    const char *data3 = "a,\xc0\xaf\n";
    expect_error(data3, strlen(data3), "test.csv:1", NULL);
}

static void test_long_field_and_many_fields(void **state)
{
    (void)state;
    /* a 200000-byte quoted field and a record of 1000 fields */
    GString *data = g_string_new("\"");
    for (int i = 0; i < 200000; i++)
        g_string_append_c(data, (char)('a' + i % 26));
    g_string_append(data, "\"\n");
    for (int i = 0; i < 1000; i++)
        g_string_append_printf(data, "%s%d", i ? "," : "", i);
    g_string_append(data, "\nlast\n");
    fr_csv_reader rd;
    fr_csv_reader_init(&rd, "big.csv", data->str, data->len);
    GError *err = NULL;
    assert_int_equal(fr_csv_reader_next(&rd, &err), 1);
    assert_int_equal(rd.fields->len, 1);
    const char *f = fr_csv_field(&rd, 0);
    assert_int_equal(strlen(f), 200000);
    assert_int_equal(f[199999], 'a' + 199999 % 26);
    assert_int_equal(fr_csv_reader_next(&rd, &err), 1);
    assert_int_equal(rd.record_line, 2);
    assert_int_equal(rd.fields->len, 1000);
    assert_string_equal(fr_csv_field(&rd, 999), "999");
    assert_int_equal(fr_csv_reader_next(&rd, &err), 1);
    assert_int_equal(rd.record_line, 3);
    assert_string_equal(fr_csv_field(&rd, 0), "last");
    assert_int_equal(fr_csv_reader_next(&rd, &err), 0);
    assert_null(err);
    fr_csv_reader_clear(&rd);
    g_string_free(data, TRUE);
}

static void test_error_message_names_reader(void **state)
{
    (void)state;
    fr_csv_reader rd;
    const char *data = "id\n\"x";
    fr_csv_reader_init(&rd, "links.csv", data, strlen(data));
    GError *err = NULL;
    assert_int_equal(fr_csv_reader_next(&rd, &err), 1);
    assert_null(err);
    assert_int_equal(fr_csv_reader_next(&rd, &err), -1);
    assert_non_null(err);
    assert_non_null(strstr(err->message, "links.csv:2"));
    g_error_free(err);
    fr_csv_reader_clear(&rd);
}

/* Writing: fields written by fr_csv_append_field() read back unchanged,
 * quoted only where needed (or always when asked), as written by hand. */
static void test_append_field_round_trip(void **state)
{
    (void)state;
    static const struct {
        const char *text, *plain, *quoted;
    } cases[] = {
        {"Duisburg", "Duisburg", "\"Duisburg\""},
        {"", "", "\"\""},
        {"a,b", "\"a,b\"", "\"a,b\""},
        {"say \"hi\"", "\"say \"\"hi\"\"\"", "\"say \"\"hi\"\"\""},
        {"two\nlines", "\"two\nlines\"", "\"two\nlines\""},
        {"cr\rx", "\"cr\rx\"", "\"cr\rx\""},
        {"Ma\u0142aszewicze", "Ma\u0142aszewicze", "\"Ma\u0142aszewicze\""},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++)
        for (int quote = 0; quote < 2; quote++) {
            GString *out = g_string_new(NULL);
            fr_csv_append_field(out, cases[i].text, quote);
            assert_string_equal(out->str, quote ? cases[i].quoted : cases[i].plain);
            g_string_append(out, ",end\n");
            fr_csv_reader rd;
            fr_csv_reader_init(&rd, "round.csv", out->str, out->len);
            GError *err = NULL;
            assert_int_equal(fr_csv_reader_next(&rd, &err), 1);
            assert_null(err);
            assert_int_equal(rd.fields->len, 2);
            assert_string_equal(fr_csv_field(&rd, 0), cases[i].text);
            assert_string_equal(fr_csv_field(&rd, 1), "end");
            fr_csv_reader_clear(&rd);
            g_string_free(out, TRUE);
        }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_records),
        cmocka_unit_test(test_append_field_round_trip),
        cmocka_unit_test(test_last_line_without_newline),
        cmocka_unit_test(test_empty_fields),
        cmocka_unit_test(test_quoted_comma),
        cmocka_unit_test(test_doubled_quotes),
        cmocka_unit_test(test_quoted_newline),
        cmocka_unit_test(test_line_tracking_after_quoted_newline_error),
        cmocka_unit_test(test_crlf),
        cmocka_unit_test(test_crlf_quoted_line_count),
        cmocka_unit_test(test_blank_lines_skipped),
        cmocka_unit_test(test_bom),
        cmocka_unit_test(test_utf8_fields),
        cmocka_unit_test(test_empty_input),
        cmocka_unit_test(test_next_after_end),
        cmocka_unit_test(test_reads_only_len_bytes),
        cmocka_unit_test(test_unterminated_quote),
        cmocka_unit_test(test_text_after_closing_quote),
        cmocka_unit_test(test_quote_inside_unquoted_field),
        cmocka_unit_test(test_nul_byte),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_long_field_and_many_fields),
        cmocka_unit_test(test_error_message_names_reader),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
