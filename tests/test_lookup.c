/* test_lookup.c - finding nodes and corridors (issue 12): folding and the
 * edit distance against hand values and a recursive brute force; node and
 * corridor lookup on the default network and on hand networks with
 * ambiguous names; suggestions against a ranking written here; nearest
 * nodes against a chord-based great-circle brute force; read access
 * (transfers, factors, corridors, countries) against the CSV files read
 * here; the "did you mean" hints of query errors; and the renderer changes
 * (GeoJSON transfer points and totals, matrix "quantity_teu", per-TEU text
 * headers). */
#include "fold.h"
#include "helpers.h"
#include "minijson.h"

#include <math.h>
#include <string.h>

#define NODES_HDR "id,name,kind,country,lat,lon,dwell_h,dwell_usd\n"
#define LINKS_HDR "id,from,to,mode,distance_km,time_h,cost_usd,co2_kg,bidirectional,corridor\n"

static fr_network *default_net(void)
{
    GError *err = NULL;
    return expect_loaded(fr_network_load_default(&err), err);
}

static char *data_path(const char *file)
{
    return g_build_filename(FR_SOURCE_DIR, "lib", "data", file, NULL);
}

/* ---- an independent CSV reader (quotes, doubled quotes, CRLF) ------------- */

/* The records of a CSV text, each a NULL-terminated array of fields. */
static GPtrArray *csv_records(const char *text)
{
    GPtrArray *records = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
    GPtrArray *fields = g_ptr_array_new();
    GString *field = g_string_new(NULL);
    bool quoted = false;
    for (const char *p = text;; p++) {
        if (quoted && *p == '"' && p[1] == '"') {
            g_string_append_c(field, '"');
            p++;
        } else if (*p == '"') {
            quoted = !quoted;
        } else if (*p && (quoted || (*p != ',' && *p != '\n' && *p != '\r'))) {
            g_string_append_c(field, *p);
        } else if (*p == '\r') {
            continue;
        } else {
            g_ptr_array_add(fields, g_strdup(g_strstrip(field->str)));
            g_string_truncate(field, 0);
            if (*p != ',') {
                bool blank = fields->len == 1 && !((char *)fields->pdata[0])[0];
                g_ptr_array_add(fields, NULL);
                char **record = (char **)g_ptr_array_free(fields, FALSE);
                if (blank)
                    g_strfreev(record);
                else
                    g_ptr_array_add(records, record);
                fields = g_ptr_array_new();
            }
            if (!*p)
                break;
        }
    }
    g_ptr_array_free(fields, TRUE);
    g_string_free(field, TRUE);
    return records;
}

static GPtrArray *read_data_csv(const char *file)
{
    char *path = data_path(file);
    char *text = read_whole_file(path, NULL);
    GPtrArray *records = csv_records(text);
    g_free(text);
    g_free(path);
    return records;
}

/* Column index of `name` in the header record, -1 when absent. */
static int column(const GPtrArray *records, const char *name)
{
    char **header = g_ptr_array_index(records, 0);
    for (int i = 0; header[i]; i++)
        if (strcmp(header[i], name) == 0)
            return i;
    return -1;
}

static int by_strcmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted distinct non-empty strings of `texts` (which it sorts). */
static void sort_distinct(GPtrArray *texts)
{
    g_ptr_array_sort(texts, by_strcmp);
    guint kept = 0;
    for (guint i = 0; i < texts->len; i++) {
        const char *t = g_ptr_array_index(texts, i);
        if (t[0] && (kept == 0 || strcmp(t, g_ptr_array_index(texts, kept - 1)) != 0))
            texts->pdata[kept++] = (gpointer)t;
    }
    g_ptr_array_set_size(texts, kept);
}

static void expect_same_list(const char *const *got, const GPtrArray *want, const char *what)
{
    assert_non_null(got);
    size_t n = 0;
    for (; got[n]; n++)
        if (n >= want->len || strcmp(got[n], g_ptr_array_index(want, n)) != 0)
            fail_msg("%s[%zu] is '%s', expected '%s'", what, n, got[n],
                     n < want->len ? (const char *)g_ptr_array_index(want, n) : "(end)");
    if (n != want->len)
        fail_msg("%s has %zu entries, expected %u", what, n, want->len);
}

/* ---- folding and the edit distance --------------------------------------- */

static void expect_fold(const char *text, const char *want)
{
    char *got = fr_fold(text);
    if (!got || strcmp(got, want) != 0)
        fail_msg("fold('%s') is '%s', expected '%s'", text, got ? got : "(null)", want);
    g_free(got);
}

static void test_fold(void **state)
{
    (void)state;
    expect_fold("Duisburg", "duisburg");
    expect_fold("DUISBURG", "duisburg");
    expect_fold("Kuźnica", "kuznica");
    expect_fold("KUŹNICA", "kuznica");
    expect_fold("Kuz\xcc\x81nica", "kuznica"); /* z + combining acute, already decomposed */
    expect_fold("Constanța", "constanta");
    /* ł has no decomposition in NFD: folded to l by the table of fold.h */
    expect_fold("Małaszewicze", "malaszewicze");
    expect_fold("MAŁASZEWICZE", "malaszewicze");
    expect_fold("Ørsted Đakovo", "orsted dakovo");
    expect_fold("Straße", "strasse"); /* case folding, not lowering */
    expect_fold("Frankfurt (Oder)", "frankfurt (oder)");
    expect_fold("渝新欧", "渝新欧");
    expect_fold("", "");
    assert_null(fr_fold(NULL));
    assert_null(fr_fold("bad \xff utf-8"));
}

/* Levenshtein by its recursive definition (exponential: short strings only). */
static size_t brute_distance(const gunichar *a, size_t na, const gunichar *b, size_t nb)
{
    if (na == 0)
        return nb;
    if (nb == 0)
        return na;
    size_t best = brute_distance(a + 1, na - 1, b, nb) + 1;
    best = MIN(best, brute_distance(a, na, b + 1, nb - 1) + 1);
    return MIN(best, brute_distance(a + 1, na - 1, b + 1, nb - 1) + (a[0] != b[0]));
}

