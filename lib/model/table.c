/* table.c - reading one CSV file of a network as a table (table.h): opening
 * it from a file source (a directory's files read a window at a time, into
 * one buffer reused from window to window, never mapped: a file truncated
 * while mapped faults with SIGBUS; other sources' files whole), the
 * header and its known columns, rows stripped once, and the checked cells
 * with their "<file>:<line>: " messages ("<file> row <n>: " for rows kept in
 * memory, builder_source.h). Also the file source of a
 * directory on disk (model.h), which opening recognises. */
#define _POSIX_C_SOURCE 200809L /* open(O_CLOEXEC), pread() */
#include "table.h"

#include "builder_source.h"
#include "number.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* How much of a directory's file is read at a time. Reading a large file
 * whole into fresh memory costs a page fault and a copy per page; a window
 * reused stays in the cache. A record longer than the window grows it. */
#define WINDOW_BYTES ((gsize)1 << 20)

char *fr_table_where(const fr_table *t)
{
    if (t->numbered_rows)
        return g_strdup_printf("%s row %zu", t->file, MAX(t->row, (size_t)1));
    return g_strdup_printf("%s:%zu", t->file, t->csv.record_line);
}

bool fr_table_error(const fr_table *t, GError **error, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    char *problem = g_strdup_vprintf(format, args);
    va_end(args);
    char *where = fr_table_where(t);
    g_set_error(error, FR_ERROR, FR_ERROR_INVALID, "%s: %s", where, problem);
    g_free(where);
    g_free(problem);
    return false;
}

void fr_table_close(fr_table *t)
{
    fr_csv_reader_clear(&t->csv);
    g_free(t->contents);
    if (t->streaming)
        close(t->fd);
    g_free(t->path);
    memset(t, 0, sizeof *t);
}

/* ---- a directory's file, a window at a time ------------------------------ */

static bool read_from_dir(void *context, const char *file, char **contents, gsize *len,
                          bool *missing, GError **error);

static bool read_failed(const fr_table *t, int errsv, GError **error)
{
    char *shown = g_filename_display_name(t->path);
    g_set_error(error, FR_ERROR, FR_ERROR_IO, "%s: cannot read (Failed to read from file “%s”: %s)",
                t->file, shown, g_strerror(errsv));
    g_free(shown);
    return false;
}

/* Reads the file into the window after its first `kept` bytes until the
 * window is full or the file ends. */
static bool fill_window(fr_table *t, gsize kept, GError **error)
{
    t->len = kept;
    while (t->len < t->cap && !t->at_end) {
        ssize_t n = read(t->fd, t->contents + t->len, t->cap - t->len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return read_failed(t, errno, error);
        t->at_end = n == 0;
        t->len += (gsize)n;
    }
    return true;
}

/* Gives the reader the window's whole records (all of it at the end). */
static void hand_window(fr_table *t, size_t pos)
{
    size_t whole = t->at_end ? t->len : fr_csv_complete_records(t->contents, t->len);
    fr_csv_reader_set_window(&t->csv, t->contents, whole, !t->at_end);
    t->csv.pos = pos;
}

/* The reader has read the window: keeps what it has not, reads on. */
static bool next_window(fr_table *t, GError **error)
{
    gsize done = MIN(t->csv.pos, t->len), kept = t->len - done;
    memmove(t->contents, t->contents + done, kept);
    if (kept == t->cap) { /* not one whole record in it */
        t->cap *= 2;
        t->contents = g_realloc(t->contents, t->cap);
    }
    if (!fill_window(t, kept, error))
        return false;
    hand_window(t, 0);
    return true;
}

/* Opens a directory's regular file and reads its first window; false,
 * with nothing open, for any other file or source, which is then read
 * whole (as the source reads it, which reports why it cannot be read). */
static bool open_streaming(fr_table *t, const fr_file_source *source, const char *file)
{
    if (source->read != read_from_dir)
        return false;
    char *path = g_build_filename((const char *)source->context, file, NULL);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        if (fd >= 0)
            close(fd);
        g_free(path);
        return false;
    }
    t->streaming = true;
    t->fd = fd;
    t->path = path;
    t->cap = WINDOW_BYTES;
    t->contents = g_malloc(t->cap);
    return true;
}

