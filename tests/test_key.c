/* test_key.c - the order of lib/search/key.h and the engine's inline
 * comparisons (lib/search/engine_side.h), as properties on millions of
 * seeded random figures and keys built to tie often.
 *
 * The expected answers come from the test's own statement of the rule
 * (FORMAT.md §2 and §5): two figures are equal when they differ by at most
 * 1e-12 times the larger of their magnitudes, or 1e-12 when both are below
 * 1; an infinite figure equals only itself; otherwise the smaller comes
 * first. Keys order by objective, then time, then cost, then fewer edges.
 * The rule is evaluated in long double; a pair whose difference lies within
 * 0.1% of the tolerance is "on the boundary", where the rounding of the
 * code's own double arithmetic (up to a few 1e-4 of the tolerance) may
 * decide either way: there the test asks only that the fast paths answer
 * as the full comparison does and never reverse the order. (There
 * fr_compare_figure(a, b) may tie while fr_compare_figure(b, a) does not:
 * a - tolerance and b + tolerance round apart; the test counts such pairs.)
 *
 * - fr_compare_figure_nonneg() == fr_compare_figure() for figures >= 0
 *   (0, -0, denormals, tiny, huge, DBL_MAX, INFINITY, pairs within and just
 *   outside the tolerance, pairs straddling 1.0 where it turns from
 *   absolute to relative), and both as the rule; a table by hand;
 *   fr_compare_figure() as the rule on signed figures.
 * - fr_key_compare_fast() == fr_key_compare() on millions of key pairs
 *   (equal objectives, objectives within the tolerance, equal times and
 *   costs, edges differing), either way round, and both as the rule;
 *   where fr_objectives_decide() or fr_objective_bounds_decide() decides,
 *   it answers as fr_key_compare().
 * - fr_key_add() adds componentwise; fr_compare_tail() orders as
 *   fr_key_compare() once the objectives tie.
 * - fr_side_improves(side, s, o, t, c, k) is (o, t, c, k) < label of s, and
 *   fr_side_before() orders heap entries by priority (within the
 *   tolerance), then the rest of the states' labels, then state number;
 *   in exact mode by exact priority, then state. */
#include "helpers.h"

#include "engine_side.h"
#include "key.h"

#include <float.h>
#include <math.h>
#include <string.h>

#define SEED 20240611u

/* The rule's answer: -1, 0, 1, or ON_BOUNDARY. */
#define ON_BOUNDARY 2

/* ---- the rule, stated independently --------------------------------------------- */

static int rule_figure(double a, double b)
{
    if (isinf(a) || isinf(b))
        return a < b ? -1 : a > b ? 1 : 0;
    long double la = a, lb = b;
    long double larger = fabsl(la) > fabsl(lb) ? fabsl(la) : fabsl(lb);
    long double tolerance = 1e-12L * (larger > 1.0L ? larger : 1.0L);
    long double difference = fabsl(la - lb);
    if (difference < tolerance * 0.999L)
        return 0;
    if (difference > tolerance * 1.001L)
        return la < lb ? -1 : 1;
    return ON_BOUNDARY;
}

/* Keys: objective, time, cost (each by rule_figure), then fewer edges. */
static int rule_tail(const fr_key *a, const fr_key *b)
{
    int c = rule_figure(a->time, b->time);
    if (c == 0)
        c = rule_figure(a->cost, b->cost);
    if (c == 0)
        c = a->edges < b->edges ? -1 : a->edges > b->edges ? 1 : 0;
    return c;
}

static int rule_key(const fr_key *a, const fr_key *b)
{
    int c = rule_figure(a->obj, b->obj);
    return c != 0 ? c : rule_tail(a, b);
}

/* ---- tie-prone figures and keys --------------------------------------------------- */

