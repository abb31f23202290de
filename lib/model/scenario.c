/* scenario.c - reading a scenario file (FORMAT.md §6): columns select,
 * field, op, value, source; every rule checked on its own (selector syntax,
 * field, op and value) with "<file>:<line>: " errors. Whether a selector
 * matches anything is known only against a network (scenario_apply.c). */
#include "scenario.h"
#include "names.h"
#include "table.h"
#include "error.h"

#include <string.h>

enum { RULE_SELECT, RULE_OP, RULE_FIELD, RULE_VALUE, RULE_SOURCE };
static const char *const rule_columns[] = {"select", "op", "field", "value", "source", NULL};

static const struct {
    const char *prefix;
    fr_select_kind kind;
} selectors[] = {{"link:", FR_SELECT_LINK},       {"node:", FR_SELECT_NODE},
                 {"mode:", FR_SELECT_MODE},       {"corridor:", FR_SELECT_CORRIDOR},
                 {"country:", FR_SELECT_COUNTRY}, {"transfer:", FR_SELECT_TRANSFER},
                 {"service:", FR_SELECT_SERVICE}};

static const char *const field_names[] = {"", "cost_usd", "time_h", "co2_kg", "dwell_h",
                                          "dwell_usd"};
static const char *const op_names[] = {"scale", "add", "set", "close"};

static bool country_code(const char *cc)
{
    return strlen(cc) == 2 && g_ascii_isupper(cc[0]) && g_ascii_isupper(cc[1]);
}

/* "KIND:ARG" (or "all"), the part before any "&mode:". */
static bool parse_kind(const fr_table *t, const char *text, fr_rule *r, GError **error)
{
    if (g_str_equal(text, "all")) {
        r->kind = FR_SELECT_ALL;
        return true;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(selectors); i++)
        if (g_str_has_prefix(text, selectors[i].prefix) && text[strlen(selectors[i].prefix)]) {
            r->kind = selectors[i].kind;
            r->arg = g_strdup(text + strlen(selectors[i].prefix));
            if (r->kind == FR_SELECT_MODE && !fr_mode_from_name(r->arg, &r->select_mode))
                return fr_table_error(t, error, "unknown mode '%s' in selector '%s'", r->arg,
                                      r->select);
            if (r->kind == FR_SELECT_COUNTRY && !country_code(r->arg))
                return fr_table_error(t, error, "'%s' in selector '%s' is not a country code "
                                                "(two upper-case letters)",
                                      r->arg, r->select);
            return true;
        }
    return fr_table_error(t, error,
                          "'%s' is not a selector (all, link:ID, node:ID, mode:MODE, "
                          "corridor:NAME, country:CC, transfer:NODE or service:ID, optionally "
                          "followed by &mode:MODE)",
                          text);
}

static bool parse_selector(const fr_table *t, fr_rule *r, GError **error)
{
    const char *text;
    if (!fr_table_required_cell(t, RULE_SELECT, &text, error))
        return false;
    r->select = g_strdup(text);
    char *copy = g_strdup(text);
    char *amp = strchr(copy, '&');
    bool ok = true;
    if (amp) {
        *amp = '\0';
        ok = g_str_has_prefix(amp + 1, "mode:") && fr_mode_from_name(amp + 6, &r->mode);
        if (!ok)
            fr_table_error(t, error, "'%s' in selector '%s' is not &mode:MODE", amp + 1, text);
        r->has_mode = ok;
    }
    ok = ok && parse_kind(t, copy, r, error);
    g_free(copy);
    return ok;
}

static bool parse_op(const fr_table *t, fr_rule *r, GError **error)
{
    const char *op, *field;
    if (!fr_table_required_cell(t, RULE_OP, &op, error))
        return false;
    size_t i = 0;
    while (i < G_N_ELEMENTS(op_names) && !g_str_equal(op, op_names[i]))
        i++;
    if (i == G_N_ELEMENTS(op_names))
        return fr_table_error(t, error, "unknown op '%s' (scale, add, set or close)", op);
    r->op = (fr_rule_op)i;
    field = fr_table_cell(t, RULE_FIELD);
    if (r->op == FR_OP_CLOSE)
        return *field == '\0' && *fr_table_cell(t, RULE_VALUE) == '\0'
                   ? true
                   : fr_table_error(t, error, "close takes no field or value");
    for (i = 1; i < G_N_ELEMENTS(field_names); i++)
        if (g_str_equal(field, field_names[i]))
            r->field = (fr_rule_field)i;
    if (r->field == FR_FIELD_NONE)
        return fr_table_error(t, error,
                              "%s needs a field: cost_usd, time_h, co2_kg, dwell_h or dwell_usd "
                              "(got '%s')",
                              op, field);
    return fr_table_number_cell(t, RULE_VALUE, true, 0, FR_ANY_VALUE, &r->value, error);
}

static void rule_clear(gpointer data)
{
    fr_rule *r = data;
    g_free(r->select);
    g_free(r->arg);
}

