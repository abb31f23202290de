/* fuzz_csv.c - the CSV reader (lib/util/csv.h) over arbitrary bytes.
 *
 * Every record must be well formed (its fields inside the reader's text,
 * NUL-terminated, in order), lines must only grow, every call must make
 * progress, errors must be FR_ERROR values naming "<name>:<line>". And
 * for input without quotes, carriage returns or NULs, in valid UTF-8, the
 * records must be what a naive split at '\n' and ',' gives: a second
 * reader written here. */
#include "fuzz_entry.h"

#include "csv.h"
#include "freightroute.h"

#include <stdbool.h>
#include <string.h>

#define NAME "fuzz.csv"

/* Whether the naive split below describes the input exactly. */
static bool is_plain(const char *data, size_t len)
{
    return !memchr(data, '"', len) && !memchr(data, '\r', len) && !memchr(data, '\0', len) &&
           g_utf8_validate(data, (gssize)len, NULL);
}

/* The naive reader: the non-empty lines from *pos, split at commas. */
typedef struct {
    const char *data;
    size_t len, pos, line;
} naive_reader;

/* The next non-empty line as [start, end), its number in *line; false at the end. */
static bool naive_next_line(naive_reader *n, size_t *start, size_t *end, size_t *line)
{
    while (n->pos < n->len) {
        const char *nl = memchr(n->data + n->pos, '\n', n->len - n->pos);
        size_t stop = nl ? (size_t)(nl - n->data) : n->len;
        size_t begin = n->pos;
        *line = n->line;
        n->pos = nl ? stop + 1 : n->len;
        n->line++;
        if (stop > begin) {
            *start = begin, *end = stop;
            return true;
        }
    }
    return false;
}

/* The record must be the naive reader's next line split at commas. */
static void check_against_naive(const fr_csv_reader *reader, naive_reader *naive)
{
    size_t start, end, line;
    FR_FUZZ_CHECK(naive_next_line(naive, &start, &end, &line));
    FR_FUZZ_CHECK(reader->record_line == line);
    size_t field = 0, at = start;
    for (;;) {
        const char *comma = memchr(naive->data + at, ',', end - at);
        size_t stop = comma ? (size_t)(comma - naive->data) : end;
        const char *got = fr_csv_field(reader, field);
        FR_FUZZ_CHECK(got != NULL);
        FR_FUZZ_CHECK(strlen(got) == stop - at && memcmp(got, naive->data + at, stop - at) == 0);
        field++;
        if (!comma)
            break;
        at = stop + 1;
    }
    FR_FUZZ_CHECK(reader->fields->len == field);
}

/* The record in the reader is well formed. */
static void check_record(const fr_csv_reader *reader)
{
    guint n = reader->fields->len;
    FR_FUZZ_CHECK(n >= 1);
    FR_FUZZ_CHECK(reader->text_len <= reader->text_cap);
    const char *text_end = reader->text + reader->text_len;
    const char *previous_end = reader->text;
    for (guint i = 0; i < n; i++) {
        const char *field = fr_csv_field(reader, i);
        FR_FUZZ_CHECK(field >= previous_end && field < text_end);
        const char *nul = memchr(field, '\0', (size_t)(text_end - field));
        FR_FUZZ_CHECK(nul != NULL);
        FR_FUZZ_CHECK(g_utf8_validate(field, -1, NULL));
        previous_end = nul + 1;
    }
    FR_FUZZ_CHECK(fr_csv_field(reader, n) == NULL);
}

/* How many times `c` occurs in the n bytes at p (with memchr: the target's
 * own byte loops would be traced by the fuzzer's coverage and slow it). */
static size_t count_byte(const char *p, size_t n, char c)
{
    size_t count = 0;
    for (const char *end = p + n; (p = memchr(p, c, (size_t)(end - p))); p++)
        count++;
    return count;
}

/* Line breaks: LF, CRLF, lone CR; a CRLF is one CR and one LF. */
static size_t count_line_breaks(const char *data, size_t len)
{
    size_t crlf = 0;
    for (const char *p = data, *end = data + len; (p = memchr(p, '\r', (size_t)(end - p))); p++)
        crlf += p + 1 < end && p[1] == '\n';
    return count_byte(data, len, '\n') + count_byte(data, len, '\r') - crlf;
}

int fr_fuzz_csv(const uint8_t *bytes, size_t size)
{
    const char *data = (const char *)bytes;
    bool bom = size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0;
    bool plain = is_plain(data + (bom ? 3 : 0), size - (bom ? 3 : 0));
    naive_reader naive = {data, size, bom ? 3 : 0, 1};
    size_t max_line = count_line_breaks(data, size) + 1;

    fr_csv_reader reader;
    fr_csv_reader_init(&reader, NAME, data, size);
    size_t last_line = 0, last_pos = reader.pos;
    GError *error = NULL;
    int status;
    while ((status = fr_csv_reader_next(&reader, &error)) > 0) {
        check_record(&reader);
        FR_FUZZ_CHECK(reader.record_line >= last_line && reader.record_line <= max_line);
        FR_FUZZ_CHECK(reader.pos > last_pos && reader.pos <= size);
        if (plain)
            check_against_naive(&reader, &naive);
        last_line = reader.record_line, last_pos = reader.pos;
    }
    if (status < 0) {
        FR_FUZZ_CHECK(!plain);
        FR_FUZZ_CHECK(error && error->domain == FR_ERROR && error->code == FR_ERROR_INVALID);
        FR_FUZZ_CHECK(g_str_has_prefix(error->message, NAME ":"));
        g_error_free(error);
    } else {
        FR_FUZZ_CHECK(status == 0 && error == NULL && reader.fields->len == 0);
        size_t start, end, line;
        FR_FUZZ_CHECK(!plain || !naive_next_line(&naive, &start, &end, &line));
        FR_FUZZ_CHECK(fr_csv_reader_next(&reader, NULL) == 0);
    }
    fr_csv_reader_clear(&reader);
    return 0;
}