static void test_distance(void **state)
{
    (void)state;
    assert_int_equal(fr_fold_distance("kitten", "sitting"), 3);
    assert_int_equal(fr_fold_distance("flaw", "lawn"), 2);
    assert_int_equal(fr_fold_distance("", "abc"), 3);
    assert_int_equal(fr_fold_distance("abc", ""), 3);
    assert_int_equal(fr_fold_distance("same", "same"), 0);
    /* by character: ź is one character (two bytes) */
    assert_int_equal(fr_fold_distance("kuźnica", "kuznica"), 1);
    assert_int_equal(fr_fold_distance("渝新欧", "渝欧"), 1);

    const gunichar alphabet[] = {'a', 'b', 'c', 0x142 /* ł */};
    GRand *rng = g_rand_new_with_seed(12);
    for (int trial = 0; trial < 500; trial++) {
        gunichar a[7], b[7];
        size_t na = (size_t)g_rand_int_range(rng, 0, 7), nb = (size_t)g_rand_int_range(rng, 0, 7);
        for (size_t i = 0; i < na; i++)
            a[i] = alphabet[g_rand_int_range(rng, 0, 4)];
        for (size_t i = 0; i < nb; i++)
            b[i] = alphabet[g_rand_int_range(rng, 0, 4)];
        char *sa = g_ucs4_to_utf8(a, (glong)na, NULL, NULL, NULL);
        char *sb = g_ucs4_to_utf8(b, (glong)nb, NULL, NULL, NULL);
        size_t want = brute_distance(a, na, b, nb);
        if (fr_fold_distance(sa, sb) != want)
            fail_msg("distance('%s', '%s') is %zu, expected %zu", sa, sb,
                     fr_fold_distance(sa, sb), want);
        g_free(sa);
        g_free(sb);
    }
    g_rand_free(rng);
}

/* ---- node lookup ------------------------------------------------------------ */

static long lookup_ok(const fr_network *net, const char *text)
{
    GError *err = NULL;
    long index = fr_network_lookup_node(net, text, &err);
    if (index < 0)
        fail_msg("lookup '%s': %s", text, err ? err->message : "(no error)");
    assert_null(err);
    return index;
}

/* The lookup fails with FR_ERROR_QUERY; returns the message (g_free). */
static char *lookup_fails(const fr_network *net, const char *text)
{
    GError *err = NULL;
    long index = fr_network_lookup_node(net, text, &err);
    if (index >= 0)
        fail_msg("lookup '%s' found node %ld", text, index);
    assert_non_null(err);
    assert_int_equal(err->domain, FR_ERROR);
    assert_int_equal(err->code, FR_ERROR_QUERY);
    char *message = g_strdup(err->message);
    g_error_free(err);
    return message;
}

static void expect_contains(const char *text, const char *part)
{
    if (!strstr(text, part))
        fail_msg("'%s' does not contain '%s'", text, part);
}

static void test_lookup_default(void **state)
{
    (void)state;
    fr_network *net = default_net();
    long cnckg = fr_network_find_node(net, "CNCKG");
    assert_true(cnckg >= 0);
    assert_int_equal(lookup_ok(net, "CNCKG"), cnckg);
    assert_int_equal(lookup_ok(net, "cnckg"), cnckg);
    assert_int_equal(lookup_ok(net, "Chongqing"), cnckg);
    assert_int_equal(lookup_ok(net, "CHONGQING"), cnckg);
    long dedui = fr_network_find_node(net, "DEDUI");
    assert_int_equal(lookup_ok(net, "Duisburg"), dedui);
    assert_int_equal(lookup_ok(net, "duisburg"), dedui);
    assert_int_equal(lookup_ok(net, "DUISBURG"), dedui);
    assert_int_equal(lookup_ok(net, "kuznica"), fr_network_find_node(net, "PLKUZ"));
    assert_int_equal(lookup_ok(net, "Kuźnica"), fr_network_find_node(net, "PLKUZ"));
    assert_int_equal(lookup_ok(net, "malaszewicze"), fr_network_find_node(net, "PLMAL"));
    assert_int_equal(lookup_ok(net, "constanta"), fr_network_find_node(net, "ROCND"));
    assert_int_equal(lookup_ok(net, "cnckg:tjc"), fr_network_find_node(net, "CNCKG:TJC"));

    char *msg = lookup_fails(net, "cnckgg");
    expect_contains(msg, "unknown node 'cnckgg'; did you mean 'CNCKG' (Chongqing)");
    g_free(msg);
    msg = lookup_fails(net, "Duisbrug");
    expect_contains(msg, "unknown node 'Duisbrug'; did you mean 'DEDUI' (Duisburg)");
    g_free(msg);
    msg = lookup_fails(net, "zzzzzzzzzzzz");
    assert_string_equal(msg, "unknown node 'zzzzzzzzzzzz'"); /* nothing close */
    g_free(msg);
    fr_network_free(net);
}

/* Every node of the default network whose name is ASCII is found by its
 * name (any case) unless another node's id or name equals it ignoring ASCII
 * case: then the lookup names both. */
static void test_lookup_every_default_name(void **state)
{
    (void)state;
    fr_network *net = default_net();
    size_t n = fr_network_node_count(net);
    for (size_t i = 0; i < n; i++) {
        fr_node_info node;
        assert_true(fr_network_node(net, i, &node));
        bool ascii = true;
        for (const char *p = node.name; *p; p++)
            ascii = ascii && (unsigned char)*p < 0x80;
        if (!ascii || fr_network_find_node(net, node.name) >= 0)
            continue;
        size_t same = 0;
        for (size_t j = 0; j < n; j++) {
            fr_node_info other;
            fr_network_node(net, j, &other);
            same += g_ascii_strcasecmp(other.name, node.name) == 0 ||
                    g_ascii_strcasecmp(other.id, node.name) == 0;
        }
        char *upper = g_ascii_strup(node.name, -1);
        if (same == 1) {
            assert_int_equal(lookup_ok(net, node.name), i);
            assert_int_equal(lookup_ok(net, upper), i);
        } else {
            char *msg = lookup_fails(net, node.name);
            expect_contains(msg, "is ambiguous");
            expect_contains(msg, node.id);
            g_free(msg);
        }
        g_free(upper);
    }
    fr_network_free(net);
}

#define SPRING_NODES                                            \
    NODES_HDR "A1,Springfield,rail_terminal,US,40,-89,0,0\n"    \
              "A2,SPRINGFIELD,river_port,US,40.1,-89.1,0,0\n"   \
              "OGD,Ogdenville,city,US,41,-90,0,0\n"             \
              "ogdenville,North Haverbrook,city,US,42,-91,0,0\n" \
              "SHB,Shelbyville,city,US,43,-92,0,0\n"
