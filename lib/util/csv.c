/* csv.c - a strict RFC 4180 record reader with line numbers (see csv.h).
 *
 * Speed matters (networks of millions of rows): a record's fields are
 * copied run by run into one buffer the reader keeps (no allocation per
 * field or record), plain bytes are skipped with a byte-class table, and
 * only fields holding a NUL or a byte >= 0x80 go through UTF-8 validation
 * (for any other field it cannot fail). */
#include "csv.h"

#include "freightroute.h"

#include <stdint.h>
#include <string.h>

/* Byte classes: PLAIN bytes are copied as they are; STOP ends an unquoted
 * run (comma, quote, line break); CHECK (NUL, non-ASCII) asks for UTF-8
 * validation of the field. */
enum { PLAIN, STOP, CHECK };
#define CHECK8 CHECK, CHECK, CHECK, CHECK, CHECK, CHECK, CHECK, CHECK
#define CHECK64 CHECK8, CHECK8, CHECK8, CHECK8, CHECK8, CHECK8, CHECK8, CHECK8
static const unsigned char byte_class[256] = {
    [0] = CHECK, [','] = STOP, ['"'] = STOP, ['\n'] = STOP, ['\r'] = STOP,
    [0x80] = CHECK64, CHECK64};

void fr_csv_reader_init(fr_csv_reader *reader, const char *name, const char *data, size_t len)
{
    memset(reader, 0, sizeof *reader);
    reader->name = name;
    reader->data = data;
    reader->len = len;
    reader->line = 1;
    reader->fields = g_ptr_array_new();
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        reader->pos = 3;
}

void fr_csv_reader_clear(fr_csv_reader *reader)
{
    if (reader->fields)
        g_ptr_array_free(reader->fields, TRUE);
    reader->fields = NULL;
    g_free(reader->text);
    g_free(reader->starts);
    reader->text = NULL;
    reader->starts = NULL;
    reader->text_len = reader->text_cap = reader->starts_cap = 0;
}

const char *fr_csv_field(const fr_csv_reader *reader, size_t index)
{
    return index < reader->fields->len ? g_ptr_array_index(reader->fields, index) : NULL;
}

static int fail(fr_csv_reader *reader, size_t line, GError **error, const char *problem)
{
    g_set_error(error, FR_ERROR, FR_ERROR_INVALID, "%s:%zu: %s", reader->name, line, problem);
    return -1;
}

/* Room for `need` bytes of field text. */
static void text_reserve(fr_csv_reader *reader, size_t need)
{
    if (need <= reader->text_cap)
        return;
    size_t cap = MAX(MAX(need, 2 * reader->text_cap), 256);
    reader->text = g_realloc(reader->text, cap);
    reader->text_cap = cap;
}

/* Appends n bytes of data from `from` to the field text at *used. */
static void text_append(fr_csv_reader *reader, size_t *used, size_t from, size_t n)
{
    text_reserve(reader, *used + n + 1); /* and the terminating NUL */
    memcpy(reader->text + *used, reader->data + from, n);
    *used += n;
}

/* Consumes a line break at pos (LF, CRLF or a lone CR); true if there was one. */
static bool take_newline(fr_csv_reader *reader)
{
    const char *d = reader->data;
    if (reader->pos < reader->len && d[reader->pos] == '\r') {
        reader->pos++;
        if (reader->pos < reader->len && d[reader->pos] == '\n')
            reader->pos++;
    } else if (reader->pos < reader->len && d[reader->pos] == '\n') {
        reader->pos++;
    } else {
        return false;
    }
    reader->line++;
    return true;
}

