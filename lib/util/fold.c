/* fold.c - folding text for comparison (accents and case ignored), the edit
 * distance between folded strings, and ranking candidates by closeness to
 * a text for lookups and "did you mean" hints (fold.h). */
#include "fold.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Latin letters with a stroke or without a dot that NFD leaves whole, and
 * the base letter a person without them types. */
static gunichar undecomposed_base(gunichar c)
{
    switch (c) {
    case 0x0141: return 'L'; /* Ł */
    case 0x0142: return 'l'; /* ł */
    case 0x00D8: return 'O'; /* Ø */
    case 0x00F8: return 'o'; /* ø */
    case 0x0110: return 'D'; /* Đ */
    case 0x0111: return 'd'; /* đ */
    case 0x0126: return 'H'; /* Ħ */
    case 0x0127: return 'h'; /* ħ */
    case 0x0166: return 'T'; /* Ŧ */
    case 0x0167: return 't'; /* ŧ */
    case 0x0131: return 'i'; /* ı */
    default: return c;
    }
}

static bool is_mark(gunichar c)
{
    return g_unichar_combining_class(c) != 0 || g_unichar_type(c) == G_UNICODE_NON_SPACING_MARK;
}

char *fr_fold(const char *text)
{
    if (!text || !g_utf8_validate(text, -1, NULL))
        return NULL;
    char *decomposed = g_utf8_normalize(text, -1, G_NORMALIZE_NFD);
    if (!decomposed)
        return NULL;
    GString *bare = g_string_sized_new(strlen(decomposed));
    for (const char *p = decomposed; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (!is_mark(c))
            g_string_append_unichar(bare, undecomposed_base(c));
    }
    g_free(decomposed);
    char *folded = g_utf8_casefold(bare->str, (gssize)bare->len);
    g_string_free(bare, TRUE);
    return folded;
}

size_t fr_fold_distance(const char *a, const char *b)
{
    glong na = 0, nb = 0;
    gunichar *ua = g_utf8_to_ucs4_fast(a ? a : "", -1, &na);
    gunichar *ub = g_utf8_to_ucs4_fast(b ? b : "", -1, &nb);
    size_t *row = g_new(size_t, (gsize)nb + 1); /* distances from a[0..i) to b[0..j) */
    for (glong j = 0; j <= nb; j++)
        row[j] = (size_t)j;
    for (glong i = 1; i <= na; i++) {
        size_t diagonal = row[0]; /* row i-1, column j-1 */
        row[0] = (size_t)i;
        for (glong j = 1; j <= nb; j++) {
            size_t above = row[j];
            size_t best = MIN(above, row[j - 1]) + 1;
            best = MIN(best, diagonal + (ua[i - 1] != ub[j - 1]));
            diagonal = above;
            row[j] = best;
        }
    }
    size_t distance = row[nb];
    g_free(row);
    g_free(ua);
    g_free(ub);
    return distance;
}

/* The score of one folded string (see fr_fold_score). */
static size_t score_string(const char *folded_text, const char *folded)
{
    if (g_str_equal(folded, folded_text))
        return 0;
    if (folded_text[0] && g_str_has_prefix(folded, folded_text))
        return 1;
    return 2 + 2 * fr_fold_distance(folded_text, folded);
}

/* The best score over the words (runs of letters and digits) of a folded name. */
static size_t score_words(const char *folded_text, const char *folded_name)
{
    size_t best = SIZE_MAX;
    GString *word = g_string_new(NULL);
    for (const char *p = folded_name;; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (c && g_unichar_isalnum(c)) {
            g_string_append_unichar(word, c);
            continue;
        }
        if (word->len)
            best = MIN(best, score_string(folded_text, word->str));
        g_string_truncate(word, 0);
        if (!c)
            break;
    }
    g_string_free(word, TRUE);
    return best;
}

size_t fr_fold_score(const char *folded_text, fr_fold_entry entry)
{
    size_t best = SIZE_MAX;
    const char *strings[2] = {entry.id, entry.name};
    for (int k = 0; k < 2; k++) {
        char *folded = fr_fold(strings[k]);
        if (!folded)
            continue;
        best = MIN(best, score_string(folded_text, folded));
        if (k == 1)
            best = MIN(best, score_words(folded_text, folded));
        g_free(folded);
    }
    return best;
}

bool fr_fold_score_is_close(const char *folded_text, size_t score)
{
    if (score <= 1)
        return true;
    size_t allowed = MAX(2, (size_t)g_utf8_strlen(folded_text, -1) / 3);
    return (score - 2) / 2 <= allowed;
}

typedef struct {
    size_t score, index;
} scored;

static int by_score(const void *a, const void *b)
{
    const scored *x = a, *y = b;
    if (x->score != y->score)
        return x->score < y->score ? -1 : 1;
    return x->index < y->index ? -1 : x->index > y->index;
}

size_t fr_fold_rank(const char *text, const void *items, size_t n, fr_fold_entry_at at,
                    bool close_only, size_t *out, size_t max)
{
    char *folded_text = fr_fold(text);
    if (!folded_text || max == 0 || n == 0) {
        g_free(folded_text);
        return 0;
    }
    scored *all = g_new(scored, n);
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        size_t score = fr_fold_score(folded_text, at(items, i));
        if (!close_only || fr_fold_score_is_close(folded_text, score))
            all[kept++] = (scored){score, i};
    }
    qsort(all, kept, sizeof *all, by_score);
    size_t count = MIN(kept, max);
    for (size_t i = 0; i < count; i++)
        out[i] = all[i].index;
    g_free(all);
    g_free(folded_text);
    return count;
}

void fr_fold_append_hint(GString *msg, const char *text, const void *items, size_t n,
                         fr_fold_entry_at at)
{
    size_t best[3];
    size_t count = fr_fold_rank(text, items, n, at, true, best, G_N_ELEMENTS(best));
    for (size_t i = 0; i < count; i++) {
        fr_fold_entry e = at(items, best[i]);
        const char *joint = i == 0 ? "; did you mean " : i + 1 == count ? " or " : ", ";
        g_string_append_printf(msg, "%s'%s'", joint, e.id);
        if (e.name)
            g_string_append_printf(msg, " (%s)", e.name);
    }
    if (count)
        g_string_append_c(msg, '?');
}
