/* export.h - a model written out as a network directory (FORMAT.md §1 and
 * §5) that the loader reads back to the same model: every column the model
 * keeps, numbers in the shortest text that reads back to the same double. */
#ifndef FR_EXPORT_H
#define FR_EXPORT_H

#include "model.h"

/* Room for any double written by fr_export_number(). */
#define FR_NUMBER_TEXT_SIZE 40

/* The shortest decimal text (at least 15 significant digits' worth, %g
 * style, locale-independent) that reads back as exactly `value`; "inf" or
 * "nan" for what is not finite. Returns buf. */
const char *fr_export_number(double value, char buf[FR_NUMBER_TEXT_SIZE]);

/* Writes nodes.csv, links.csv, transfers.csv and modes.csv, and
 * network.csv, services.csv and closures.csv when the model has such rows,
 * into `dir`, creating it (and its parents). An existing directory that is
 * not empty is an FR_ERROR_IO unless `overwrite`; then those seven files
 * are replaced (one the model has no rows for is removed) and nothing else
 * is touched. The files are written beside their names first and renamed
 * at the end, so a failure leaves no file half-written (and removes a
 * directory it created; parents it made stay). FR_ERROR_INVALID, before
 * anything is written, when a row cannot be said in the files (a closure
 * of only the forward direction of a bidirectional link). */
bool fr_model_export(const fr_model *model, const char *dir, bool overwrite, GError **error);

#endif /* FR_EXPORT_H */
