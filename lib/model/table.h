/* table.h - one CSV file of a network (FORMAT.md §1) read as a table: its
 * header checked and the columns the loader knows found in it once, then
 * row by row, each cell reached by its known column and checked as a
 * required value, a number, an id or a mode. Every problem is an
 * FR_ERROR_INVALID whose message starts "<file>:<line>: " ("<file> row <n>: "
 * for the rows of a network built in memory). */
#ifndef FR_TABLE_H
#define FR_TABLE_H

#include "csv.h"
#include "model.h"

#include <stdint.h>

#define FR_TABLE_MAX_COLUMNS 16

/* One CSV file being read: its records, and where its known columns are. */
typedef struct {
    const char *file; /* "links.csv", for messages */
    char *contents;   /* the file, or with `streaming` a window of it */
    gsize len;        /* bytes in contents */
    /* A directory's regular file is read a window at a time (table.c),
     * never mapped: a file truncated while mapped faults with SIGBUS. */
    bool streaming;
    bool at_end;  /* streaming: the window holds the end of the file */
    int fd;       /* streaming: the open file */
    char *path;   /* streaming: its path, for messages */
    gsize cap;    /* streaming: the window's size */
    fr_csv_reader csv;
    const char *const *known; /* the columns read from this file, NULL-terminated */
    int pos[FR_TABLE_MAX_COLUMNS]; /* each one's position in the header, or -1 */
    guint n_columns;
    /* Rows in memory (builder_source.h) are named by number, "links.csv row 3"
     * (the third data row), instead of "links.csv:4". */
    bool numbered_rows;
    size_t row; /* data rows read so far */
} fr_table;

/* Opens `file` of `source` (a directory's file read a window at a time,
 * other sources' whole; never mapped) and
 * reads its header: no name twice, the first `n_required` of the `known`
 * columns (at most FR_TABLE_MAX_COLUMNS, NULL-terminated, kept by
 * reference) present. A missing file is an FR_ERROR_IO (FR_ERROR_INVALID
 * from rows in memory, builder_source.h) unless `optional`:
 * then *present is false and the table has no rows. Close the table after,
 * whatever this returns. */
bool fr_table_open(fr_table *t, const fr_file_source *source, const char *file,
                   const char *const *known, int n_required, bool optional, bool *present,
                   GError **error);

/* Next data row: 1 row, 0 end, -1 error. Rows must have the header's width;
 * their cells are stripped of surrounding spaces here, once. */
int fr_table_next(fr_table *t, GError **error);

/* Frees what the table holds; it is all zero after. */
void fr_table_close(fr_table *t);

/* Sets an FR_ERROR_INVALID "<file>:<line of the row>: <problem>" and
 * returns false. */
bool fr_table_error(const fr_table *t, GError **error, const char *format, ...)
    G_GNUC_PRINTF(3, 4);

/* At most how many rows the file has: its line breaks plus one (the header
 * counted), for sizing what its rows fill. */
size_t fr_table_max_rows(const fr_table *t);

/* The line the current row starts on (its number for numbered rows). */
static inline uint32_t fr_table_line(const fr_table *t)
{
    return (uint32_t)(t->numbered_rows ? t->row : t->csv.record_line);
}

/* What fr_table_line() counts, for messages: "line" or "row". */
static inline const char *fr_table_unit(const fr_table *t)
{
    return t->numbered_rows ? "row" : "line";
}

/* Where the current row is, for messages: "links.csv:4" or, for numbered
 * rows, "links.csv row 3" (the header: row 1, the columns of the first
 * row). g_free it. */
char *fr_table_where(const fr_table *t);

/* The row's cell in known column `col`; "" when the file has no such column. */
static inline const char *fr_table_cell(const fr_table *t, int col)
{
    int pos = t->pos[col];
    return pos >= 0 ? g_ptr_array_index(t->csv.fields, pos) : "";
}

/* The cell in *out; an error when it is empty. */
static inline bool fr_table_required_cell(const fr_table *t, int col, const char **out,
                                          GError **error)
{
    *out = fr_table_cell(t, col);
    if (**out == '\0')
        return fr_table_error(t, error, "missing value in required column '%s'", t->known[col]);
    return true;
}

/* The lower bound a number cell must respect. */
typedef enum { FR_ANY_VALUE, FR_AT_LEAST_ZERO, FR_ABOVE_ZERO } fr_bound;

/* Reads a plain decimal number (number.h) in column `col`, finite and
 * within `lower`; an empty cell is an error when `required` and gives
 * `fallback` otherwise. */
bool fr_table_number_cell(const fr_table *t, int col, bool required, double fallback,
                          fr_bound lower, double *out, GError **error);

/* A required id: 1-64 characters of A-Z a-z 0-9 _ . : - */
bool fr_table_id_cell(const fr_table *t, int col, const char **out, GError **error);

/* A required mode, by name (rail, road, river, sea, air). */
bool fr_table_mode_cell(const fr_table *t, int col, fr_mode *out, GError **error);

#endif /* FR_TABLE_H */