/* Reads a quoted field starting after its opening quote. */
static int read_quoted(fr_csv_reader *reader, size_t *used, bool *check, GError **error)
{
    const unsigned char *d = (const unsigned char *)reader->data;
    size_t start_line = reader->line;
    for (;;) {
        size_t run = reader->pos;
        while (run < reader->len && d[run] != '"' && d[run] != '\r' && d[run] != '\n')
            *check |= byte_class[d[run++]] == CHECK;
        text_append(reader, used, reader->pos, run - reader->pos);
        reader->pos = run;
        if (reader->pos >= reader->len)
            return fail(reader, start_line, error, "unterminated quoted field");
        if (d[reader->pos] == '"') {
            if (reader->pos + 1 < reader->len && d[reader->pos + 1] == '"') {
                text_append(reader, used, reader->pos, 1);
                reader->pos += 2;
                continue;
            }
            reader->pos++;
            return 0;
        }
        size_t before = reader->pos; /* a line break, kept as it is */
        take_newline(reader);
        text_append(reader, used, before, reader->pos - before);
    }
}

/* Reads an unquoted field: the run of bytes up to a comma or line break. */
static int read_unquoted(fr_csv_reader *reader, size_t *used, bool *check, GError **error)
{
    const unsigned char *d = (const unsigned char *)reader->data;
    size_t p = reader->pos;
    for (;;) {
        while (p < reader->len && byte_class[d[p]] == PLAIN)
            p++;
        if (p < reader->len && byte_class[d[p]] == CHECK) {
            *check = true;
            p++;
            continue;
        }
        break;
    }
    text_append(reader, used, reader->pos, p - reader->pos);
    reader->pos = p;
    if (p < reader->len && d[p] == '"')
        return fail(reader, reader->line, error,
                    "quote inside an unquoted field (quote the whole field and double the "
                    "quote)");
    return 0;
}

/* Reads one field; sets *end_of_record when the record ends after it. */
static int read_field(fr_csv_reader *reader, size_t *used, bool *check, bool *end_of_record,
                      GError **error)
{
    const char *d = reader->data;
    int status;
    if (reader->pos < reader->len && d[reader->pos] == '"') {
        reader->pos++;
        status = read_quoted(reader, used, check, error);
    } else {
        status = read_unquoted(reader, used, check, error);
    }
    if (status < 0)
        return -1;
    if (reader->pos >= reader->len || take_newline(reader)) {
        *end_of_record = true;
    } else if (d[reader->pos] == ',') {
        reader->pos++;
        *end_of_record = false;
    } else {
        return fail(reader, reader->line, error, "text after the closing quote of a field");
    }
    return 0;
}

/* Skips blank lines; true if data remains. */
static bool skip_blank_lines(fr_csv_reader *reader)
{
    while (reader->pos < reader->len && take_newline(reader))
        ;
    return reader->pos < reader->len;
}

static void grow_starts(fr_csv_reader *reader)
{
    reader->starts_cap = MAX(16, 2 * reader->starts_cap);
    reader->starts = g_renew(size_t, reader->starts, reader->starts_cap);
}

/* Records that a field starts at `offset` in the text, as field number n. */
static inline void add_start(fr_csv_reader *reader, size_t n, size_t offset)
{
    if (G_UNLIKELY(n == reader->starts_cap))
        grow_starts(reader);
    reader->starts[n] = offset;
}

/* Points reader->fields at the n fields of the record in reader->text. */
static void set_fields(fr_csv_reader *reader, size_t n)
{
    if (reader->fields->len != n)
        g_ptr_array_set_size(reader->fields, (gint)n);
    for (size_t i = 0; i < n; i++)
        reader->fields->pdata[i] = reader->text + reader->starts[i];
}

/* Reads the fields of a record into reader->text, then points
 * reader->fields at them (once the text has stopped moving). */
static int read_fields(fr_csv_reader *reader, GError **error)
{
    size_t used = 0, n = 0;
    bool end_of_record = false;
    while (!end_of_record) {
        size_t start = used;
        bool check = false;
        if (read_field(reader, &used, &check, &end_of_record, error) < 0)
            return -1;
        text_reserve(reader, used + 1);
        reader->text[used++] = '\0';
        if (check && !g_utf8_validate(reader->text + start, (gssize)(used - 1 - start), NULL))
            return fail(reader, reader->record_line, error, "invalid UTF-8 text");
        add_start(reader, n++, start);
    }
    reader->text_len = used;
    set_fields(reader, n);
    return 1;
}