#define SPRING_LINKS                                   \
    LINKS_HDR "L1,A1,A2,road,10,1,10,,1,Spring\n"      \
              "L2,A2,OGD,river,100,10,20,,1,spring\n"  \
              "L3,OGD,ogdenville,road,50,5,30,,1,Ogden\n" \
              "L4,ogdenville,SHB,road,60,6,40,,1,\n"

static void test_lookup_ambiguous(void **state)
{
    (void)state;
    fr_network *net = load_net_ok(SPRING_NODES, SPRING_LINKS, NULL, NULL);
    char *msg = lookup_fails(net, "springfield");
    assert_string_equal(msg, "'springfield' is ambiguous: A1 (Springfield, rail terminal), "
                             "A2 (SPRINGFIELD, river port)");
    g_free(msg);
    /* an exact id wins over a name that folds alike */
    assert_int_equal(lookup_ok(net, "ogdenville"), 3);
    msg = lookup_fails(net, "Ogdenville"); /* OGD's name, and ogdenville's id folded */
    expect_contains(msg, "OGD (Ogdenville, city)");
    expect_contains(msg, "ogdenville (North Haverbrook, city)");
    g_free(msg);
    assert_int_equal(lookup_ok(net, "north haverbrook"), 3);
    assert_int_equal(lookup_ok(net, "SHELBYVILLE"), 4);
    msg = lookup_fails(net, "Shelbyvile");
    assert_string_equal(msg, "unknown node 'Shelbyvile'; did you mean 'SHB' (Shelbyville)?");
    g_free(msg);

    /* misuse: NULL network or text */
    GError *err = NULL;
    assert_int_equal(fr_network_lookup_node(NULL, "A1", &err), -1);
    check_error(err, FR_ERROR_QUERY, NULL, "");
    g_clear_error(&err);
    assert_int_equal(fr_network_lookup_node(net, NULL, &err), -1);
    check_error(err, FR_ERROR_QUERY, NULL, "");
    g_clear_error(&err);
    assert_int_equal(fr_network_lookup_node(net, "nothing at all", NULL), -1);
    assert_int_equal(fr_network_lookup_node(net, "bad \xff", &err), -1);
    check_error(err, FR_ERROR_QUERY, NULL, "unknown node");
    g_clear_error(&err);
    fr_network_free(net);
}

/* ---- suggestions against a ranking written here ------------------------------ */

/* Levenshtein on bytes (the texts here are ASCII), full matrix. */
static size_t ascii_distance(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    size_t *d = g_new(size_t, (na + 1) * (nb + 1));
#define D(i, j) d[(i) * (nb + 1) + (j)]
    for (size_t i = 0; i <= na; i++)
        D(i, 0) = i;
    for (size_t j = 0; j <= nb; j++)
        D(0, j) = j;
    for (size_t i = 1; i <= na; i++)
        for (size_t j = 1; j <= nb; j++)
            D(i, j) = MIN(MIN(D(i - 1, j) + 1, D(i, j - 1) + 1),
                          D(i - 1, j - 1) + (a[i - 1] != b[j - 1]));
    size_t result = D(na, nb);
#undef D
    g_free(d);
    return result;
}

/* The documented score (fold.h) of one lower-case string. */
static size_t ascii_score(const char *text, const char *s)
{
    if (strcmp(s, text) == 0)
        return 0;
    if (text[0] && strncmp(s, text, strlen(text)) == 0)
        return 1;
    return 2 + 2 * ascii_distance(text, s);
}

/* Over the id, the name and the name's space-separated words. */
static size_t node_score(const char *text, const fr_node_info *node)
{
    char *id = g_ascii_strdown(node->id, -1), *name = g_ascii_strdown(node->name, -1);
    size_t best = MIN(ascii_score(text, id), ascii_score(text, name));
    char **words = g_strsplit(name, " ", -1);
    for (char **w = words; *w; w++)
        if (**w)
            best = MIN(best, ascii_score(text, *w));
    g_strfreev(words);
    g_free(id);
    g_free(name);
    return best;
}

static char *random_word(GRand *rng, int min, int max)
{
    int n = g_rand_int_range(rng, min, max + 1);
    char *w = g_new0(char, n + 1);
    for (int i = 0; i < n; i++)
        w[i] = (char)('a' + g_rand_int_range(rng, 0, 6));
    w[0] = g_ascii_toupper(w[0]);
    return w;
}

/* A random network of 25 nodes with ids N0.. and one- or two-word names. */
static fr_network *random_named_network(GRand *rng)
{
    GString *nodes = g_string_new(NODES_HDR), *links = g_string_new(LINKS_HDR);
    for (int i = 0; i < 25; i++) {
        char *a = random_word(rng, 2, 6), *b = random_word(rng, 2, 5);
        g_string_append_printf(nodes, "N%d,%s%s%s,city,CN,%d,%d,0,0\n", i, a,
                               g_rand_boolean(rng) ? " " : "", g_rand_boolean(rng) ? b : "", i,
                               i);
        if (i)
            g_string_append_printf(links, "L%d,N%d,N%d,road,10,1,1,,1,\n", i, i - 1, i);
        g_free(a);
        g_free(b);
    }
    fr_network *net = load_net_ok(nodes->str, links->str, NULL, NULL);
    g_string_free(nodes, TRUE);
    g_string_free(links, TRUE);
    return net;
}

static void check_suggestions(const fr_network *net, const char *text)
{
    size_t n = fr_network_node_count(net);
    size_t *want = g_new(size_t, n), *score = g_new(size_t, n);
    char *lower = g_ascii_strdown(text, -1);
    for (size_t i = 0; i < n; i++) {
        fr_node_info node;
        fr_network_node(net, i, &node);
        score[i] = node_score(lower, &node);
        want[i] = i;
    }
    for (size_t i = 1; i < n; i++) /* insertion sort by (score, index) */
        for (size_t j = i; j > 0 && score[want[j]] < score[want[j - 1]]; j--) {
            size_t t = want[j];
            want[j] = want[j - 1];
            want[j - 1] = t;
        }
    size_t got[5];
    assert_int_equal(fr_network_suggest_nodes(net, text, got, 5), 5);
    for (size_t k = 0; k < 5; k++)
        if (got[k] != want[k])
            fail_msg("suggestion %zu for '%s' is node %zu (score %zu), expected %zu (score %zu)",
                     k, text, got[k], score[got[k]], want[k], score[want[k]]);
    g_free(lower);
    g_free(want);
    g_free(score);
}

