/* test_id_index.c - the model's compact id index (lib/model/id_table.h)
 * against GLib's GHashTable as the independent method: random id sets of
 * many sizes (around every capacity boundary), every present id found with
 * its row, absent ids (random, prefixes and extensions of present ones, the
 * empty id) not found; ids crafted to start in the same slot (collisions,
 * probing across the array's end); rebuilding a table larger and smaller;
 * rows of other sizes than a pointer; and the model's lookup after a load,
 * a copy and a scenario that closes nodes, against a scan of the nodes.
 * Reverse link ids: "<id>:rev" split by hand-made cases, and made once per
 * link however many threads ask (lib/model/model.c). */
#include "helpers.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "id_index.h"
#include "id_table.h"
#include "model.h"
#include "scenario.h"

/* A row as the table sees it: the id first, then anything. */
typedef struct {
    const char *id;
    double payload[3];
} wide_row;

/* A random id of 1 to 12 characters from a small alphabet (so that ids
 * share prefixes and some repeat). */
static char *random_id(uint64_t *state)
{
    static const char alphabet[] = "ABCN01_-:";
    size_t len = 1 + test_random(state) % 12;
    char *id = g_malloc(len + 1);
    for (size_t i = 0; i < len; i++)
        id[i] = alphabet[test_random(state) % (sizeof alphabet - 1)];
    id[len] = '\0';
    return id;
}

/* The table's answer for `id` must be the reference's. */
static void expect_same(const fr_id_table *table, const GArray *rows, GHashTable *reference,
                        const char *id)
{
    gpointer value = g_hash_table_lookup(reference, id);
    long want = value ? (long)GPOINTER_TO_UINT(value) - 1 : -1;
    long got = fr_id_table_find(table, rows, id);
    if (got != want)
        fail_msg("id '%s': found %ld, expected %ld", id, got, want);
}

/* Capacity a power of two, at most half full, count right. */
static void expect_shape(const fr_id_table *table, size_t rows)
{
    size_t cap = table->mask + 1;
    assert_int_equal(cap & (cap - 1), 0);
    assert_true(2 * rows <= cap);
    assert_int_equal(table->count, rows);
    assert_int_equal(fr_id_table_bytes(table), cap * sizeof(uint32_t));
    size_t used = 0;
    for (size_t i = 0; i < cap; i++)
        used += table->slots[i] != 0;
    assert_int_equal(used, rows);
}

/* `n` distinct random ids as rows of `rows` (the strings in `owned`), and
 * the reference index of them. */
static GHashTable *random_rows(uint64_t *state, size_t n, GArray *rows, GPtrArray *owned)
{
    GHashTable *reference = g_hash_table_new(g_str_hash, g_str_equal);
    while (g_hash_table_size(reference) < n) {
        char *id = random_id(state);
        if (n > 2000) { /* the small alphabet has too few short ids: number them */
            char *longer = g_strdup_printf("%s%zu", id, (size_t)g_hash_table_size(reference));
            g_free(id);
            id = longer;
        }
        if (g_hash_table_contains(reference, id)) {
            g_free(id);
            continue;
        }
        g_ptr_array_add(owned, id);
        wide_row row = {.id = id};
        g_array_append_val(rows, row);
        g_hash_table_insert(reference, id, GUINT_TO_POINTER(rows->len));
    }
    return reference;
}

