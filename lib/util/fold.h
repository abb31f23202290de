/* fold.h - text compared the way people type it: folding (no accents, no
 * case), an edit distance between folded strings, and the ranking of
 * candidates (node ids and names, corridor labels) closest to a text, for
 * lookups and "did you mean" hints. Pure functions on strings: the layers
 * above say what the candidates are through a callback. */
#ifndef FR_FOLD_H
#define FR_FOLD_H

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>

/* `text` folded for comparison (g_free): NFD-normalised, combining marks
 * dropped, the Latin letters that NFD does not decompose mapped to their
 * base letter (ł→l, ø→o, đ→d, ħ→h, ŧ→t, ı→i; upper case too), then
 * case-folded ("Kuźnica", "KUZNICA" and "kuznica" fold alike, as do
 * "Małaszewicze" and "malaszewicze"). Invalid UTF-8 and NULL fold to NULL. */
char *fr_fold(const char *text);

/* Levenshtein distance between two (folded) UTF-8 strings, counted in
 * Unicode characters: insertions, deletions and substitutions cost 1. */
size_t fr_fold_distance(const char *a, const char *b);

/* A candidate's strings: an id and an optional name (NULL: none). */
typedef struct {
    const char *id, *name;
} fr_fold_entry;
typedef fr_fold_entry (*fr_fold_entry_at)(const void *items, size_t index);

/* How close a candidate is to a folded text (lower is closer): over its id,
 * its name and each word of its name, 0 for an equal string, 1 for a string
 * that starts with the text, else 2 + 2 x the edit distance. */
size_t fr_fold_score(const char *folded_text, fr_fold_entry entry);

/* Whether a score is close enough to suggest: a prefix match, or an edit
 * distance of at most max(2, characters of the text / 3). */
bool fr_fold_score_is_close(const char *folded_text, size_t score);

/* The indices of up to `max` of the n candidates closest to `text`,
 * closest first (ties: lower index first), into out; with `close_only`,
 * only those fr_fold_score_is_close() accepts. Returns how many. */
size_t fr_fold_rank(const char *text, const void *items, size_t n, fr_fold_entry_at at,
                    bool close_only, size_t *out, size_t max);

/* Appends "; did you mean 'CNCKG' (Chongqing)?" (or "'A' (a), 'B' (b) or
 * 'C' (c)", names left out when NULL) for the up to three close candidates
 * of fr_fold_rank(); nothing when none is close. */
void fr_fold_append_hint(GString *msg, const char *text, const void *items, size_t n,
                         fr_fold_entry_at at);

#endif /* FR_FOLD_H */