static void test_suggest_random(void **state)
{
    (void)state;
    GRand *rng = g_rand_new_with_seed(2026);
    for (int round = 0; round < 8; round++) {
        fr_network *net = random_named_network(rng);
        for (int q = 0; q < 25; q++) {
            fr_node_info node;
            fr_network_node(net, (size_t)g_rand_int_range(rng, 0, 25), &node);
            char *text = g_strdup(node.name);
            size_t len = strlen(text);
            int kind = g_rand_int_range(rng, 0, 4);
            if (kind == 0 && len > 1)
                text[g_rand_int_range(rng, 0, (gint32)len)] = 'z'; /* a typo */
            else if (kind == 1 && len > 2)
                text[g_rand_int_range(rng, 1, (gint32)len)] = '\0'; /* a prefix */
            else if (kind == 2) {
                g_free(text);
                text = random_word(rng, 1, 7);
            }
            check_suggestions(net, text);
            g_free(text);
        }
        fr_network_free(net);
    }
    g_rand_free(rng);
}

static void test_suggest_edges(void **state)
{
    (void)state;
    fr_network *net = load_net_ok(SPRING_NODES, SPRING_LINKS, NULL, NULL);
    size_t out[8];
    assert_int_equal(fr_network_suggest_nodes(NULL, "x", out, 8), 0);
    assert_int_equal(fr_network_suggest_nodes(net, NULL, out, 8), 0);
    assert_int_equal(fr_network_suggest_nodes(net, "x", NULL, 8), 0);
    assert_int_equal(fr_network_suggest_nodes(net, "x", out, 0), 0);
    /* more than there are: every node, once */
    assert_int_equal(fr_network_suggest_nodes(net, "x", out, 8), 5);
    /* accents and case ignored: "SPRÍNGFIELD" ties A1 and A2 (index order) */
    assert_int_equal(fr_network_suggest_nodes(net, "SPRÍNGFIELD", out, 2), 2);
    assert_int_equal(out[0], 0);
    assert_int_equal(out[1], 1);
    /* a word of a name: "haverbrook" */
    assert_int_equal(fr_network_suggest_nodes(net, "haverbrok", out, 1), 1);
    assert_int_equal(out[0], 3);
    fr_network_free(net);
}

/* ---- corridors ------------------------------------------------------------- */

static void test_corridors(void **state)
{
    (void)state;
    fr_network *net = default_net();
    GPtrArray *links = read_data_csv("links.csv");
    int col = column(links, "corridor");
    assert_true(col >= 0);
    GPtrArray *want = g_ptr_array_new();
    for (guint i = 1; i < links->len; i++)
        g_ptr_array_add(want, ((char **)g_ptr_array_index(links, i))[col]);
    sort_distinct(want);
    const char *const *labels = fr_network_corridors(net);
    expect_same_list(labels, want, "corridors");
    assert_true(fr_network_corridors(net) == labels); /* owned, made once */

    GError *err = NULL;
    const char *found = fr_network_lookup_corridor(net, "Yuxinou", &err);
    assert_non_null(found);
    assert_string_equal(found, "Yuxinou");
    bool owned = false;
    for (size_t i = 0; labels[i]; i++)
        owned = owned || labels[i] == found;
    assert_true(owned);
    assert_string_equal(fr_network_lookup_corridor(net, "yuxinou", &err), "Yuxinou");
    assert_string_equal(fr_network_lookup_corridor(net, "ilstc", &err), "ILSTC");
    assert_string_equal(fr_network_lookup_corridor(net, "BELARUS-POLAND", &err), "Belarus-Poland");
    assert_null(err);

    assert_null(fr_network_lookup_corridor(net, "Yuxinuo", &err));
    check_error(err, FR_ERROR_QUERY, NULL, "");
    expect_contains(err->message,
                    "unknown corridor 'Yuxinuo'; did you mean 'Yuxinou'? corridors: ");
    g_ptr_array_add(want, NULL);
    char *all = g_strjoinv(", ", (char **)want->pdata);
    expect_contains(err->message, all);
    g_clear_error(&err);
    assert_null(fr_network_lookup_corridor(net, "qqqqqqqqqqqq", &err));
    expect_contains(err->message, "unknown corridor 'qqqqqqqqqqqq'; corridors: ");
    g_clear_error(&err);
    assert_null(fr_network_lookup_corridor(NULL, "Yuxinou", &err));
    check_error(err, FR_ERROR_QUERY, NULL, "");
    g_clear_error(&err);
    assert_null(fr_network_lookup_corridor(net, NULL, &err));
    check_error(err, FR_ERROR_QUERY, NULL, "");
    g_clear_error(&err);
    g_free(all);
    g_ptr_array_free(want, TRUE);
    g_ptr_array_free(links, TRUE);
    fr_network_free(net);

    /* labels that fold alike are ambiguous */
    net = load_net_ok(SPRING_NODES, SPRING_LINKS, NULL, NULL);
    assert_null(fr_network_lookup_corridor(net, "SPRING", &err));
    check_error(err, FR_ERROR_QUERY, NULL, "'SPRING' is ambiguous: 'Spring', 'spring'");
    g_clear_error(&err);
    assert_string_equal(fr_network_lookup_corridor(net, "spring", &err), "spring");
    assert_string_equal(fr_network_lookup_corridor(net, "ogden", &err), "Ogden");
    assert_null(err);
    fr_network_free(net);
}

/* ---- nearest node --------------------------------------------------------------- */

/* Great-circle distance through the chord between the two unit vectors. */
static double chord_km(double lat1, double lon1, double lat2, double lon2)
{
    double r = G_PI / 180;
    double a[3] = {cos(lat1 * r) * cos(lon1 * r), cos(lat1 * r) * sin(lon1 * r), sin(lat1 * r)};
    double b[3] = {cos(lat2 * r) * cos(lon2 * r), cos(lat2 * r) * sin(lon2 * r), sin(lat2 * r)};
    double chord = sqrt((a[0] - b[0]) * (a[0] - b[0]) + (a[1] - b[1]) * (a[1] - b[1]) +
                        (a[2] - b[2]) * (a[2] - b[2]));
    return 2 * 6371.0088 * asin(MIN(1.0, chord / 2));
}