/* The next record, reading windows as the reader asks for them. */
static int next_record(fr_table *t, GError **error)
{
    int status;
    while ((status = fr_csv_reader_next(&t->csv, error)) == FR_CSV_NEED_MORE)
        if (!next_window(t, error))
            return -1;
    return status;
}

/* How many line feeds the file holds, read through once more (for sizing:
 * what a failing read missed is not counted, the load then reports it). */
static size_t count_file_lines(const fr_table *t)
{
    char *buffer = g_malloc(WINDOW_BYTES);
    size_t lines = 0;
    off_t offset = 0;
    for (;;) {
        ssize_t n = pread(t->fd, buffer, WINDOW_BYTES, offset);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        for (const char *p = buffer, *end = buffer + n; (p = memchr(p, '\n', (size_t)(end - p)));
             p++)
            lines++;
        offset += n;
    }
    g_free(buffer);
    return lines;
}

/* ---- the header ------------------------------------------------------------ */

/* Reads the header: no name twice, the first `n_required` known columns there. */
static bool read_header(fr_table *t, int n_required, GError **error)
{
    int status = next_record(t, error);
    if (status < 0)
        return false;
    if (status == 0) {
        t->csv.record_line = 1;
        return fr_table_error(t, error, "empty file: expected a header row");
    }
    t->n_columns = t->csv.fields->len;
    char **names = (char **)t->csv.fields->pdata;
    for (guint i = 0; i < t->n_columns; i++) {
        names[i] = g_strstrip(names[i]);
        for (guint j = 0; j < i; j++)
            if (strcmp(names[j], names[i]) == 0)
                return fr_table_error(t, error, "column '%s' appears twice in the header",
                                      names[i]);
    }
    for (int k = 0; t->known[k]; k++) {
        t->pos[k] = -1;
        for (guint i = 0; i < t->n_columns && t->pos[k] < 0; i++)
            if (strcmp(names[i], t->known[k]) == 0)
                t->pos[k] = (int)i;
    }
    for (int k = 0; k < n_required; k++)
        if (t->pos[k] < 0)
            return fr_table_error(t, error, "missing column '%s'", t->known[k]);
    return true;
}

/* The file source of a directory on disk. */
static bool read_from_dir(void *context, const char *file, char **contents, gsize *len,
                          bool *missing, GError **error)
{
    char *path = g_build_filename((const char *)context, file, NULL);
    GError *io_error = NULL;
    bool ok = g_file_get_contents(path, contents, len, &io_error);
    g_free(path);
    if (!ok && g_error_matches(io_error, G_FILE_ERROR, G_FILE_ERROR_NOENT)) {
        *missing = true;
        ok = true;
    } else if (!ok) {
        g_set_error(error, FR_ERROR, FR_ERROR_IO, "%s: cannot read (%s)", file,
                    io_error->message);
    }
    g_clear_error(&io_error);
    return ok;
}

fr_file_source fr_file_source_dir(const char *dir)
{
    return (fr_file_source){read_from_dir, (void *)dir, dir};
}

bool fr_table_open(fr_table *t, const fr_file_source *source, const char *file,
                   const char *const *known, int n_required, bool optional, bool *present,
                   GError **error)
{
    memset(t, 0, sizeof *t);
    t->file = file;
    t->known = known;
    bool missing = false;
    if (open_streaming(t, source, file)) {
        *present = true;
        if (!fill_window(t, 0, error))
            return false;
        fr_csv_reader_init(&t->csv, file, t->contents, t->len); /* skips a BOM */
        hand_window(t, t->csv.pos);
        return read_header(t, n_required, error);
    }
    if (!source->read(source->context, file, &t->contents, &t->len, &missing, error))
        return false;
    if (missing && optional) {
        *present = false;
        return true;
    }
    if (missing) { /* from rows in memory, a file without rows is bad data, not I/O */
        g_set_error(error, FR_ERROR,
                    fr_file_source_numbers_rows(source) ? FR_ERROR_INVALID : FR_ERROR_IO,
                    "%s: required file is missing from %s", file, source->where);
        return false;
    }
    *present = true;
    t->numbered_rows = fr_file_source_numbers_rows(source);
    fr_csv_reader_init(&t->csv, file, t->contents, t->len);
    return read_header(t, n_required, error);
}

