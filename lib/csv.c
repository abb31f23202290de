/* csv.c - a strict RFC 4180 record reader with line numbers (see csv.h).
 *
 * Speed matters (networks of millions of rows): a record's fields are
 * copied run by run into one buffer the reader keeps (no allocation per
 * field or record), plain bytes are skipped with a byte-class table, and
 * only fields holding a NUL or a byte >= 0x80 go through UTF-8 validation
 * (for any other field it cannot fail). */
#include "csv.h"

#include "freightroute.h"

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
    reader->text = NULL;
    reader->text_cap = 0;
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

/* Reads the fields of a record into reader->text; their offsets go to
 * reader->fields, to become pointers once the text stops moving. */
static int read_fields(fr_csv_reader *reader, GError **error)
{
    size_t used = 0;
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
        g_ptr_array_add(reader->fields, GSIZE_TO_POINTER(start));
    }
    for (guint i = 0; i < reader->fields->len; i++)
        reader->fields->pdata[i] = reader->text + GPOINTER_TO_SIZE(reader->fields->pdata[i]);
    return 1;
}

int fr_csv_reader_next(fr_csv_reader *reader, GError **error)
{
    g_ptr_array_set_size(reader->fields, 0);
    if (!skip_blank_lines(reader))
        return 0;
    reader->record_line = reader->line;

    const char *start = reader->data + reader->pos;
    size_t rest = reader->len - reader->pos;
    const char *eol = memchr(start, '\n', rest);
    if (memchr(start, '\0', eol ? (size_t)(eol - start) : rest))
        return fail(reader, reader->line, error, "binary data (NUL byte); expected UTF-8 text");

    int status = read_fields(reader, error);
    if (status < 0)
        g_ptr_array_set_size(reader->fields, 0);
    return status;
}
