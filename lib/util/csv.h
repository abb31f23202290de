/* csv.h - a small, strict RFC 4180 reader that knows line numbers.
 *
 * Reads records one at a time from a buffer held in memory. Quoted fields
 * may hold commas, doubled quotes and line breaks; a record's line number is
 * the line it starts on (1-based), so error messages can point at it.
 * Blank lines are skipped; a UTF-8 byte-order mark at the start is ignored.
 * NUL bytes, invalid UTF-8, an unterminated quote or text after a closing
 * quote are errors naming "<name>:<line>".
 *
 * Reading allocates nothing per record or field: fields are copied into one
 * buffer the reader reuses, valid until the next call (callers may modify
 * them in place, e.g. to trim them). */
#ifndef FR_CSV_H
#define FR_CSV_H

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct {
    const char *name; /* for messages, e.g. "links.csv" */
    const char *data;
    size_t len;
    size_t pos;
    size_t line;        /* current line while reading */
    size_t record_line; /* line on which the last record started */
    GPtrArray *fields;  /* char *: the last record's fields, NUL-terminated, in `text` */
    char *text;         /* the last record's fields, one after the other; writable */
    size_t text_len;    /* bytes of `text` in use, the fields' NULs included */
    size_t text_cap;
    size_t *starts;     /* while reading a record: its fields' offsets in `text` */
    size_t starts_cap;
    bool more;          /* `data` is a window: more input follows it */
} fr_csv_reader;

void fr_csv_reader_init(fr_csv_reader *reader, const char *name,
                        const char *data, size_t len);
void fr_csv_reader_clear(fr_csv_reader *reader);

/* 1: a record is in reader->fields; 0: end of data; -1: error set;
 * FR_CSV_NEED_MORE: the window is used up and more input follows. */
int fr_csv_reader_next(fr_csv_reader *reader, GError **error);

/* Reading input a window at a time (a file too large to hold whole): the
 * caller hands the reader `len` bytes of `data` that end with whole
 * records (fr_csv_complete_records) and, with `more`, says that input
 * follows them. Once the reader has read them, fr_csv_reader_next()
 * returns FR_CSV_NEED_MORE, and the caller sets the next window, which
 * starts with the bytes the reader had not read (from reader->pos). Line
 * numbers carry on from window to window; the records read are those of
 * the whole input. The first window (given to fr_csv_reader_init) must
 * hold the input's first 3 bytes, where a byte order mark would be. */
enum { FR_CSV_NEED_MORE = 2 };
void fr_csv_reader_set_window(fr_csv_reader *reader, const char *data, size_t len, bool more);

/* How many of the `len` bytes at `data`, which start at a record (or a
 * blank line), hold only whole records: up to and including the last line
 * feed outside quotes (counting quotes: in records the reader accepts,
 * they pair up). 0 when there is none. */
size_t fr_csv_complete_records(const char *data, size_t len);

/* The i-th field of the last record (NULL when the record is shorter). */
const char *fr_csv_field(const fr_csv_reader *reader, size_t index);

/* Writing: appends `text` as one field, in quotes (its quotes doubled)
 * when `always_quote` or when it holds a comma, a quote or a line break,
 * so that the reader above reads it back unchanged. */
void fr_csv_append_field(GString *out, const char *text, bool always_quote);

#endif /* FR_CSV_H */