/* A figure >= 0 of one of many kinds. */
static double any_figure(GRand *rng)
{
    switch (g_rand_int_range(rng, 0, 14)) {
    case 0: return 0.0;
    case 1: return -0.0;
    case 2: /* tiny, denormals included */
        return ldexp(g_rand_double(rng), -g_rand_int_range(rng, 30, 1080));
    case 3: /* around the absolute tolerance */
        return g_rand_double_range(rng, 0, 4e-12);
    case 4: /* around 1, where the tolerance turns relative */
        return 1.0 + g_rand_double_range(rng, -3e-12, 3e-12);
    case 5: return g_rand_int_range(rng, 0, 16); /* small integers: exact ties */
    case 6: return g_rand_int_range(rng, 0, 2000) / 10.0; /* tenths: inexact sums */
    case 7: return g_rand_double_range(rng, 0, 1000);
    case 8: return ldexp(g_rand_double_range(rng, 1, 2), g_rand_int_range(rng, -60, 61));
    case 9: /* huge */
        return ldexp(g_rand_double_range(rng, 1, 2), g_rand_int_range(rng, 900, 1024));
    case 10: return INFINITY;
    case 11: {
        static const double special[] = {DBL_MAX, DBL_MIN, 4.9406564584124654e-324, 1e-12,
                                         1.0, 0.1 + 0.2, 0.3};
        return special[g_rand_int_range(rng, 0, G_N_ELEMENTS(special))];
    }
    default: return g_rand_double_range(rng, 0, 1e7);
    }
}

/* A figure >= 0 close to a >= 0: equal, an ulp or a few away, within the
 * tolerance, just outside it, on its boundary, or unrelated. */
static double near_figure(GRand *rng, double a)
{
    double unit = 1e-12 * (a > 1.0 ? a : 1.0); /* the tolerance around a */
    double sign = g_rand_boolean(rng) ? 1.0 : -1.0;
    double b;
    switch (g_rand_int_range(rng, 0, 10)) {
    case 0: b = a; break;
    case 1: b = nextafter(a, INFINITY); break;
    case 2: b = nextafter(a, 0.0); break;
    case 3: b = a + sign * g_rand_double_range(rng, 0, 0.99) * unit; break; /* within */
    case 4: b = a + sign * g_rand_double_range(rng, 1.01, 1.5) * unit; break; /* outside */
    case 5: { /* on the boundary, give or take a few ulps */
        b = a + sign * unit;
        for (int k = g_rand_int_range(rng, -3, 4); k != 0; k += k < 0 ? 1 : -1)
            b = nextafter(b, k < 0 ? 0.0 : INFINITY);
        break;
    }
    case 6: b = a * (1 + sign * g_rand_int_range(rng, 0, 4) * 0.5e-12); break;
    case 7: b = a * 2; break;
    case 8: b = 1.0 + (1.0 - a); break; /* mirrored across 1 */
    default: b = any_figure(rng); break;
    }
    return b >= 0 ? b : 0.0; /* also NaN-free: a is never NaN */
}

static fr_key any_key(GRand *rng)
{
    return (fr_key){any_figure(rng), any_figure(rng), any_figure(rng),
                    (uint32_t)g_rand_int_range(rng, 0, 8)};
}

/* A key that ties with a often: each component equal half of the time,
 * else near (figures) or one apart (edges), or unrelated. */
static fr_key related_key(GRand *rng, const fr_key *a)
{
    fr_key b = *a;
    double *figure[3] = {&b.obj, &b.time, &b.cost};
    for (int i = 0; i < 3; i++)
        if (g_rand_boolean(rng))
            *figure[i] = g_rand_int_range(rng, 0, 8) ? near_figure(rng, *figure[i])
                                                     : any_figure(rng);
    switch (g_rand_int_range(rng, 0, 6)) {
    case 0: b.edges = a->edges + 1; break;
    case 1: b.edges = a->edges ? a->edges - 1 : 0; break;
    case 2: b.edges = (uint32_t)g_rand_int_range(rng, 0, 8); break;
    default: break;
    }
    return b;
}

static void fail_pair(const char *what, double a, double b, int got, int want)
{
    fail_msg("%s(%a, %a) [%.17g, %.17g]: %d, expected %d", what, a, b, a, b, got, want);
}

