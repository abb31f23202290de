/* csv.c - a strict RFC 4180 record reader with line numbers (see csv.h). */
#include "csv.h"

#include "freightroute.h"

#include <string.h>

void fr_csv_reader_init(fr_csv_reader *reader, const char *name, const char *data, size_t len)
{
    memset(reader, 0, sizeof *reader);
    reader->name = name;
    reader->data = data;
    reader->len = len;
    reader->line = 1;
    reader->fields = g_ptr_array_new_with_free_func(g_free);
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        reader->pos = 3;
}

void fr_csv_reader_clear(fr_csv_reader *reader)
{
    if (reader->fields)
        g_ptr_array_free(reader->fields, TRUE);
    reader->fields = NULL;
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

/* Reads a quoted field starting after its opening quote into `out`. */
static int read_quoted(fr_csv_reader *reader, GString *out, GError **error)
{
    const char *d = reader->data;
    size_t start_line = reader->line;
    for (;;) {
        if (reader->pos >= reader->len)
            return fail(reader, start_line, error, "unterminated quoted field");
        char c = d[reader->pos];
        if (c == '"') {
            if (reader->pos + 1 < reader->len && d[reader->pos + 1] == '"') {
                g_string_append_c(out, '"');
                reader->pos += 2;
                continue;
            }
            reader->pos++;
            return 0;
        }
        if (c == '\r' || c == '\n') {
            size_t before = reader->pos;
            take_newline(reader);
            g_string_append_len(out, d + before, (gssize)(reader->pos - before));
            continue;
        }
        g_string_append_c(out, c);
        reader->pos++;
    }
}

/* Reads one field; sets *end_of_record when the record ends after it. */
static int read_field(fr_csv_reader *reader, GString *out, bool *end_of_record, GError **error)
{
    const char *d = reader->data;
    g_string_truncate(out, 0);
    if (reader->pos < reader->len && d[reader->pos] == '"') {
        reader->pos++;
        if (read_quoted(reader, out, error) < 0)
            return -1;
    } else {
        while (reader->pos < reader->len && d[reader->pos] != ',' && d[reader->pos] != '\r' &&
               d[reader->pos] != '\n') {
            if (d[reader->pos] == '"')
                return fail(reader, reader->line, error,
                            "quote inside an unquoted field (quote the whole field and double "
                            "the quote)");
            g_string_append_c(out, d[reader->pos++]);
        }
    }
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

int fr_csv_reader_next(fr_csv_reader *reader, GError **error)
{
    g_ptr_array_set_size(reader->fields, 0);
    if (!skip_blank_lines(reader))
        return 0;
    reader->record_line = reader->line;

    size_t end = reader->pos;
    while (end < reader->len && reader->data[end] != '\n')
        end++;
    if (memchr(reader->data + reader->pos, '\0', end - reader->pos))
        return fail(reader, reader->line, error, "binary data (NUL byte); expected UTF-8 text");

    GString *field = g_string_new(NULL);
    bool end_of_record = false;
    int status = 1;
    while (!end_of_record) {
        if (read_field(reader, field, &end_of_record, error) < 0) {
            status = -1;
            break;
        }
        if (!g_utf8_validate(field->str, (gssize)field->len, NULL)) {
            status = fail(reader, reader->record_line, error, "invalid UTF-8 text");
            break;
        }
        g_ptr_array_add(reader->fields, g_strndup(field->str, field->len));
    }
    g_string_free(field, TRUE);
    if (status < 0)
        g_ptr_array_set_size(reader->fields, 0);
    return status;
}