static void check_random_set(uint64_t *state, size_t n)
{
    GArray *rows = g_array_new(FALSE, TRUE, sizeof(wide_row));
    GPtrArray *owned = g_ptr_array_new_with_free_func(g_free);
    GHashTable *reference = random_rows(state, n, rows, owned);
    fr_id_table table = {0};
    fr_id_table_build(&table, rows);
    expect_shape(&table, n);
    for (guint i = 0; i < rows->len; i++) {
        const char *id = g_array_index(rows, wide_row, i).id;
        /* a copy, so that a comparison of pointers would not pass */
        char *copy = g_strdup(id);
        assert_int_equal(fr_id_table_find(&table, rows, copy), (long)i);
        g_free(copy);
        char *longer = g_strconcat(id, "X", NULL);
        expect_same(&table, rows, reference, longer);
        g_free(longer);
        char *shorter = g_strndup(id, strlen(id) - 1);
        expect_same(&table, rows, reference, shorter);
        g_free(shorter);
    }
    for (int k = 0; k < 2000; k++) {
        char *id = random_id(state);
        expect_same(&table, rows, reference, id);
        g_free(id);
    }
    expect_same(&table, rows, reference, "");
    assert_int_equal(fr_id_table_find(&table, rows, NULL), -1);
    fr_id_table_clear(&table);
    assert_null(table.slots);
    assert_int_equal(fr_id_table_find(&table, rows, g_array_index(rows, wide_row, 0).id), -1);
    g_hash_table_destroy(reference);
    g_ptr_array_free(owned, TRUE);
    g_array_free(rows, TRUE);
}

static void test_random_sets(void **state)
{
    (void)state;
    uint64_t seed = 12;
    static const size_t sizes[] = {1, 2, 7, 8, 9, 15, 16, 17, 31, 32, 33, 100, 511, 512, 513,
                                   1000, 4096, 4097, 50000};
    for (size_t s = 0; s < G_N_ELEMENTS(sizes); s++)
        check_random_set(&seed, sizes[s]);
}

/* Never built, and built from no rows: nothing is found. */
static void test_empty(void **state)
{
    (void)state;
    GArray *rows = g_array_new(FALSE, TRUE, sizeof(wide_row));
    fr_id_table table = {0};
    assert_int_equal(fr_id_table_find(&table, rows, "A"), -1);
    assert_int_equal(fr_id_table_bytes(&table), 0);
    fr_id_table_build(&table, rows);
    expect_shape(&table, 0);
    assert_int_equal(fr_id_table_find(&table, rows, "A"), -1);
    assert_int_equal(fr_id_table_find(&table, rows, ""), -1);
    fr_id_table_clear(&table);
    fr_id_table_clear(&table); /* twice is harmless */
    g_array_free(rows, TRUE);
}

/* Ids that all start in the same slot (and ids that start in the last
 * slot, so that probes wrap around the array's end): each is found, and
 * absent ids with the same start slot are not. */
static void check_collisions(size_t target_slot)
{
    enum { WANT = 7, CAP = 16 }; /* 7 rows: capacity 16, mask 15 */
    GArray *rows = g_array_new(FALSE, TRUE, sizeof(const char *));
    GPtrArray *owned = g_ptr_array_new_with_free_func(g_free);
    GPtrArray *absent = g_ptr_array_new_with_free_func(g_free);
    for (unsigned k = 0; rows->len < WANT || absent->len < 20; k++) {
        char *id = g_strdup_printf("C%u", k);
        if ((fr_hash_id(id) & (CAP - 1)) != target_slot) {
            g_free(id);
        } else if (rows->len < WANT) {
            g_ptr_array_add(owned, id);
            g_array_append_val(rows, id);
        } else {
            g_ptr_array_add(absent, id);
        }
    }
    fr_id_table table = {0};
    fr_id_table_build(&table, rows);
    assert_int_equal(table.mask, CAP - 1);
    expect_shape(&table, WANT);
    for (guint i = 0; i < rows->len; i++)
        assert_int_equal(fr_id_table_find(&table, rows, g_array_index(rows, const char *, i)),
                         (long)i);
    for (guint i = 0; i < absent->len; i++)
        assert_int_equal(fr_id_table_find(&table, rows, g_ptr_array_index(absent, i)), -1);
    /* the run of 7 slots from target_slot, wrapping */
    for (size_t k = 0; k < WANT; k++)
        assert_int_not_equal(table.slots[(target_slot + k) & (CAP - 1)], 0);
    fr_id_table_clear(&table);
    g_ptr_array_free(absent, TRUE);
    g_ptr_array_free(owned, TRUE);
    g_array_free(rows, TRUE);
}

