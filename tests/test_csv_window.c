/* test_csv_window.c - reading CSV a window at a time (csv.h's
 * fr_csv_reader_set_window, and the loader, which reads a directory's files
 * in windows of 1 MiB): every input gives the same records, the same line
 * numbers and the same errors as when it is read whole, wherever the
 * windows end, including inside quoted fields, between CR and LF, and in
 * records longer than a window. */
#include "helpers.h"

#include <string.h>

#include "csv.h"

/* What reading gives: each record as "<line>[field]...", then the error
 * (or "end"), one per line. */
static void append_record(GString *out, const fr_csv_reader *rd)
{
    g_string_append_printf(out, "%zu", rd->record_line);
    for (guint i = 0; i < rd->fields->len; i++)
        g_string_append_printf(out, "[%s]", (const char *)g_ptr_array_index(rd->fields, i));
    g_string_append_c(out, '\n');
}

static void append_end(GString *out, int status, GError *error)
{
    g_string_append(out, status < 0 ? error->message : "end");
}

static char *read_whole(const char *data, size_t len)
{
    fr_csv_reader rd;
    fr_csv_reader_init(&rd, "w.csv", data, len);
    GString *out = g_string_new(NULL);
    GError *error = NULL;
    int status;
    while ((status = fr_csv_reader_next(&rd, &error)) == 1)
        append_record(out, &rd);
    append_end(out, status, error);
    g_clear_error(&error);
    fr_csv_reader_clear(&rd);
    return g_string_free(out, FALSE);
}

/* As the loader does it (lib/model/table.c), with windows of `window`
 * bytes to start with, doubled when one does not hold a whole record. */
typedef struct {
    const char *data;
    size_t len, read; /* input, and how much of it the window has taken */
    char *window;
    size_t cap, filled;
} windowed;

static void fill(windowed *w, size_t kept)
{
    size_t n = MIN(w->cap - kept, w->len - w->read);
    memcpy(w->window + kept, w->data + w->read, n);
    w->read += n;
    w->filled = kept + n;
}

static void hand(windowed *w, fr_csv_reader *rd, size_t pos)
{
    bool more = w->read < w->len;
    size_t whole = more ? fr_csv_complete_records(w->window, w->filled) : w->filled;
    fr_csv_reader_set_window(rd, w->window, whole, more);
    rd->pos = pos;
}

static void next_window(windowed *w, fr_csv_reader *rd)
{
    size_t done = MIN(rd->pos, w->filled), kept = w->filled - done;
    memmove(w->window, w->window + done, kept);
    if (kept == w->cap) {
        w->cap *= 2;
        w->window = g_realloc(w->window, w->cap);
    }
    fill(w, kept);
    hand(w, rd, 0);
}

static char *read_windowed(const char *data, size_t len, size_t window)
{
    window = MAX(window, 3); /* the first window holds a byte order mark whole */
    windowed w = {data, len, 0, g_malloc(window), window, 0};
    fill(&w, 0);
    fr_csv_reader rd;
    fr_csv_reader_init(&rd, "w.csv", w.window, w.filled);
    hand(&w, &rd, rd.pos);
    GString *out = g_string_new(NULL);
    GError *error = NULL;
    int status;
    for (;;) {
        status = fr_csv_reader_next(&rd, &error);
        if (status == FR_CSV_NEED_MORE)
            next_window(&w, &rd);
        else if (status == 1)
            append_record(out, &rd);
        else
            break;
    }
    append_end(out, status, error);
    g_clear_error(&error);
    fr_csv_reader_clear(&rd);
    g_free(w.window);
    return g_string_free(out, FALSE);
}

/* Every window size from 1 to the input's length (and one more) reads it
 * as the whole does. */
static void expect_same(const char *data, size_t len)
{
    char *whole = read_whole(data, len);
    for (size_t window = 1; window <= len + 1; window++) {
        char *parts = read_windowed(data, len, window);
        if (strcmp(whole, parts) != 0)
            fail_msg("window %zu of %zu bytes:\nwhole:\n%s\nwindowed:\n%s", window, len, whole,
                     parts);
        g_free(parts);
    }
    g_free(whole);
}

#define SAME(literal) expect_same(literal, sizeof literal - 1)

static void test_plain_and_blank_lines(void **state)
{
    (void)state;
    SAME("a,b,c\n1,2,3\n\n\n4,5,6\n");
    SAME("a,b\n1,2");
    SAME("\n\n\na\n");
    SAME("");
    SAME("a");
}

static void test_quoted_fields_across_windows(void **state)
{
    (void)state;
    SAME("id,name\n1,\"two\nlines\"\n2,\"a \"\"quoted\"\", word\"\n3,x\n");
    SAME("id,name\n1,\"\n\n\n\"\n2,y\n");
    SAME("a\n\"\"\n\"\"\"\"\n");
}

