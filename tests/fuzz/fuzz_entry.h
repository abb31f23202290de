/* fuzz_entry.h - the fuzz targets' entry points (one per target, each
 * taking libFuzzer's arbitrary bytes) and what they share: splitting one
 * input into named sections, and the check that stops a run when an
 * invariant breaks. fuzz_main.c turns one entry into a libFuzzer target;
 * tests/test_fuzz_corpus.c runs all of them over the committed corpus in
 * the normal builds. */
#ifndef FR_FUZZ_ENTRY_H
#define FR_FUZZ_ENTRY_H

#include "freightroute.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

/* The CSV reader over the bytes (fuzz_csv.c). */
int fr_fuzz_csv(const uint8_t *data, size_t size);
/* The bytes split into a network's files, loaded, routed, rendered (fuzz_loader.c). */
int fr_fuzz_loader(const uint8_t *data, size_t size);
/* The network the input's sections describe, read from memory as
 * fr_fuzz_loader() reads it; NULL with the loader's error. */
fr_network *fr_fuzz_load_sections(const uint8_t *data, size_t size, GError **error);
/* Mode lists, criteria, date-times and scenario files, one section each
 * (fuzz_query.c). */
int fr_fuzz_query(const uint8_t *data, size_t size);
/* The input's lines (or NUL-separated words) as an argv for the programs'
 * shared option layer in examples/: parsed, checked, resolved and routed
 * on the embedded network (fuzz_options.c). */
int fr_fuzz_options(const uint8_t *data, size_t size);

/* One section of an input: the text after a line "=== NAME" up to the
 * next such line (its line break included). */
typedef struct {
    char name[64];
    const uint8_t *data;
    size_t len;
} fr_fuzz_section;

#define FR_FUZZ_MAX_SECTIONS 16

/* Splits the input at its "=== NAME" lines into at most `max` sections, in
 * order (text before the first marker is dropped, as are sections beyond
 * `max`); returns how many. */
size_t fr_fuzz_split(const uint8_t *data, size_t size, fr_fuzz_section *out, size_t max);

/* A NUL-terminated copy of a section's text (g_free); a NUL inside ends
 * the string early, as a C caller's would. */
char *fr_fuzz_section_text(const fr_fuzz_section *section);

/* A broken invariant is a finding: abort, so libFuzzer keeps the input and
 * the corpus test fails. */
#define FR_FUZZ_CHECK(condition)                                                           \
    do {                                                                                   \
        if (!(condition))                                                                  \
            fr_fuzz_fail(__FILE__, __LINE__, #condition);                                  \
    } while (0)
void fr_fuzz_fail(const char *file, int line, const char *condition);

#endif /* FR_FUZZ_ENTRY_H */