static void test_collisions(void **state)
{
    (void)state;
    check_collisions(3);
    check_collisions(15); /* wraps to slots 0..5 */
}

/* Built again from more rows and from fewer: the table follows the rows,
 * and nothing of the earlier build is found. */
static void test_rebuild(void **state)
{
    (void)state;
    uint64_t seed = 99;
    GArray *rows = g_array_new(FALSE, TRUE, sizeof(wide_row));
    GPtrArray *owned = g_ptr_array_new_with_free_func(g_free);
    GHashTable *reference = random_rows(&seed, 3000, rows, owned);
    fr_id_table table = {0};
    GArray *small = g_array_new(FALSE, TRUE, sizeof(wide_row));
    g_array_append_vals(small, rows->data, 10);
    fr_id_table_build(&table, small);
    expect_shape(&table, 10);
    fr_id_table_build(&table, rows); /* grows */
    expect_shape(&table, 3000);
    for (guint i = 0; i < rows->len; i++)
        expect_same(&table, rows, reference, g_array_index(rows, wide_row, i).id);
    /* shrinks: the last 10 rows, first in a new array */
    g_array_set_size(small, 0);
    g_array_append_vals(small, &g_array_index(rows, wide_row, 2990), 10);
    fr_id_table_build(&table, small);
    expect_shape(&table, 10);
    for (guint i = 0; i < rows->len; i++) {
        long want = i >= 2990 ? (long)(i - 2990) : -1;
        assert_int_equal(fr_id_table_find(&table, small, g_array_index(rows, wide_row, i).id),
                         want);
    }
    fr_id_table_clear(&table);
    g_array_free(small, TRUE);
    g_hash_table_destroy(reference);
    g_ptr_array_free(owned, TRUE);
    g_array_free(rows, TRUE);
}

/* The model's lookup against a scan of its nodes, for every node id and
 * for ids close to them. */
static void expect_model_lookup(const fr_model *m)
{
    for (guint i = 0; i < m->nodes->len; i++) {
        const char *id = FR_NODE(m, i)->id;
        char *copy = g_strdup(id);
        assert_int_equal(fr_model_node_lookup(m, copy), (long)i);
        g_free(copy);
        char *lower = g_ascii_strdown(id, -1);
        long want = -1;
        for (guint j = 0; j < m->nodes->len; j++)
            if (strcmp(FR_NODE(m, j)->id, lower) == 0)
                want = (long)j;
        assert_int_equal(fr_model_node_lookup(m, lower), want);
        g_free(lower);
        char *longer = g_strconcat(id, " ", NULL);
        assert_int_equal(fr_model_node_lookup(m, longer), -1);
        g_free(longer);
    }
    assert_int_equal(fr_model_node_lookup(m, NULL), -1);
    assert_int_equal(fr_model_node_lookup(m, ""), -1);
}

static void test_rev_id_base(void **state)
{
    (void)state;
    char base[FR_REV_ID_SIZE];
    assert_true(fr_rev_id_base("L1:rev", base));
    assert_string_equal(base, "L1");
    assert_true(fr_rev_id_base("L1:rev:rev", base));
    assert_string_equal(base, "L1:rev");
    const char *not_reverse[] = {":rev", "L1", "L1:re", "L1:REV", "rev", ""};
    for (size_t i = 0; i < G_N_ELEMENTS(not_reverse); i++)
        assert_false(fr_rev_id_base(not_reverse[i], base));
    char longest[64 + sizeof ":rev" + 1];
    memset(longest, 'a', 64); /* a base of 64 characters, the most an id has */
    strcpy(longest + 64, ":rev");
    assert_true(fr_rev_id_base(longest, base));
    assert_int_equal(strlen(base), 64);
    memset(longest, 'a', 65);
    strcpy(longest + 65, ":rev");
    assert_false(fr_rev_id_base(longest, base));
}