/* True if one of the n bytes at p is not ASCII; eight at a time. */
static bool has_high_byte(const char *p, size_t n)
{
    uint64_t any = 0, word;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        memcpy(&word, p + i, 8);
        any |= word;
    }
    for (; i < n; i++)
        any |= (unsigned char)p[i];
    return (any & UINT64_C(0x8080808080808080)) != 0;
}

/* The fields of a record on one line without quotes or carriage returns
 * (the common case), `line_len` bytes from pos, in one pass: the line is
 * copied whole and its commas become the fields' NULs. */
static int read_plain_record(fr_csv_reader *reader, size_t line_len, GError **error)
{
    text_reserve(reader, line_len + 1);
    char *text = reader->text;
    memcpy(text, reader->data + reader->pos, line_len);
    text[line_len] = '\0';
    bool check = has_high_byte(text, line_len); /* else no field can be invalid */
    size_t n = 0, start = 0;
    for (;;) {
        char *comma = memchr(text + start, ',', line_len - start);
        size_t end = comma ? (size_t)(comma - text) : line_len;
        text[end] = '\0';
        if (check && !g_utf8_validate(text + start, (gssize)(end - start), NULL))
            return fail(reader, reader->record_line, error, "invalid UTF-8 text");
        add_start(reader, n++, start);
        if (!comma)
            break;
        start = end + 1;
    }
    reader->text_len = line_len + 1;
    reader->pos += line_len;
    take_newline(reader);
    set_fields(reader, n);
    return 1;
}

int fr_csv_reader_next(fr_csv_reader *reader, GError **error)
{
    if (!skip_blank_lines(reader)) {
        g_ptr_array_set_size(reader->fields, 0);
        return reader->more ? FR_CSV_NEED_MORE : 0;
    }
    reader->record_line = reader->line;

    const char *start = reader->data + reader->pos;
    size_t rest = reader->len - reader->pos;
    const char *eol = memchr(start, '\n', rest);
    size_t line_len = eol ? (size_t)(eol - start) : rest;
    int status = -1;
    if (memchr(start, '\0', line_len))
        fail(reader, reader->line, error, "binary data (NUL byte); expected UTF-8 text");
    else if (!memchr(start, '"', line_len) && !memchr(start, '\r', line_len))
        status = read_plain_record(reader, line_len, error);
    else
        status = read_fields(reader, error);
    if (status < 0)
        g_ptr_array_set_size(reader->fields, 0);
    return status;
}

void fr_csv_append_field(GString *out, const char *text, bool always_quote)
{
    if (!always_quote && !strpbrk(text, ",\"\r\n")) {
        g_string_append(out, text);
        return;
    }
    g_string_append_c(out, '"');
    for (const char *p = text; *p; p++) {
        if (*p == '"')
            g_string_append_c(out, '"');
        g_string_append_c(out, *p);
    }
    g_string_append_c(out, '"');
}

/* ---- reading a window at a time ------------------------------------------ */

void fr_csv_reader_set_window(fr_csv_reader *reader, const char *data, size_t len, bool more)
{
    reader->data = data;
    reader->len = len;
    reader->pos = 0;
    reader->more = more;
}

/* How many quotes the n bytes at p hold. */
static size_t count_quotes(const char *p, size_t n)
{
    size_t quotes = 0;
    for (const char *end = p + n; (p = memchr(p, '"', (size_t)(end - p))); p++)
        quotes++;
    return quotes;
}

/* The position of the last line feed in data[0, end), or end when none. */
static size_t last_line_feed(const char *data, size_t end)
{
    for (size_t i = end; i > 0; i--)
        if (data[i - 1] == '\n')
            return i - 1;
    return end;
}

size_t fr_csv_complete_records(const char *data, size_t len)
{
    size_t quotes = count_quotes(data, len), quotes_after = 0; /* after `end` */
    for (size_t end = len;;) {
        size_t at = last_line_feed(data, end);
        if (at == end)
            return 0;
        quotes_after += count_quotes(data + at + 1, end - at - 1);
        if ((quotes - quotes_after) % 2 == 0)
            return at + 1;
        end = at;
    }
}