static void fail_keys(const char *what, const fr_key *a, const fr_key *b, int got, int want)
{
    fail_msg("%s: a (%a, %a, %a, %u) [%.17g, %.17g, %.17g], b (%a, %a, %a, %u) [%.17g, "
             "%.17g, %.17g]: %d, expected %d",
             what, a->obj, a->time, a->cost, a->edges, a->obj, a->time, a->cost, b->obj,
             b->time, b->cost, b->edges, b->obj, b->time, b->cost, got, want);
}

/* The rule's answer where it decides; on the boundary, the code's answer
 * must not reverse the exact order. */
static void check_against_rule(const char *what, double a, double b, int got)
{
    int want = rule_figure(a, b);
    if (want == ON_BOUNDARY) {
        int exact = a < b ? -1 : a > b ? 1 : 0;
        if (got != 0 && got != exact)
            fail_pair(what, a, b, got, exact);
    } else if (got != want) {
        fail_pair(what, a, b, got, want);
    }
}

/* ---- figures ----------------------------------------------------------------------- */

typedef struct {
    double a, b;
    int want;
} figure_case;

static void test_figures_by_hand(void **state)
{
    (void)state;
    const figure_case cases[] = {
        {0, 0, 0},
        {-0.0, 0.0, 0},
        {0, 1e-13, 0},
        {0, 0.9e-12, 0},
        {0, 1.1e-12, -1},
        {1.1e-12, 0, 1},
        {4.9406564584124654e-324, 0, 0},
        {1e-300, 1e-299, 0}, /* absolute below 1: a relative rule would differ */
        {0.5, 0.5 + 0.9e-12, 0},
        {0.5, 0.5 + 1.1e-12, -1},
        {1.0 - 0.4e-12, 1.0 + 0.4e-12, 0}, /* straddling 1 */
        {1.0 + 0.6e-12, 1.0 - 0.6e-12, 1},
        {1.0, 1.0 + 0.9e-12, 0},
        {1.0, 1.0 + 1.1e-12, -1},
        {2.0, 2.0 + 1.5e-12, 0}, /* relative above 1: an absolute rule would differ */
        {2.0, 2.0 + 2.5e-12, -1},
        {1e6, 1e6 + 0.9e-6, 0},
        {1e6, 1e6 + 1.1e-6, -1},
        {1e6 + 1.1e-6, 1e6, 1},
        {1e300, 1e300 * (1 + 0.9e-12), 0},
        {1e300, 1e300 * (1 + 1.1e-12), -1},
        {DBL_MAX, DBL_MAX * (1 - 0.9e-12), 0},
        {DBL_MAX, DBL_MAX * (1 - 1.1e-12), 1},
        {INFINITY, INFINITY, 0},
        {INFINITY, DBL_MAX, 1},
        {DBL_MAX, INFINITY, -1},
        {0, INFINITY, -1},
        {0.1 + 0.2, 0.3, 0},
        {0.15 + 0.15, 0.1 + 0.2, 0},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        const figure_case *k = &cases[i];
        int rule = rule_figure(k->a, k->b);
        if (rule != k->want)
            fail_pair("the test's rule", k->a, k->b, rule, k->want);
        if (fr_compare_figure(k->a, k->b) != k->want)
            fail_pair("fr_compare_figure", k->a, k->b, fr_compare_figure(k->a, k->b), k->want);
        if (fr_compare_figure_nonneg(k->a, k->b) != k->want)
            fail_pair("fr_compare_figure_nonneg", k->a, k->b,
                      fr_compare_figure_nonneg(k->a, k->b), k->want);
    }
    /* signed figures (fr_compare_figure only) */
    const figure_case signed_cases[] = {
        {-1.0, -1.0 - 0.9e-12, 0}, {-1e6, -1e6 - 1.1e-6, 1}, {-1e-300, 1e-300, 0},
        {-0.6e-12, 0.6e-12, -1},   {-INFINITY, -DBL_MAX, -1}, {-INFINITY, INFINITY, -1},
        {-INFINITY, -INFINITY, 0},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(signed_cases); i++) {
        const figure_case *k = &signed_cases[i];
        if (rule_figure(k->a, k->b) != k->want)
            fail_pair("the test's rule", k->a, k->b, rule_figure(k->a, k->b), k->want);
        if (fr_compare_figure(k->a, k->b) != k->want)
            fail_pair("fr_compare_figure", k->a, k->b, fr_compare_figure(k->a, k->b), k->want);
    }
}

