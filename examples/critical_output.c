/* critical_output.c - fr-corridors --critical as text, CSV and JSON (see
 * critical_output.h). */
#include "critical_output.h"

#include "cli_common.h"
#include "corridors.h"

#include <math.h>
#include <string.h>

/* One item, ready to print. */
typedef struct {
    const fr_critical_item *item;
    const char *kind; /* "link" or "node" */
    const char *id;
    char *name;       /* "Alashankou → Dostyk (rail, Yuxinou)" or the node's name */
    char *takes_over; /* the new route's family, or "no alternative" */
    double days, usd; /* added, per TEU (text); NAN without an alternative */
    double time_h, cost_usd; /* added, for the whole quantity (CSV, JSON); NAN likewise */
} row;

static const char *node_name(const fr_network *net, const char *id)
{
    fr_node_info node;
    long index = fr_network_find_node(net, id);
    if (index < 0 || !fr_network_node(net, (size_t)index, &node))
        return id;
    return node.name;
}

static char *link_name(const fr_network *net, const char *id)
{
    fr_link_info link;
    for (size_t i = 0; fr_network_link(net, i, &link); i++)
        if (g_str_equal(link.id, id))
            return g_strdup_printf("%s → %s (%s%s%s)", node_name(net, link.from),
                                   node_name(net, link.to), fr_mode_name(link.mode),
                                   *link.corridor ? ", " : "", link.corridor);
    return g_strdup(id);
}

static row row_of(const critical_context *c, const fr_critical_list *list, size_t i)
{
    const fr_critical_item *item = fr_critical_get(list, i);
    row r = {.item = item, .days = NAN, .usd = NAN, .time_h = NAN, .cost_usd = NAN};
    if (item->link_id) {
        r.kind = "link";
        r.id = item->link_id;
        r.name = link_name(c->net, item->link_id);
    } else {
        r.kind = "node";
        r.id = item->node_id;
        r.name = g_strdup(node_name(c->net, item->node_id));
    }
    if (item->alternative && item->route) {
        double quantity = fr_route_quantity(item->route);
        r.takes_over = corridor_family(item->route);
        r.days = item->added_time_h / 24;
        r.usd = item->added_cost_usd / quantity;
        r.time_h = item->added_time_h;
        r.cost_usd = item->added_cost_usd;
    } else {
        r.takes_over = g_strdup("no alternative");
    }
    return r;
}

static void row_clear(row *r)
{
    g_free(r->name);
    g_free(r->takes_over);
}

/* ---- CSV -------------------------------------------------------------------- */

void critical_print_csv(FILE *out, const critical_context *c, const fr_critical_list *list)
{
    fputs("from,to,quantity_teu,rank,item,id,name,added_cost_usd,added_time_h,takes_over,"
          "single_point\n",
          out);
    char *from = cli_csv_quote(c->from);
    for (size_t i = 0; i < fr_critical_count(list); i++) {
        row r = row_of(c, list, i);
        char *to = cli_csv_quote(r.item->destination), *id = cli_csv_quote(r.id);
        char *name = cli_csv_quote(r.name), *family = cli_csv_quote(r.takes_over);
        fprintf(out, "%s,%s,%.12g,%zu,%s,%s,%s,", from, to, c->quantity, i + 1, r.kind, id, name);
        if (isfinite(r.days))
            fprintf(out, "%.12g,%.12g,", r.cost_usd, r.time_h);
        else
            fputs(",,", out);
        fprintf(out, "%s,%d\n", family, r.item->single_point ? 1 : 0);
        g_free(to), g_free(id), g_free(name), g_free(family);
        row_clear(&r);
    }
    g_free(from);
}

/* ---- Text ------------------------------------------------------------------- */

static void put_padded(FILE *out, const char *text, long width)
{
    fputs(text, out);
    for (long n = g_utf8_strlen(text, -1); n < width; n++)
        fputc(' ', out);
}

