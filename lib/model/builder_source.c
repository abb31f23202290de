/* builder_source.c - the rows of a network built in memory (builder_source.h):
 * each file's columns (those of its first row) and rows of cells, and the
 * file source that writes a file out as CSV text (every cell quoted, so
 * commas, quotes and line breaks survive) for the loader to read. */
#include "builder_source.h"
#include "csv.h"

#include <string.h>

static const char *const store_files[] = {"nodes.csv",   "links.csv",    "transfers.csv",
                                          "modes.csv",   "network.csv",  "services.csv",
                                          "closures.csv"};
#define N_STORE_FILES G_N_ELEMENTS(store_files)

/* One file: its columns and rows (NULL-terminated arrays of as many cells). */
typedef struct {
    GPtrArray *columns; /* char * */
    GPtrArray *rows;    /* char **, g_strfreev */
} store_file;

struct fr_row_store {
    store_file files[N_STORE_FILES];
};

fr_row_store *fr_row_store_new(void)
{
    fr_row_store *store = g_new0(fr_row_store, 1);
    for (size_t f = 0; f < N_STORE_FILES; f++) {
        store->files[f].columns = g_ptr_array_new_with_free_func(g_free);
        store->files[f].rows = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
    }
    return store;
}

void fr_row_store_free(fr_row_store *store)
{
    if (!store)
        return;
    for (size_t f = 0; f < N_STORE_FILES; f++) {
        g_ptr_array_free(store->files[f].columns, TRUE);
        g_ptr_array_free(store->files[f].rows, TRUE);
    }
    g_free(store);
}

static store_file *find_file(fr_row_store *store, const char *file)
{
    for (size_t f = 0; file && f < N_STORE_FILES; f++)
        if (strcmp(store_files[f], file) == 0)
            return &store->files[f];
    return NULL;
}

static long column_position(const store_file *sf, const char *column)
{
    for (guint c = 0; c < sf->columns->len; c++)
        if (strcmp(g_ptr_array_index(sf->columns, c), column) == 0)
            return (long)c;
    return -1;
}

/* The row's column names: present, each once, and (after the first row)
 * among the file's columns. */
static bool check_columns(const store_file *sf, const char *file, const char *const *columns,
                          size_t n, GError **error)
{
    for (size_t i = 0; i < n; i++) {
        if (!columns[i] || !*columns[i]) {
            g_set_error(error, FR_ERROR, FR_ERROR_QUERY, "%s: column %zu of the row has no name",
                        file, i + 1);
            return false;
        }
        for (size_t j = 0; j < i; j++)
            if (strcmp(columns[j], columns[i]) == 0) {
                g_set_error(error, FR_ERROR, FR_ERROR_QUERY, "%s: column '%s' is given twice",
                            file, columns[i]);
                return false;
            }
        if (sf->rows->len > 0 && column_position(sf, columns[i]) < 0) {
            g_set_error(error, FR_ERROR, FR_ERROR_QUERY,
                        "%s: column '%s' is not in the file's first row", file, columns[i]);
            return false;
        }
    }
    return true;
}

bool fr_row_store_add(fr_row_store *store, const char *file, const char *const *columns,
                      const char *const *values, size_t n, GError **error)
{
    store_file *sf = find_file(store, file);
    if (!sf) {
        g_set_error(error, FR_ERROR, FR_ERROR_QUERY,
                    "unknown file '%s' (expected nodes.csv, links.csv, transfers.csv, "
                    "modes.csv, network.csv, services.csv or closures.csv)",
                    file ? file : "(null)");
        return false;
    }
    if (!check_columns(sf, file, columns, n, error))
        return false;
    if (sf->rows->len == 0)
        for (size_t i = 0; i < n; i++)
            g_ptr_array_add(sf->columns, g_strdup(columns[i]));
    char **row = g_new0(char *, sf->columns->len + 1);
    for (size_t i = 0; i < n; i++)
        row[column_position(sf, columns[i])] = g_strdup(values[i] ? values[i] : "");
    for (guint c = 0; c < sf->columns->len; c++)
        if (!row[c])
            row[c] = g_strdup("");
    g_ptr_array_add(sf->rows, row);
    return true;
}

/* ---- the file source ------------------------------------------------------ */

/* Appends one record of n cells; row `row` (0: the columns) must be UTF-8. */
static bool append_record(GString *out, const char *file, char **cells, guint n, guint row,
                          const GPtrArray *columns, GError **error)
{
    for (guint c = 0; c < n; c++) {
        if (!g_utf8_validate(cells[c], -1, NULL)) {
            if (row == 0)
                g_set_error(error, FR_ERROR, FR_ERROR_INVALID,
                            "%s row 1: column name %u is not valid UTF-8", file, c + 1);
            else
                g_set_error(error, FR_ERROR, FR_ERROR_INVALID,
                            "%s row %u: the value of column '%s' is not valid UTF-8", file, row,
                            (const char *)g_ptr_array_index(columns, c));
            return false;
        }
        if (c > 0)
            g_string_append_c(out, ',');
        fr_csv_append_field(out, cells[c], true);
    }
    g_string_append_c(out, '\n');
    return true;
}

static bool read_from_store(void *context, const char *file, char **contents, gsize *len,
                            bool *missing, GError **error)
{
    store_file *sf = find_file(context, file);
    if (!sf || sf->rows->len == 0) {
        *missing = true;
        return true;
    }
    GString *out = g_string_new(NULL);
    bool ok = append_record(out, file, (char **)sf->columns->pdata, sf->columns->len, 0,
                            sf->columns, error);
    for (guint r = 0; ok && r < sf->rows->len; r++)
        ok = append_record(out, file, g_ptr_array_index(sf->rows, r), sf->columns->len, r + 1,
                           sf->columns, error);
    if (!ok) {
        g_string_free(out, TRUE);
        return false;
    }
    *len = out->len;
    *contents = g_string_free(out, FALSE);
    return true;
}

fr_file_source fr_row_store_source(const fr_row_store *store)
{
    return (fr_file_source){read_from_store, (void *)store, "the network builder"};
}

bool fr_file_source_numbers_rows(const fr_file_source *source)
{
    return source && source->read == read_from_store;
}
