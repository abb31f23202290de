/* cli_list.c - --list nodes|corridors|countries|modes|scenarios (declared
 * in cli_options.h): one list of the network, or of the embedded
 * scenarios, as a text table, CSV or JSON. */
#include "cli_common.h"
#include "cli_options.h"

#include <string.h>

static const char *const kinds[] = {"nodes", "corridors", "countries", "modes", "scenarios"};

bool cli_list_kind_known(const char *kind)
{
    for (size_t i = 0; i < G_N_ELEMENTS(kinds); i++)
        if (g_str_equal(kind, kinds[i]))
            return true;
    return false;
}

/* A table being printed: its columns, and the rows printed so far. */
typedef struct {
    FILE *out;
    cli_format format;
    const char *const *columns;
    size_t n_columns, rows;
    GPtrArray *text_rows; /* text: rows kept to align the columns (char **) */
} table;

static void table_begin(table *t)
{
    if (t->format == CLI_CSV)
        for (size_t c = 0; c < t->n_columns; c++)
            fprintf(t->out, "%s%s", t->columns[c], c + 1 < t->n_columns ? "," : "\n");
    if (t->format == CLI_JSON)
        fputc('[', t->out);
    if (t->format == CLI_TEXT)
        t->text_rows = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
}

static void table_row(table *t, const char *const *cells)
{
    if (t->format == CLI_TEXT) {
        g_ptr_array_add(t->text_rows, g_strdupv((char **)cells));
    } else if (t->format == CLI_CSV) {
        for (size_t c = 0; c < t->n_columns; c++) {
            char *cell = cli_csv_quote(cells[c]);
            fprintf(t->out, "%s%s", cell, c + 1 < t->n_columns ? "," : "\n");
            g_free(cell);
        }
    } else {
        fprintf(t->out, "%s\n  {", t->rows ? "," : "");
        for (size_t c = 0; c < t->n_columns; c++) {
            char *value = cli_json_quote(cells[c]);
            fprintf(t->out, "%s\"%s\": %s", c ? ", " : "", t->columns[c], value);
            g_free(value);
        }
        fputc('}', t->out);
    }
    t->rows++;
}

/* Text: the columns aligned (by characters, not bytes), the last unpadded. */
static void table_end(table *t)
{
    if (t->format == CLI_JSON)
        fprintf(t->out, "%s]\n", t->rows ? "\n" : "");
    if (t->format != CLI_TEXT)
        return;
    long width[8] = {0};
    for (guint r = 0; r < t->text_rows->len; r++)
        for (size_t c = 0; c < t->n_columns; c++)
            width[c] = MAX(width[c], g_utf8_strlen(((char **)t->text_rows->pdata[r])[c], -1));
    for (guint r = 0; r < t->text_rows->len; r++) {
        char **cells = t->text_rows->pdata[r];
        for (size_t c = 0; c + 1 < t->n_columns; c++)
            fprintf(t->out, "%s%*s  ", cells[c], (int)(width[c] - g_utf8_strlen(cells[c], -1)),
                    "");
        fprintf(t->out, "%s\n", cells[t->n_columns - 1]);
    }
    g_ptr_array_free(t->text_rows, TRUE);
}

static void list_nodes(table *t, const fr_network *net)
{
    static const char *const columns[] = {"id", "kind", "country", "name"};
    t->columns = columns, t->n_columns = G_N_ELEMENTS(columns);
    table_begin(t);
    fr_node_info node;
    for (size_t i = 0; fr_network_node(net, i, &node); i++)
        table_row(t, (const char *const[]){node.id, fr_node_kind_name(node.kind), node.country,
                                           node.name, NULL});
    table_end(t);
}

/* One column of names (corridors, countries). */
static void list_names(table *t, const char *column, const char *const *names)
{
    const char *const columns[] = {column};
    t->columns = columns, t->n_columns = 1;
    table_begin(t);
    for (const char *const *name = names; name && *name; name++)
        table_row(t, (const char *const[]){*name, NULL});
    table_end(t);
}

static void list_modes(table *t)
{
    static const char *const columns[] = {"mode", "default_co2_kg_per_teu_km"};
    t->columns = columns, t->n_columns = G_N_ELEMENTS(columns);
    table_begin(t);
    for (int m = 0; m < FR_MODE_COUNT; m++) {
        char factor[G_ASCII_DTOSTR_BUF_SIZE];
        g_ascii_formatd(factor, sizeof factor, "%g", fr_mode_default_co2_factor((fr_mode)m));
        table_row(t, (const char *const[]){fr_mode_name((fr_mode)m), factor, NULL});
    }
    table_end(t);
}

static void list_scenarios(table *t)
{
    static const char *const columns[] = {"name", "description"};
    t->columns = columns, t->n_columns = G_N_ELEMENTS(columns);
    table_begin(t);
    for (const char *const *name = fr_scenario_embedded_names(); *name; name++) {
        const char *description = fr_scenario_embedded_description(*name);
        table_row(t, (const char *const[]){*name, description ? description : "", NULL});
    }
    table_end(t);
}

void cli_list_print(FILE *out, const fr_network *net, const char *kind, cli_format format)
{
    table t = {.out = out, .format = format};
    if (g_str_equal(kind, "nodes"))
        list_nodes(&t, net);
    else if (g_str_equal(kind, "corridors"))
        list_names(&t, "corridor", fr_network_corridors(net));
    else if (g_str_equal(kind, "countries"))
        list_names(&t, "country", fr_network_countries(net));
    else if (g_str_equal(kind, "modes"))
        list_modes(&t);
    else
        list_scenarios(&t);
}