static bool read_rules(fr_scenario *s, const fr_file_source *source, GError **error)
{
    fr_table t;
    bool present;
    bool ok = fr_table_open(&t, source, s->file, rule_columns, 2, false, &present, error);
    int status = ok ? 1 : 0;
    while (ok && status > 0) {
        status = fr_table_next(&t, error);
        if (status <= 0) {
            ok = status == 0;
            break;
        }
        fr_rule r = {.line = fr_table_line(&t)};
        ok = parse_selector(&t, &r, error) && parse_op(&t, &r, error);
        g_array_append_val(s->rules, r); /* cleared with the array, whatever happened */
    }
    fr_table_close(&t);
    return ok;
}

static fr_scenario *scenario_new(const char *name, const char *file)
{
    fr_scenario *s = g_new0(fr_scenario, 1);
    s->name = g_strdup(name);
    s->file = g_strdup(file);
    s->rules = g_array_new(FALSE, TRUE, sizeof(fr_rule));
    g_array_set_clear_func(s->rules, rule_clear);
    return s;
}

fr_scenario *fr_scenario_load_file(const char *path, GError **error)
{
    if (error && *error)
        return NULL;
    if (!path) {
        fr_query_error(error, "fr_scenario_load_file: no path given (NULL)");
        return NULL;
    }
    if (!g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
        g_set_error(error, FR_ERROR, FR_ERROR_IO, "%s: no such scenario file", path);
        return NULL;
    }
    char *file = g_path_get_basename(path);
    char *name = g_str_has_suffix(file, ".csv") ? g_strndup(file, strlen(file) - 4) : g_strdup(file);
    fr_scenario *s = scenario_new(name, file);
    g_free(name);
    g_free(file);
    char *dir = g_path_get_dirname(path);
    fr_file_source source = fr_file_source_dir(dir);
    bool ok = read_rules(s, &source, error);
    g_free(dir);
    if (!ok) {
        fr_scenario_free(s);
        return NULL;
    }
    return s;
}

void fr_scenario_free(fr_scenario *s)
{
    if (!s)
        return;
    g_array_free(s->rules, TRUE);
    g_free(s->name);
    g_free(s->file);
    g_free(s);
}

const char *fr_scenario_name(const fr_scenario *s) { return s ? s->name : NULL; }

/* ---- the embedded scenarios -------------------------------------------------- */

/* scenarios/index.csv of the embedded network: name, description. */
typedef struct {
    GPtrArray *names, *descriptions; /* char *, names NULL-terminated */
} scenario_index;

enum { INDEX_NAME, INDEX_DESCRIPTION };
static const char *const index_columns[] = {"name", "description", NULL};

static gpointer read_index(gpointer unused)
{
    (void)unused;
    scenario_index *ix = g_new0(scenario_index, 1);
    ix->names = g_ptr_array_new();
    ix->descriptions = g_ptr_array_new();
    fr_file_source source;
    fr_table t;
    bool present = false;
    if (fr_file_source_embedded(&source, NULL) &&
        fr_table_open(&t, &source, "scenarios/index.csv", index_columns, 2, true, &present,
                      NULL)) {
        while (present && fr_table_next(&t, NULL) > 0) {
            g_ptr_array_add(ix->names, g_strdup(fr_table_cell(&t, INDEX_NAME)));
            g_ptr_array_add(ix->descriptions, g_strdup(fr_table_cell(&t, INDEX_DESCRIPTION)));
        }
        fr_table_close(&t);
    }
    g_ptr_array_add(ix->names, NULL);
    return ix;
}

static const scenario_index *embedded_index(void)
{
    static GOnce once = G_ONCE_INIT;
    return g_once(&once, read_index, NULL);
}

const char *const *fr_scenario_embedded_names(void)
{
    return (const char *const *)embedded_index()->names->pdata;
}

const char *fr_scenario_embedded_description(const char *name)
{
    const scenario_index *ix = embedded_index();
    for (guint i = 0; name && i < ix->descriptions->len; i++)
        if (g_str_equal(g_ptr_array_index(ix->names, i), name))
            return g_ptr_array_index(ix->descriptions, i);
    return NULL;
}

fr_scenario *fr_scenario_load_embedded(const char *name, GError **error)
{
    if (error && *error)
        return NULL;
    if (!fr_scenario_embedded_description(name)) {
        char *known = g_strjoinv(", ", (char **)embedded_index()->names->pdata);
        g_set_error(error, FR_ERROR, FR_ERROR_QUERY, "unknown scenario '%s' (embedded: %s)",
                    name ? name : "(null)", *known ? known : "none");
        g_free(known);
        return NULL;
    }
    char *file = g_strdup_printf("scenarios/%s.csv", name);
    fr_scenario *s = scenario_new(name, file);
    g_free(file);
    fr_file_source source;
    if (!fr_file_source_embedded(&source, error) || !read_rules(s, &source, error)) {
        fr_scenario_free(s);
        return NULL;
    }
    return s;
}