static void test_figure_fast_path(void **state)
{
    (void)state;
    GRand *rng = g_rand_new_with_seed(SEED);
    long pairs = 0, ties = 0, apart = 0, boundary = 0, unequal_ties = 0, asymmetric = 0;
    for (long i = 0; i < 4000000; i++) {
        double a = any_figure(rng), b = near_figure(rng, a);
        if (g_rand_boolean(rng)) {
            double t = a;
            a = b;
            b = t;
        }
        int full = fr_compare_figure(a, b), fast = fr_compare_figure_nonneg(a, b);
        if (fast != full)
            fail_pair("fr_compare_figure_nonneg vs fr_compare_figure", a, b, fast, full);
        check_against_rule("fr_compare_figure", a, b, full);
        int rule = rule_figure(a, b), reversed = fr_compare_figure(b, a);
        if (reversed != -full) {
            /* antisymmetric off the boundary; on it a - tolerance and
             * b + tolerance round apart, so either order may tie */
            if (rule != ON_BOUNDARY)
                fail_pair("fr_compare_figure reversed", b, a, reversed, -full);
            asymmetric++;
        }
        pairs++;
        boundary += rule == ON_BOUNDARY;
        ties += rule == 0;
        apart += rule == -1 || rule == 1;
        unequal_ties += rule == 0 && a != b;
    }
    /* signed figures: fr_compare_figure alone */
    long signed_pairs = 0;
    for (long i = 0; i < 1000000; i++) {
        double a = any_figure(rng), b = near_figure(rng, a);
        if (g_rand_boolean(rng))
            a = -a;
        if (g_rand_boolean(rng))
            b = -b;
        check_against_rule("fr_compare_figure (signed)", a, b, fr_compare_figure(a, b));
        signed_pairs++;
    }
    g_rand_free(rng);
    print_message("figures: %ld pairs >= 0 (%ld tie, %ld of them unequal; %ld apart; %ld on "
                  "the boundary, of which %ld tie one way round only), %ld signed\n",
                  pairs, ties, unequal_ties, apart, boundary, asymmetric, signed_pairs);
    assert_true(unequal_ties > pairs / 20 && apart > pairs / 10);
    assert_true(boundary > 1000 && boundary < pairs / 4);
}

/* ---- keys -------------------------------------------------------------------------- */

/* fr_objectives_decide() and fr_objective_bounds_decide() decide a
 * against b only as fr_key_compare() does (`full`). */
static long bounded_pairs; /* pairs the bounds decided */

static void check_objective_tests(const fr_key *a, const fr_key *b, int full)
{
    int decided = fr_objectives_decide(a->obj, b->obj);
    fr_objective_bounds bounds = fr_objective_bounds_of(b->obj);
    int bounded = fr_objective_bounds_decide(&bounds, a->obj);
    if (decided && decided != full)
        fail_keys("fr_objectives_decide vs fr_key_compare", a, b, decided, full);
    if (bounded && bounded != full)
        fail_keys("fr_objective_bounds_decide vs fr_key_compare", a, b, bounded, full);
    bounded_pairs += bounded != 0;
}

