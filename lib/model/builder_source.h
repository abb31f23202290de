/* builder_source.h - rows of a network's files kept in memory (the store
 * behind fr_network_builder), and a file source (model.h) that hands them
 * to the loader as CSV text, so that a network built in memory is read and
 * checked by the same loader as a directory. Its tables name rows by their
 * number ("links.csv row 3", the third row added) instead of file lines. */
#ifndef FR_BUILDER_SOURCE_H
#define FR_BUILDER_SOURCE_H

#include "model.h"

typedef struct fr_row_store fr_row_store;

fr_row_store *fr_row_store_new(void);
void fr_row_store_free(fr_row_store *store);

/* Adds a row of n (column, value) pairs to `file` (one of the files of
 * FORMAT.md §1 and §5); a NULL value is an empty cell. The file's columns
 * are those of its first row; a later row may leave some out (empty cells)
 * but not add any. FR_ERROR_QUERY, nothing added, for an unknown file, a
 * NULL or empty column name, a column given twice or not in the first row. */
bool fr_row_store_add(fr_row_store *store, const char *file, const char *const *columns,
                      const char *const *values, size_t n, GError **error);

/* A file source reading the store's files (the store must outlive it); a
 * file without rows is missing. */
fr_file_source fr_row_store_source(const fr_row_store *store);

/* Whether a source's tables name rows by number (a row store's) rather than
 * by the line they are on. */
bool fr_file_source_numbers_rows(const fr_file_source *source);

#endif /* FR_BUILDER_SOURCE_H */