static void test_nearest_brute(void **state)
{
    (void)state;
    fr_network *net = default_net();
    size_t n = fr_network_node_count(net);
    GRand *rng = g_rand_new_with_seed(7);
    for (int trial = 0; trial < 1000; trial++) {
        double lat = g_rand_double_range(rng, -90, 90), lon = g_rand_double_range(rng, -180, 180);
        if (trial % 4 == 0) { /* near the network */
            lat = g_rand_double_range(rng, 0, 60);
            lon = g_rand_double_range(rng, -10, 130);
        }
        fr_node_kind kind = (fr_node_kind)g_rand_int_range(rng, 0, FR_NODE_KIND_COUNT + 1);
        long want = -1;
        double want_km = INFINITY;
        for (size_t i = 0; i < n; i++) {
            fr_node_info node;
            fr_network_node(net, i, &node);
            if (kind != FR_NODE_KIND_COUNT && node.kind != kind)
                continue;
            double km = chord_km(lat, lon, node.lat, node.lon);
            if (km < want_km) {
                want_km = km;
                want = (long)i;
            }
        }
        double got_km = -1;
        long got = fr_network_nearest_node(net, lat, lon, kind, &got_km);
        if (want < 0) {
            assert_int_equal(got, -1);
            continue;
        }
        assert_true(got >= 0);
        if (fabs(got_km - want_km) > 1e-6 * MAX(1, want_km))
            fail_msg("(%g, %g) kind %d: %g km, expected %g km", lat, lon, kind, got_km, want_km);
        if (got != want) { /* a tie within rounding: the same distance */
            fr_node_info node;
            fr_network_node(net, (size_t)got, &node);
            assert_true(fabs(chord_km(lat, lon, node.lat, node.lon) - want_km) < 1e-6);
        }
    }
    g_rand_free(rng);
    fr_network_free(net);
}

static void test_nearest_edges(void **state)
{
    (void)state;
    fr_network *net = load_net_ok(SPRING_NODES, SPRING_LINKS, NULL, NULL);
    double km = -1;
    /* on a node: that node, 0 km */
    assert_int_equal(fr_network_nearest_node(net, 41, -90, FR_NODE_KIND_COUNT, &km), 2);
    assert_true(km == 0);
    /* one degree of latitude: 6371.0088 x pi / 180 = 111.195 km */
    assert_int_equal(fr_network_nearest_node(net, 44, -92, FR_NODE_KIND_COUNT, &km), 4);
    assert_close(km, 6371.0088 * G_PI / 180);
    /* kinds: the only river port, wherever the point */
    assert_int_equal(fr_network_nearest_node(net, 43, -92, FR_NODE_RIVER_PORT, NULL), 1);
    assert_int_equal(fr_network_nearest_node(net, 43, -92, FR_NODE_AIRPORT, &km), -1);
    assert_true(isnan(km));
    /* ties go to the lower index: P and Q share a place, R is as far from
     * (0, 20) as they are */
    fr_network *twin = load_net_ok(NODES_HDR "P,P,city,CN,10,20,0,0\nQ,Q,city,CN,10,20,0,0\n"
                                             "R,R,city,CN,-10,20,0,0\n",
                                   LINKS_HDR "L1,P,Q,road,1,1,1,,1,\nL2,Q,R,road,1,1,1,,1,\n",
                                   NULL, NULL);
    assert_int_equal(fr_network_nearest_node(twin, 10, 21, FR_NODE_KIND_COUNT, NULL), 0);
    assert_int_equal(fr_network_nearest_node(twin, 0, 20, FR_NODE_KIND_COUNT, NULL), 0);
    /* invalid points and arguments */
    assert_int_equal(fr_network_nearest_node(net, 90.5, 0, FR_NODE_KIND_COUNT, &km), -1);
    assert_int_equal(fr_network_nearest_node(net, 0, -180.5, FR_NODE_KIND_COUNT, &km), -1);
    assert_int_equal(fr_network_nearest_node(net, NAN, 0, FR_NODE_KIND_COUNT, &km), -1);
    assert_int_equal(fr_network_nearest_node(net, 0, INFINITY, FR_NODE_KIND_COUNT, &km), -1);
    assert_int_equal(fr_network_nearest_node(net, 0, 0, (fr_node_kind)99, &km), -1);
    assert_int_equal(fr_network_nearest_node(NULL, 0, 0, FR_NODE_KIND_COUNT, &km), -1);
    assert_true(fr_network_nearest_node(net, 90, 180, FR_NODE_KIND_COUNT, &km) >= 0);
    fr_network_free(twin);
    fr_network_free(net);
}

/* ---- read access ---------------------------------------------------------------- */

static fr_mode mode_named(const char *name)
{
    const char *names[] = {"rail", "road", "river", "sea", "air"};
    for (int m = 0; m < FR_MODE_COUNT; m++)
        if (strcmp(names[m], name) == 0)
            return (fr_mode)m;
    fail_msg("mode '%s'", name);
    return FR_MODE_COUNT;
}