void critical_print_text(FILE *out, const critical_context *c, const fr_critical_list *list)
{
    fprintf(out, "%s (%s): closing each link and node of the best route, by %s\n",
            node_name(c->net, c->from), c->from, c->by);
    for (size_t d = 0; d < c->n_destinations; d++) {
        const fr_route *base = fr_critical_base_route(list, d);
        char *family = corridor_route_name(base);
        fprintf(out, "  to %s (%s): %s, %.1f days, %.0f USD/TEU\n",
                node_name(c->net, c->destinations[d]), c->destinations[d], family,
                fr_route_total_time_h(base) / 24,
                fr_route_total_cost_usd(base) / fr_route_quantity(base));
        g_free(family);
    }
    size_t n = fr_critical_count(list);
    if (n == 0) {
        fputs("  nothing to close: every destination is reached without passing a node\n\n", out);
        return;
    }
    row *rows = g_new(row, n);
    long to_w = 4, id_w = 4, name_w = 4, family_w = 10;
    for (size_t i = 0; i < n; i++) {
        rows[i] = row_of(c, list, i);
        to_w = MAX(to_w, g_utf8_strlen(rows[i].item->destination, -1));
        id_w = MAX(id_w, g_utf8_strlen(rows[i].id, -1));
        name_w = MAX(name_w, g_utf8_strlen(rows[i].name, -1));
        family_w = MAX(family_w, g_utf8_strlen(rows[i].takes_over, -1));
    }
    fputs("\n  rank  ", out);
    put_padded(out, "to", to_w);
    fputs("  item  ", out);
    put_padded(out, "id", id_w);
    fputs("  ", out);
    put_padded(out, "name", name_w);
    fprintf(out, "  %10s %13s  takes over\n", "added days", "added USD/TEU");
    for (size_t i = 0; i < n; i++) {
        const row *r = &rows[i];
        fprintf(out, "  %4zu  ", i + 1);
        put_padded(out, r->item->destination, to_w);
        fprintf(out, "  %-4s  ", r->kind);
        put_padded(out, r->id, id_w);
        fputs("  ", out);
        put_padded(out, r->name, name_w);
        if (isfinite(r->days))
            fprintf(out, "  %+10.1f %+13.0f  ", r->days, r->usd);
        else
            fprintf(out, "  %10s %13s  ", "", "");
        if (r->item->single_point) {
            put_padded(out, r->takes_over, family_w);
            fputs("  single point", out);
        } else {
            fputs(r->takes_over, out);
        }
        fputc('\n', out);
    }
    fputc('\n', out);
    for (size_t i = 0; i < n; i++)
        row_clear(&rows[i]);
    g_free(rows);
}

/* ---- JSON ------------------------------------------------------------------- */

static void json_string(FILE *out, const char *key, const char *value)
{
    char *quoted = value ? cli_json_quote(value) : g_strdup("null");
    fprintf(out, "\"%s\": %s", key, quoted);
    g_free(quoted);
}

void critical_print_json(FILE *out, const critical_context *c, const fr_critical_list *list)
{
    fputc('{', out);
    json_string(out, "from", c->from);
    fputs(", ", out);
    json_string(out, "by", c->by);
    fprintf(out, ", \"quantity_teu\": %.12g", c->quantity);
    fputs(", \"destinations\": [", out);
    for (size_t d = 0; d < c->n_destinations; d++) {
        const fr_route *base = fr_critical_base_route(list, d);
        char *family = corridor_family(base), *name = corridor_route_name(base);
        fprintf(out, "%s\n  {", d ? "," : "");
        json_string(out, "to", c->destinations[d]);
        fputs(", ", out);
        json_string(out, "family", family);
        fputs(", ", out);
        json_string(out, "name", name);
        fprintf(out, ", \"cost_usd\": %.12g, \"time_h\": %.12g}", fr_route_total_cost_usd(base),
                fr_route_total_time_h(base));
        g_free(family), g_free(name);
    }
    fputs("],\n \"items\": [", out);
    for (size_t i = 0; i < fr_critical_count(list); i++) {
        row r = row_of(c, list, i);
        fprintf(out, "%s\n  {\"rank\": %zu, ", i ? "," : "", i + 1);
        json_string(out, "to", r.item->destination);
        fputs(", ", out);
        json_string(out, "link", r.item->link_id);
        fputs(", ", out);
        json_string(out, "node", r.item->node_id);
        fputs(", ", out);
        json_string(out, "name", r.name);
        if (isfinite(r.days))
            fprintf(out, ", \"added_cost_usd\": %.12g, \"added_time_h\": %.12g, ", r.cost_usd,
                    r.time_h);
        else
            fputs(", \"added_cost_usd\": null, \"added_time_h\": null, ", out);
        json_string(out, "takes_over", r.item->alternative ? r.takes_over : NULL);
        fprintf(out, ", \"alternative\": %s, \"single_point\": %s}",
                r.item->alternative ? "true" : "false", r.item->single_point ? "true" : "false");
        row_clear(&r);
    }
    fputs("]}\n", out);
}