typedef struct {
    const fr_model *model;
    const char **out; /* per link: its reverse id, NULL for a one-way link */
} rev_id_asker;

/* Asks for every bidirectional link's reverse id. */
static gpointer ask_rev_ids(gpointer data)
{
    rev_id_asker *a = data;
    for (guint i = 0; i < a->model->links->len; i++)
        a->out[i] = FR_LINK(a->model, i)->bidirectional ? fr_model_rev_id(a->model, i) : NULL;
    return NULL;
}

static void test_model_rev_ids(void **state)
{
    (void)state;
    fr_model m;
    fr_model_init(&m);
    fr_file_source source = fr_file_source_dir(FR_TEST_DATA "/small");
    GError *error = NULL;
    assert_true(fr_model_load(&m, &source, &error));
    guint n = m.links->len;
    const char **first = g_new0(const char *, n), **second = g_new0(const char *, n);
    rev_id_asker a = {&m, first}, b = {&m, second};
    GThread *t1 = g_thread_new("rev1", ask_rev_ids, &a), *t2 = g_thread_new("rev2", ask_rev_ids, &b);
    g_thread_join(t1);
    g_thread_join(t2);
    guint bidirectional = 0;
    for (guint i = 0; i < n; i++) {
        const fr_link *l = FR_LINK(&m, i);
        if (!l->bidirectional)
            continue;
        bidirectional++;
        char *expected = g_strconcat(l->id, ":rev", NULL);
        assert_string_equal(first[i], expected);
        assert_ptr_equal(first[i], second[i]); /* made once */
        assert_ptr_equal(fr_model_rev_id(&m, i), first[i]);
        char buf[FR_REV_ID_SIZE];
        assert_string_equal(fr_link_rev_id_in(l, buf), expected);
        g_free(expected);
    }
    assert_true(bidirectional > 0);
    g_free(first);
    g_free(second);
    fr_model_clear(&m);
}

static void test_model(void **state)
{
    (void)state;
    fr_model m, copy;
    fr_model_init(&m);
    fr_file_source source = fr_file_source_dir(FR_TEST_DATA "/small");
    GError *error = NULL;
    assert_true(fr_model_load(&m, &source, &error));
    assert_null(error);
    assert_true(m.nodes->len > 2);
    assert_int_equal(m.node_index.count, m.nodes->len);
    expect_model_lookup(&m);
    fr_model_copy(&copy, &m);
    expect_model_lookup(&copy);

    /* a scenario closing the second node: the rows after it move down */
    char *closed = g_strdup(FR_NODE(&copy, 1)->id);
    fr_rule rule = {.line = 2, .select = g_strdup_printf("node:%s", closed),
                    .kind = FR_SELECT_NODE, .arg = closed, .op = FR_OP_CLOSE};
    fr_scenario scenario = {.name = "t", .file = "t.csv",
                            .rules = g_array_new(FALSE, TRUE, sizeof(fr_rule))};
    g_array_append_val(scenario.rules, rule);
    guint before = copy.nodes->len;
    assert_true(fr_scenario_apply_model(&copy, &scenario, &error));
    assert_null(error);
    assert_int_equal(copy.nodes->len, before - 1);
    assert_int_equal(copy.node_index.count, copy.nodes->len);
    assert_int_equal(fr_model_node_lookup(&copy, closed), -1);
    assert_int_equal(fr_model_node_lookup(&m, closed), 1);
    expect_model_lookup(&copy);
    g_array_free(scenario.rules, TRUE);
    g_free(rule.select);
    g_free(closed);
    fr_model_clear(&copy);
    fr_model_clear(&m);
    assert_int_equal(fr_model_node_lookup(&m, "CNCKG"), -1); /* cleared: all zero */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_random_sets),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_collisions),
        cmocka_unit_test(test_rebuild),
        cmocka_unit_test(test_model),
        cmocka_unit_test(test_rev_id_base),
        cmocka_unit_test(test_model_rev_ids),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