static void test_transfers_default(void **state)
{
    (void)state;
    fr_network *net = default_net();
    GPtrArray *rows = read_data_csv("transfers.csv");
    int node = column(rows, "node"), from = column(rows, "from_mode"), to = column(rows, "to_mode");
    int time = column(rows, "time_h"), cost = column(rows, "cost_usd");
    int co2 = column(rows, "co2_kg"), source = column(rows, "source");
    assert_int_equal(fr_network_transfer_count(net), rows->len - 1);
    for (guint r = 1; r < rows->len; r++) {
        char **row = g_ptr_array_index(rows, r);
        fr_transfer_info t;
        assert_true(fr_network_transfer(net, r - 1, &t));
        assert_string_equal(t.node, row[node]);
        assert_int_equal(t.from_mode, mode_named(row[from]));
        assert_int_equal(t.to_mode, mode_named(row[to]));
        assert_close(t.time_h, g_ascii_strtod(row[time], NULL));
        assert_close(t.cost_usd, g_ascii_strtod(row[cost], NULL));
        assert_close(t.co2_kg, co2 >= 0 && row[co2][0] ? g_ascii_strtod(row[co2], NULL) : 0);
        assert_string_equal(t.source, source >= 0 ? row[source] : "");
    }
    fr_transfer_info t;
    assert_false(fr_network_transfer(net, rows->len - 1, &t));
    assert_false(fr_network_transfer(net, 0, NULL));
    assert_false(fr_network_transfer(NULL, 0, &t));
    assert_int_equal(fr_network_transfer_count(NULL), 0);
    g_ptr_array_free(rows, TRUE);

    /* factors: modes.csv's */
    rows = read_data_csv("modes.csv");
    int mode = column(rows, "mode"), factor = column(rows, "co2_kg_per_teu_km");
    for (guint r = 1; r < rows->len; r++) {
        char **row = g_ptr_array_index(rows, r);
        assert_close(fr_network_co2_factor(net, mode_named(row[mode])),
                     g_ascii_strtod(row[factor], NULL));
    }
    assert_true(isnan(fr_network_co2_factor(net, FR_MODE_COUNT)));
    assert_true(isnan(fr_network_co2_factor(net, (fr_mode)-1)));
    assert_true(isnan(fr_network_co2_factor(NULL, FR_MODE_RAIL)));
    g_ptr_array_free(rows, TRUE);

    /* countries: nodes.csv's, sorted and distinct */
    rows = read_data_csv("nodes.csv");
    int country = column(rows, "country");
    GPtrArray *want = g_ptr_array_new();
    for (guint r = 1; r < rows->len; r++)
        g_ptr_array_add(want, ((char **)g_ptr_array_index(rows, r))[country]);
    sort_distinct(want);
    expect_same_list(fr_network_countries(net), want, "countries");
    assert_null(fr_network_countries(NULL));
    assert_null(fr_network_corridors(NULL));
    g_ptr_array_free(want, TRUE);
    g_ptr_array_free(rows, TRUE);
    fr_network_free(net);
}

static void test_read_hand_network(void **state)
{
    (void)state;
    /* no modes.csv: FORMAT.md §4's defaults; with one: its factor */
    fr_network *net = load_net_ok(
        SPRING_NODES, SPRING_LINKS,
        "node,from_mode,to_mode,time_h,cost_usd,co2_kg,source\n"
        "A2,road,river,2,30,1.5,quay\nA2,river,road,3,31,,\n",
        NULL);
    /* rail, road, river, sea, air */
    const double defaults[FR_MODE_COUNT] = {0.22, 0.62, 0.31, 0.08, 6.02};
    for (int m = 0; m < FR_MODE_COUNT; m++)
        assert_close(fr_network_co2_factor(net, (fr_mode)m), defaults[m]);
    assert_int_equal(fr_network_transfer_count(net), 2);
    fr_transfer_info t;
    assert_true(fr_network_transfer(net, 0, &t));
    assert_string_equal(t.node, "A2");
    assert_int_equal(t.from_mode, FR_MODE_ROAD);
    assert_int_equal(t.to_mode, FR_MODE_RIVER);
    assert_close(t.time_h, 2);
    assert_close(t.cost_usd, 30);
    assert_close(t.co2_kg, 1.5);
    assert_string_equal(t.source, "quay");
    assert_true(fr_network_transfer(net, 1, &t));
    assert_close(t.co2_kg, 0);
    assert_string_equal(t.source, "");
    const char *const *c = fr_network_corridors(net);
    assert_string_equal(c[0], "Ogden"); /* strcmp order: upper case first */
    assert_string_equal(c[1], "Spring");
    assert_string_equal(c[2], "spring");
    assert_null(c[3]);
    assert_string_equal(fr_network_countries(net)[0], "US");
    assert_null(fr_network_countries(net)[1]);
    fr_network_free(net);

    net = load_net_ok(SPRING_NODES, SPRING_LINKS, NULL,
                      "mode,co2_kg_per_teu_km\nroad,0.5\n");
    assert_close(fr_network_co2_factor(net, FR_MODE_ROAD), 0.5);
    assert_close(fr_network_co2_factor(net, FR_MODE_RAIL), 0.22);
    assert_int_equal(fr_network_transfer_count(net), 0);
    assert_false(fr_network_transfer(net, 0, &t));
    fr_network_free(net);
}

/* A network made by a scenario has its own lists, equal to what its nodes
 * and links say. */
static void test_read_scenario_network(void **state)
{
    (void)state;
    fr_network *base = default_net();
    const char *const *names = fr_scenario_embedded_names();
    for (size_t s = 0; names[s]; s++) {
        GError *err = NULL;
        fr_scenario *scenario = fr_scenario_load_embedded(names[s], &err);
        assert_non_null(scenario);
        fr_network *net = fr_network_apply_scenario(base, scenario, &err);
        if (!net)
            fail_msg("scenario %s: %s", names[s], err->message);
        GPtrArray *corridors = g_ptr_array_new(), *countries = g_ptr_array_new();
        for (size_t i = 0; i < fr_network_link_count(net); i++) {
            fr_link_info link;
            fr_network_link(net, i, &link);
            g_ptr_array_add(corridors, (gpointer)link.corridor);
        }
        for (size_t i = 0; i < fr_network_node_count(net); i++) {
            fr_node_info node;
            fr_network_node(net, i, &node);
            g_ptr_array_add(countries, (gpointer)node.country);
        }
        sort_distinct(corridors);
        sort_distinct(countries);
        expect_same_list(fr_network_corridors(net), corridors, names[s]);
        expect_same_list(fr_network_countries(net), countries, names[s]);
        assert_true(fr_network_transfer_count(net) <= fr_network_transfer_count(base));
        g_ptr_array_free(corridors, TRUE);
        g_ptr_array_free(countries, TRUE);
        fr_network_free(net);
        fr_scenario_free(scenario);
    }
    fr_network_free(base);
}

/* ---- hints in the library's query errors -------------------------------------- */

static char *route_error(const fr_network *net, fr_query *q)
{
    GError *err = NULL;
    fr_route *r = fr_network_route(net, q, &err);
    assert_null(r);
    check_error(err, FR_ERROR_QUERY, NULL, "");
    char *message = g_strdup(err->message);
    g_error_free(err);
    fr_query_free(q);
    return message;
}