static void test_key_fast_path(void **state)
{
    (void)state;
    GRand *rng = g_rand_new_with_seed(SEED + 1);
    long pairs = 0, decided = 0, equal = 0, identical = 0, by_tail = 0, by_edges = 0;
    fr_key pool[64];
    for (int i = 0; i < 64; i++)
        pool[i] = any_key(rng);
    for (long i = 0; i < 4000000; i++) {
        /* a from a small pool, so that keys recur */
        fr_key *slot = &pool[g_rand_int_range(rng, 0, 64)];
        if (g_rand_int_range(rng, 0, 16) == 0)
            *slot = any_key(rng);
        fr_key a = *slot, b = related_key(rng, &a);
        if (g_rand_boolean(rng)) {
            fr_key t = a;
            a = b;
            b = t;
        }
        int full = fr_key_compare(&a, &b), fast = fr_key_compare_fast(&a, &b);
        if (fast != full)
            fail_keys("fr_key_compare_fast vs fr_key_compare", &a, &b, fast, full);
        int full_ba = fr_key_compare(&b, &a), fast_ba = fr_key_compare_fast(&b, &a);
        if (fast_ba != full_ba)
            fail_keys("fr_key_compare_fast vs fr_key_compare (reversed)", &b, &a, fast_ba,
                      full_ba);
        check_objective_tests(&a, &b, full);
        check_objective_tests(&b, &a, full_ba);
        int rule = rule_key(&a, &b);
        pairs++;
        identical += a.obj == b.obj && a.time == b.time && a.cost == b.cost && a.edges == b.edges;
        if (rule == ON_BOUNDARY)
            continue;
        decided++;
        if (full != rule)
            fail_keys("fr_key_compare against the rule", &a, &b, full, rule);
        if (full_ba != -rule)
            fail_keys("fr_key_compare (reversed) against the rule", &b, &a, full_ba, -rule);
        equal += rule == 0;
        if (rule != 0 && rule_figure(a.obj, b.obj) == 0) {
            by_tail++;
            by_edges += rule_figure(a.time, b.time) == 0 && rule_figure(a.cost, b.cost) == 0;
        }
    }
    g_rand_free(rng);
    print_message("keys: %ld pairs, %ld decided by the rule (%ld equal, %ld identical; %ld "
                  "ordered after a tied objective, %ld of them by edges)\n",
                  pairs, decided, equal, identical, by_tail, by_edges);
    print_message("objective bounds: %ld of %ld ordered pairs decided\n", bounded_pairs,
                  2 * pairs);
    assert_true(bounded_pairs > pairs / 10);
    assert_true(decided > pairs * 3 / 4);
    assert_true(equal > pairs / 50 && by_tail > pairs / 10 && by_edges > pairs / 50);
}

static void test_key_add(void **state)
{
    (void)state;
    GRand *rng = g_rand_new_with_seed(SEED + 2);
    const fr_key zero = {0, 0, 0, 0};
    for (long i = 0; i < 1000000; i++) {
        fr_key a = any_key(rng), b = g_rand_boolean(rng) ? related_key(rng, &a) : any_key(rng);
        a.edges = (uint32_t)g_rand_int_range(rng, 0, 1 << 20);
        fr_key s = fr_key_add(a, b);
        double obj = a.obj + b.obj, time = a.time + b.time, cost = a.cost + b.cost;
        uint32_t edges = a.edges + b.edges;
        if (!(s.obj == obj && s.time == time && s.cost == cost && s.edges == edges))
            fail_keys("fr_key_add is not componentwise", &a, &b, 0, 0);
        fr_key t = fr_key_add(b, a);
        if (!(t.obj == obj && t.time == time && t.cost == cost && t.edges == edges))
            fail_keys("fr_key_add(b, a) differs from fr_key_add(a, b)", &a, &b, 0, 0);
        fr_key z = fr_key_add(a, zero);
        if (!(z.obj == a.obj && z.time == a.time && z.cost == a.cost && z.edges == a.edges))
            fail_keys("fr_key_add(a, 0) is not a", &a, &zero, 0, 0);
    }
    g_rand_free(rng);
    fr_key a = {1.5, 2.25, 3.0, 4}, b = {0.5, INFINITY, 0, 7};
    fr_key s = fr_key_add(a, b);
    assert_true(s.obj == 2.0 && s.time == INFINITY && s.cost == 3.0 && s.edges == 11);
}