static void test_line_breaks_cr_lf(void **state)
{
    (void)state;
    SAME("a,b\r\n1,2\r\n\r\n3,4\r\n");
    SAME("a,b\r1,2\r3,4\r");
    SAME("a,b\r\n1,\"x\r\ny\"\r\n2,z");
    SAME("a\n\r\n\r\r\nb\r");
}

static void test_bom(void **state)
{
    (void)state;
    SAME("\xEF\xBB\xBFid,name\n1,x\n");
    SAME("\xEF\xBB\xBF\n\nid\n");
    SAME("\xEF\xBB\xBF");
}

static void test_errors_same_line(void **state)
{
    (void)state;
    SAME("a,b\n1,2\n3,\"open\n4,5\n6,7\n");           /* unterminated */
    SAME("a,b\n1,2\n3,x\"y\n4,5\n");                  /* quote inside */
    SAME("a,b\n1,2\n\"x\"y,3\n4,5\n");                /* text after the quote */
    SAME("a,b\n1,2\n3,4\n5,\xff\xfe\n");              /* invalid UTF-8 */
    expect_same("a,b\n1,2\n3,\0\n4,5\n", 16);           /* NUL */
    SAME("a,b\n\"1\n2\n3\",x\"\n4,\"5\"\"\n6,7\n");       /* odd quotes later on */
}

/* Random inputs over a small alphabet full of separators. */
static void test_random_inputs(void **state)
{
    (void)state;
    static const char alphabet[] = "ab,,\"\"\n\n\r x";
    GRand *rand = g_rand_new_with_seed(13);
    int cases = g_getenv("FR_TEST_QUICK") ? 150 : 600;
    for (int c = 0; c < cases; c++) {
        char data[48];
        size_t len = (size_t)g_rand_int_range(rand, 0, sizeof data);
        for (size_t i = 0; i < len; i++)
            data[i] = alphabet[g_rand_int_range(rand, 0, sizeof alphabet - 1)];
        expect_same(data, len);
    }
    g_rand_free(rand);
}

/* The loader's own windows (1 MiB): a nodes.csv of several MiB whose quoted
 * names hold line breaks, commas and quotes, in CRLF, with one name longer
 * than a window; every name reads back, and an error after the first
 * windows names its line. */
#define N_NODES 40000

static char *node_name(int i)
{
    if (i == N_NODES / 2)
        return g_strnfill(3 << 20, 'L'); /* longer than the window */
    return g_strdup_printf("node %d, \"quoted\"\r\nsecond line%s", i,
                           i % 7 ? "" : " and a much longer tail of text to vary the length");
}

static GString *big_nodes_csv(void)
{
    GString *csv = g_string_new("id,name,kind,country,lat,lon\r\n");
    for (int i = 0; i < N_NODES; i++) {
        char *name = node_name(i);
        g_string_append_printf(csv, "N%d,", i);
        fr_csv_append_field(csv, name, true);
        g_string_append(csv, ",city,CN,1,2\r\n");
        g_free(name);
    }
    return csv;
}

static void test_loader_windows(void **state)
{
    (void)state;
    GString *csv = big_nodes_csv();
    assert_true(csv->len > (size_t)(4 << 20));
    char *dir = make_tmp_dir();
    write_file_bytes(dir, "nodes.csv", csv->str, csv->len);
    const char *links = "id,from,to,mode,distance_km,time_h,cost_usd\nL,N0,N1,rail,1,1,1\n";
    write_file_bytes(dir, "links.csv", links, strlen(links));
    GError *error = NULL;
    fr_network *net = fr_network_load_dir(dir, &error);
    assert_non_null(net);
    assert_int_equal(fr_network_node_count(net), N_NODES);
    for (int i = 0; i < N_NODES; i += (i < N_NODES / 2 - 3 || i > N_NODES / 2 + 3) ? 97 : 1) {
        fr_node_info info;
        assert_true(fr_network_node(net, (size_t)i, &info));
        char *name = node_name(i);
        assert_string_equal(info.name, name);
        g_free(name);
    }
    fr_network_free(net);
    /* a bad latitude on the last row: rows take two lines each, but the long
     * name's one, after the header */
    g_string_truncate(csv, csv->len - strlen(",city,CN,1,2\r\n"));
    g_string_append(csv, ",city,CN,north,2\r\n");
    write_file_bytes(dir, "nodes.csv", csv->str, csv->len);
    assert_null(fr_network_load_dir(dir, &error));
    char *where = g_strdup_printf("nodes.csv:%d: ", 2 * N_NODES - 1);
    assert_non_null(error);
    if (!g_str_has_prefix(error->message, where))
        fail_msg("expected '%s...', got '%s'", where, error->message);
    g_free(where);
    g_error_free(error);
    remove_dir(dir);
    g_free(dir);
    g_string_free(csv, TRUE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_and_blank_lines),
        cmocka_unit_test(test_quoted_fields_across_windows),
        cmocka_unit_test(test_line_breaks_cr_lf),
        cmocka_unit_test(test_bom),
        cmocka_unit_test(test_errors_same_line),
        cmocka_unit_test(test_random_inputs),
        cmocka_unit_test(test_loader_windows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