static void test_query_hints(void **state)
{
    (void)state;
    fr_network *net = default_net();
    char *msg = route_error(net, fr_query_new("cnckg", "DEDUI"));
    expect_contains(msg, "unknown origin node 'cnckg'; did you mean 'CNCKG' (Chongqing)");
    g_free(msg);
    msg = route_error(net, fr_query_new("CNCKG", "Duisburg"));
    expect_contains(msg, "unknown destination node 'Duisburg'; did you mean 'DEDUI' (Duisburg)?");
    g_free(msg);
    /* names are not taken where ids are expected */
    msg = route_error(net, fr_query_new("Chongqing", "DEDUI"));
    expect_contains(msg, "unknown origin node 'Chongqing'; did you mean 'CNCKG' (Chongqing)");
    g_free(msg);
    fr_query *q = fr_query_new("CNCKG", "DEDUI");
    fr_query_avoid_node(q, "plmal");
    msg = route_error(net, q);
    expect_contains(msg, "cannot avoid unknown node 'plmal'; did you mean 'PLMAL' (Małaszewicze)");
    g_free(msg);
    q = fr_query_new("CNCKG", "DEDUI");
    fr_query_avoid_corridor(q, "yuxinou");
    msg = route_error(net, q);
    expect_contains(msg, "cannot avoid unknown corridor 'yuxinou'; did you mean 'Yuxinou'? "
                         "corridors: Belarus-Poland, ");
    g_free(msg);
    q = fr_query_new("NOWHERE", "DEDUI");
    msg = route_error(net, q);
    assert_string_equal(msg, "unknown origin node 'NOWHERE'");
    g_free(msg);

    /* matrices */
    GError *err = NULL;
    const char *from[] = {"CNCKG"}, *to[] = {"dedui"};
    q = fr_query_new(NULL, NULL);
    fr_matrix_options one = {.threads = 1};
    assert_null(fr_network_matrix(net, q, from, 1, to, 1, &one, &err));
    check_error(err, FR_ERROR_QUERY, NULL,
                "unknown destination node 'dedui'; did you mean 'DEDUI' (Duisburg)?");
    g_clear_error(&err);
    fr_query_free(q);
    fr_network_free(net);
}

/* ---- renderers ------------------------------------------------------------------ */

static mj_value *parse_ok(char *text)
{
    char *why = NULL;
    mj_value *v = mj_parse(text, &why);
    if (!v)
        fail_msg("not JSON (%s): %s", why, text);
    g_free(text);
    return v;
}

static void expect_totals(const mj_value *summary, const fr_route *r, double quantity)
{
    assert_string_equal(mj_get(summary, "from")->string, fr_route_step(r, 0)->from_node);
    assert_true(mj_get(summary, "quantity_teu")->number == quantity);
    const mj_value *total = mj_get(summary, "total");
    assert_close(mj_get(total, "cost_usd")->number, fr_route_total_cost_usd(r));
    assert_close(mj_get(total, "time_h")->number, fr_route_total_time_h(r));
    assert_close(mj_get(total, "co2_kg")->number, fr_route_total_co2_kg(r));
    assert_close(mj_get(total, "distance_km")->number, fr_route_total_distance_km(r));
    assert_true(mj_get(total, "transfers")->number == (double)fr_route_transfer_count(r));
}

/* The features of route `index` (-1: no "route" property) of one type. */
static size_t count_features(const mj_value *features, const char *geometry, long index)
{
    size_t n = 0;
    for (size_t i = 0; i < mj_len(features); i++) {
        const mj_value *f = mj_at(features, i);
        const mj_value *route = mj_path(f, "properties", "route", NULL);
        if (strcmp(mj_path(f, "geometry", "type", NULL)->string, geometry) == 0 &&
            (index < 0 ? route == NULL : route && route->number == index))
            n++;
    }
    return n;
}

/* Each transfer step of r has a Point at its node with its fields, in
 * order, among the features of route `index`. */
static void expect_transfer_points(const fr_network *net, const mj_value *features,
                                   const fr_route *r, long index)
{
    size_t seen = 0;
    for (size_t k = 0; k < fr_route_step_count(r); k++) {
        const fr_step *s = fr_route_step(r, k);
        if (s->type != FR_STEP_TRANSFER)
            continue;
        const mj_value *f = NULL;
        for (size_t i = 0, m = 0; i < mj_len(features) && !f; i++) {
            const mj_value *g = mj_at(features, i);
            const mj_value *route = mj_path(g, "properties", "route", NULL);
            if (strcmp(mj_path(g, "geometry", "type", NULL)->string, "Point") == 0 &&
                (index < 0 || route->number == index) && m++ == seen)
                f = g;
        }
        assert_non_null(f);
        seen++;
        fr_node_info node;
        fr_network_node(net, (size_t)fr_network_find_node(net, s->from_node), &node);
        const mj_value *xy = mj_path(f, "geometry", "coordinates", NULL);
        assert_close(mj_at(xy, 0)->number, node.lon);
        assert_close(mj_at(xy, 1)->number, node.lat);
        const mj_value *p = mj_get(f, "properties");
        assert_string_equal(mj_get(p, "type")->string, "transfer");
        assert_string_equal(mj_get(p, "node")->string, s->from_node);
        assert_string_equal(mj_get(p, "from_mode")->string, fr_mode_name(s->mode));
        assert_string_equal(mj_get(p, "to_mode")->string, fr_mode_name(s->to_mode));
        assert_close(mj_get(p, "cost_usd")->number, s->cost_usd);
        assert_close(mj_get(p, "time_h")->number, s->time_h);
    }
}

static size_t count_steps(const fr_route *r, fr_step_type type)
{
    size_t n = 0;
    for (size_t k = 0; k < fr_route_step_count(r); k++)
        n += fr_route_step(r, k)->type == type;
    return n;
}