static void test_compare_tail(void **state)
{
    (void)state;
    GRand *rng = g_rand_new_with_seed(SEED + 3);
    long checked = 0, decided = 0, nonzero = 0;
    for (long i = 0; i < 2000000; i++) {
        fr_key a = any_key(rng), b = related_key(rng, &a);
        /* objectives that tie: equal, or apart within the tolerance */
        b.obj = g_rand_boolean(rng) ? a.obj : near_figure(rng, a.obj);
        if (rule_figure(a.obj, b.obj) != 0)
            b.obj = a.obj;
        int tail = fr_compare_tail(a.time, a.cost, a.edges, b.time, b.cost, b.edges);
        int full = fr_key_compare(&a, &b);
        if (tail != full)
            fail_keys("fr_compare_tail vs fr_key_compare after a tied objective", &a, &b, tail,
                      full);
        int rule = rule_tail(&a, &b);
        checked++;
        if (rule == ON_BOUNDARY)
            continue;
        decided++;
        nonzero += rule != 0;
        if (tail != rule)
            fail_keys("fr_compare_tail against the rule", &a, &b, tail, rule);
    }
    g_rand_free(rng);
    print_message("tails: %ld pairs with tied objectives, %ld decided by the rule (%ld "
                  "ordered)\n",
                  checked, decided, nonzero);
    assert_true(decided > checked * 3 / 4 && nonzero > checked / 4 &&
                nonzero < decided - checked / 50);
}

/* ---- the engine's inline comparisons ---------------------------------------------- */

#define N_STATES 1024

/* Labels for every state of a fresh search, many of them tying: the key of
 * state s is stored in keys[s] too. */
static void label_states(fr_side *side, GRand *rng, fr_key *keys)
{
    fr_side_begin(side, N_STATES, false);
    for (uint32_t s = 0; s < N_STATES; s++) {
        fr_key k = s > 0 && g_rand_int_range(rng, 0, 4) != 0
                       ? related_key(rng, &keys[g_rand_int_range(rng, 0, (gint32)s)])
                       : any_key(rng);
        keys[s] = k;
        fr_side_set(side, s, k.obj, k.time, k.cost, k.edges, FR_NONE, k.obj);
    }
    assert_int_equal(side->heap_len, N_STATES);
    for (uint32_t s = 0; s < N_STATES; s++) {
        fr_key got = fr_side_key(side, s);
        assert_true(fr_side_labelled(side, s) && !fr_side_settled(side, s));
        assert_true(got.obj == keys[s].obj && got.time == keys[s].time &&
                    got.cost == keys[s].cost && got.edges == keys[s].edges);
    }
}

static void test_side_improves(void **state)
{
    (void)state;
    GRand *rng = g_rand_new_with_seed(SEED + 4);
    fr_side side;
    memset(&side, 0, sizeof side);
    fr_key *keys = g_new(fr_key, N_STATES);
    long checked = 0, decided = 0, improving = 0;
    for (int round = 0; round < 64; round++) {
        label_states(&side, rng, keys);
        for (uint32_t s = 0; s < N_STATES; s++)
            for (int j = 0; j < 12; j++) {
                fr_key cand = related_key(rng, &keys[s]);
                bool got = fr_side_improves(&side, s, cand.obj, cand.time, cand.cost,
                                            cand.edges);
                int full = fr_key_compare(&cand, &keys[s]);
                if (got != (full < 0))
                    fail_keys("fr_side_improves (candidate, label) vs fr_key_compare", &cand,
                              &keys[s], got, full < 0);
                int rule = rule_key(&cand, &keys[s]);
                checked++;
                if (rule == ON_BOUNDARY)
                    continue;
                decided++;
                improving += rule < 0;
                if (got != (rule < 0))
                    fail_keys("fr_side_improves (candidate, label) against the rule", &cand,
                              &keys[s], got, rule < 0);
            }
    }
    fr_side_clear(&side);
    g_free(keys);
    g_rand_free(rng);
    print_message("fr_side_improves: %ld candidate labels, %ld decided by the rule (%ld "
                  "improving)\n",
                  checked, decided, improving);
    assert_true(decided > checked * 3 / 4 && improving > checked / 5 &&
                improving < decided - checked / 5);
}

/* The heap order by the rule: priority (tolerant), then the labels' time,
 * cost and edges, then state number; ON_BOUNDARY when undecided. */