size_t fr_table_max_rows(const fr_table *t)
{
    if (t->streaming)
        return count_file_lines(t) + 1;
    size_t lines = 0;
    for (const char *p = t->contents, *end = t->contents + t->len;
         (p = memchr(p, '\n', (size_t)(end - p))); p++)
        lines++;
    return lines + 1;
}

/* The cell from s to end (its NUL) without the ASCII white space around it:
 * what g_strstrip leaves, without moving the text. */
static char *strip(char *s, char *end)
{
    while (s < end && g_ascii_isspace(*s))
        s++;
    while (end > s && g_ascii_isspace(end[-1]))
        *--end = '\0';
    return s;
}

int fr_table_next(fr_table *t, GError **error)
{
    int status = next_record(t, error);
    t->row += status > 0;
    guint n = status > 0 ? t->csv.fields->len : 0;
    if (status > 0 && n != t->n_columns) {
        fr_table_error(t, error, "%u fields, but the header has %u", n, t->n_columns);
        return -1;
    }
    /* the reader keeps a record's fields one after the other, each with its NUL */
    char **cells = (char **)t->csv.fields->pdata;
    for (guint i = 0; i < n; i++)
        cells[i] = strip(cells[i], (i + 1 < n ? cells[i + 1] : t->csv.text + t->csv.text_len) - 1);
    return status;
}

/* ---- cells --------------------------------------------------------------- */

bool fr_table_number_cell(const fr_table *t, int col, bool required, double fallback,
                          fr_bound lower, double *out, GError **error)
{
    const char *text = fr_table_cell(t, col), *column = t->known[col];
    double value;
    if (*text == '\0') {
        if (required)
            return fr_table_error(t, error, "missing value in required column '%s'", column);
        *out = fallback;
        return true;
    }
    if (!fr_parse_decimal(text, &value))
        return fr_table_error(t, error, "column '%s': '%s' is not a plain decimal number",
                              column, text);
    if (!isfinite(value))
        return fr_table_error(t, error, "column '%s': '%s' is out of range", column, text);
    if (lower == FR_ABOVE_ZERO && !(value > 0))
        return fr_table_error(t, error, "column '%s' must be greater than 0 (got %s)", column,
                              text);
    if (lower == FR_AT_LEAST_ZERO && value < 0)
        return fr_table_error(t, error, "column '%s' must not be negative (got %s)", column,
                              text);
    *out = value;
    return true;
}

static bool id_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '.' || c == ':' || c == '-';
}

static bool valid_id(const char *id)
{
    size_t len = 0;
    while (len <= 64 && id_char((unsigned char)id[len]))
        len++;
    return len >= 1 && len <= 64 && id[len] == '\0';
}

bool fr_table_id_cell(const fr_table *t, int col, const char **out, GError **error)
{
    if (!fr_table_required_cell(t, col, out, error))
        return false;
    if (!valid_id(*out))
        return fr_table_error(t, error,
                              "column '%s': invalid id '%s' (use 1-64 characters of A-Z a-z "
                              "0-9 _ . : -)",
                              t->known[col], *out);
    return true;
}

bool fr_table_mode_cell(const fr_table *t, int col, fr_mode *out, GError **error)
{
    const char *text;
    if (!fr_table_required_cell(t, col, &text, error))
        return false;
    if (!fr_mode_from_name(text, out))
        return fr_table_error(
            t, error, "column '%s': unknown mode '%s' (expected rail, road, river, sea, air)",
            t->known[col], text);
    return true;
}