static void test_geojson_route(void **state)
{
    (void)state;
    fr_network *net = default_net();
    fr_query *q = fr_query_new("CNCKG", "SGSIN");
    fr_query_set_objective(q, FR_OBJECTIVE_TIME);
    fr_query_set_quantity(q, 3);
    fr_route *r = route_ok(net, q);
    assert_true(fr_route_transfer_count(r) > 0);
    mj_value *v = parse_ok(fr_route_to_geojson(r));
    assert_string_equal(mj_get(v, "type")->string, "FeatureCollection");
    const mj_value *features = mj_get(v, "features");
    size_t links = count_steps(r, FR_STEP_LINK);
    assert_int_equal(count_features(features, "LineString", -1), links);
    assert_int_equal(count_features(features, "Point", -1), fr_route_transfer_count(r));
    assert_int_equal(mj_len(features), links + fr_route_transfer_count(r));
    /* the lines first, in step order, as before */
    for (size_t i = 0, k = 0; k < fr_route_step_count(r); k++)
        if (fr_route_step(r, k)->type == FR_STEP_LINK)
            assert_string_equal(mj_path(mj_at(features, i++), "properties", "link", NULL)->string,
                                fr_route_step(r, k)->link_id);
    expect_transfer_points(net, features, r, -1);
    const mj_value *props = mj_get(v, "properties");
    expect_totals(props, r, 3);
    assert_string_equal(mj_get(props, "to")->string, "SGSIN");
    assert_string_equal(mj_get(props, "objective")->string, "time");
    mj_free(v);
    fr_route_free(r);
    fr_query_free(q);
    fr_network_free(net);
}

static void test_geojson_list(void **state)
{
    (void)state;
    fr_network *net = default_net();
    fr_query *q = fr_query_new("CNCKG", "DEDUI");
    fr_query_set_quantity(q, 2);
    GError *err = NULL;
    fr_route_list *list = fr_network_alternatives(net, q, 3, &err);
    if (!list)
        fail_msg("alternatives: %s", err->message);
    size_t n = fr_route_list_count(list);
    assert_true(n >= 2);
    mj_value *v = parse_ok(fr_route_list_to_geojson(list));
    const mj_value *features = mj_get(v, "features"), *routes = mj_get(v, "routes");
    assert_int_equal(mj_len(routes), n);
    size_t total = 0;
    for (size_t i = 0; i < n; i++) {
        const fr_route *r = fr_route_list_get(list, i);
        assert_int_equal(count_features(features, "LineString", (long)i),
                         count_steps(r, FR_STEP_LINK));
        assert_int_equal(count_features(features, "Point", (long)i), fr_route_transfer_count(r));
        expect_transfer_points(net, features, r, (long)i);
        expect_totals(mj_at(routes, i), r, 2);
        total += count_steps(r, FR_STEP_LINK) + fr_route_transfer_count(r);
    }
    assert_int_equal(mj_len(features), total);
    mj_free(v);
    fr_route_list_free(list);
    fr_query_free(q);
    fr_network_free(net);
}

static void test_matrix_json_quantity(void **state)
{
    (void)state;
    fr_network *net = default_net();
    fr_query *q = fr_query_new(NULL, NULL);
    fr_query_set_quantity(q, 4);
    const char *from[] = {"CNCKG"}, *to[] = {"DEDUI", "SGSIN"};
    fr_matrix_options one = {.threads = 1};
    GError *err = NULL;
    fr_matrix *m = fr_network_matrix(net, q, from, 1, to, 2, &one, &err);
    assert_non_null(m);
    mj_value *v = parse_ok(fr_matrix_to_json(m));
    assert_true(mj_get(v, "quantity_teu")->number == 4);
    assert_null(mj_get(v, "quantity"));
    mj_free(v);
    fr_matrix_free(m);
    fr_query_free(q);
    fr_network_free(net);
}

/* "1,234" for 1234.4: grouping written here. */
static char *grouped(double value)
{
    char *digits = g_strdup_printf("%.0f", value);
    GString *out = g_string_new(NULL);
    size_t n = strlen(digits);
    for (size_t i = 0; i < n; i++) {
        if (i && (n - i) % 3 == 0)
            g_string_append_c(out, ',');
        g_string_append_c(out, digits[i]);
    }
    g_free(digits);
    return g_string_free(out, FALSE);
}

static void test_text_per_teu(void **state)
{
    (void)state;
    fr_network *net = default_net();
    fr_query *q = fr_query_new("CNCKG", "SGSIN");
    fr_query_set_quantity(q, 2);
    fr_route *r = route_ok(net, q);
    char *text = fr_route_to_text(r);
    char **lines = g_strsplit(text, "\n", -1);
    /* the table's header: per-TEU figures */
    const char *header = NULL;
    for (char **l = lines; *l && !header; l++)
        if (strstr(*l, "from → to"))
            header = *l;
    assert_non_null(header);
    expect_contains(header, "USD/TEU");
    expect_contains(header, "kg CO2e/TEU");
    /* the totals: for the whole quantity, saying so */
    const char *totals = NULL;
    for (char **l = lines; *l && !totals; l++)
        if (strstr(*l, "Total"))
            totals = *l;
    assert_non_null(totals);
    expect_contains(totals, "Total for 2 TEU: ");
    char *usd = grouped(fr_route_total_cost_usd(r));
    char *want = g_strdup_printf("USD %s,", usd);
    expect_contains(totals, want);
    g_free(want);
    g_free(usd);
    /* the first step's row shows its per-TEU cost, not twice it */
    const fr_step *first = fr_route_step(r, 0);
    char *per_teu = grouped(first->cost_usd);
    assert_non_null(lines[3]);
    expect_contains(lines[3], per_teu);
    g_free(per_teu);
    g_strfreev(lines);
    g_free(text);
    fr_route_free(r);

    fr_query_set_quantity(q, 1);
    r = route_ok(net, q);
    text = fr_route_to_text(r);
    expect_contains(text, "Total for 1 TEU: ");
    g_free(text);
    fr_route_free(r);
    fr_query_free(q);
    fr_network_free(net);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fold),
        cmocka_unit_test(test_distance),
        cmocka_unit_test(test_lookup_default),
        cmocka_unit_test(test_lookup_every_default_name),
        cmocka_unit_test(test_lookup_ambiguous),
        cmocka_unit_test(test_suggest_random),
        cmocka_unit_test(test_suggest_edges),
        cmocka_unit_test(test_corridors),
        cmocka_unit_test(test_nearest_brute),
        cmocka_unit_test(test_nearest_edges),
        cmocka_unit_test(test_transfers_default),
        cmocka_unit_test(test_read_hand_network),
        cmocka_unit_test(test_read_scenario_network),
        cmocka_unit_test(test_query_hints),
        cmocka_unit_test(test_geojson_route),
        cmocka_unit_test(test_geojson_list),
        cmocka_unit_test(test_matrix_json_quantity),
        cmocka_unit_test(test_text_per_teu),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