static int rule_before(const fr_heap_entry *a, const fr_heap_entry *b, const fr_key *keys)
{
    int c = rule_figure(a->priority, b->priority);
    if (c == 0)
        c = rule_tail(&keys[a->state], &keys[b->state]);
    if (c == 0)
        c = a->state < b->state ? -1 : a->state > b->state ? 1 : 0;
    return c == ON_BOUNDARY ? ON_BOUNDARY : c < 0;
}

static void test_side_before(void **state)
{
    (void)state;
    GRand *rng = g_rand_new_with_seed(SEED + 5);
    fr_side side;
    memset(&side, 0, sizeof side);
    fr_key *keys = g_new(fr_key, N_STATES);
    long checked = 0, decided = 0, before = 0, by_label = 0, by_state = 0, exact_checked = 0;
    for (int round = 0; round < 64; round++) {
        label_states(&side, rng, keys);
        for (int j = 0; j < 32 * N_STATES; j++) {
            fr_heap_entry a, b;
            a.state = (uint32_t)g_rand_int_range(rng, 0, N_STATES);
            /* b: sometimes a's own state, else any (labels tie often) */
            b.state = g_rand_int_range(rng, 0, 8) == 0
                          ? a.state
                          : (uint32_t)g_rand_int_range(rng, 0, N_STATES);
            a.priority = g_rand_boolean(rng) ? keys[a.state].obj : any_figure(rng);
            b.priority = g_rand_int_range(rng, 0, 4) ? near_figure(rng, a.priority)
                                                     : any_figure(rng);
            side.exact = false;
            bool got = fr_side_before(&side, &a, &b);
            /* the order engine_side.h states, in key.h's terms */
            const fr_key *ka = &keys[a.state], *kb = &keys[b.state];
            int c = fr_compare_figure(a.priority, b.priority);
            if (c == 0)
                c = fr_compare_tail(ka->time, ka->cost, ka->edges, kb->time, kb->cost,
                                    kb->edges);
            bool code = c < 0 || (c == 0 && a.state < b.state);
            if (got != code)
                fail_msg("fr_side_before((%a, %u), (%a, %u)) = %d; by fr_compare_figure, "
                         "fr_compare_tail and state: %d",
                         a.priority, a.state, b.priority, b.state, got, code);
            int rule = rule_before(&a, &b, keys);
            checked++;
            if (rule != ON_BOUNDARY) {
                decided++;
                before += rule;
                if (got != (bool)rule)
                    fail_msg("fr_side_before((%a, %u), (%a, %u)) = %d; the rule says %d "
                             "(labels (%a, %a, %a, %u) and (%a, %a, %a, %u))",
                             a.priority, a.state, b.priority, b.state, got, rule, ka->obj,
                             ka->time, ka->cost, ka->edges, kb->obj, kb->time, kb->cost,
                             kb->edges);
                if (rule_figure(a.priority, b.priority) == 0) {
                    int tail = rule_tail(ka, kb);
                    by_label += tail != 0;
                    by_state += tail == 0;
                }
            }
            /* exact mode (scalar searches): exact priority, then state */
            side.exact = true;
            bool exact = fr_side_before(&side, &a, &b);
            bool want = a.priority < b.priority ||
                        (a.priority == b.priority && a.state < b.state);
            if (exact != want)
                fail_msg("exact fr_side_before((%a, %u), (%a, %u)) = %d, expected %d",
                         a.priority, a.state, b.priority, b.state, exact, want);
            exact_checked++;
        }
    }
    fr_side_clear(&side);
    g_free(keys);
    g_rand_free(rng);
    print_message("fr_side_before: %ld pairs of heap entries, %ld decided by the rule (%ld "
                  "before; tied priorities ordered by the labels %ld, by state %ld); %ld "
                  "in exact mode\n",
                  checked, decided, before, by_label, by_state, exact_checked);
    assert_true(decided > checked * 3 / 4 && by_label > checked / 20 &&
                by_state > checked / 100);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_figures_by_hand), cmocka_unit_test(test_figure_fast_path),
        cmocka_unit_test(test_key_fast_path),   cmocka_unit_test(test_key_add),
        cmocka_unit_test(test_compare_tail),    cmocka_unit_test(test_side_improves),
        cmocka_unit_test(test_side_before),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
