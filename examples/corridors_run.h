/* corridors_run.h - what fr-corridors runs once its options are checked and
 * the network loaded: the comparison (undated, at a departure, or over a
 * departure window), the scenarios compared (--scenario A,B) and the
 * critical links (--critical). Each prints and returns the exit code. */
#ifndef FR_CORRIDORS_RUN_H
#define FR_CORRIDORS_RUN_H

#include "cli_options.h"
#include "corridors_output.h"
#include "query_options.h"

/* What the programs' options ask fr-corridors for. */
typedef struct {
    const char *prog;
    const fr_network *net;
    const fr_query *settings; /* objective, quantity, prices, modes, avoided, bounds, date */
    fr_mode_set modes;
    const char *from;                /* resolved origin id */
    char **destinations;             /* resolved destination ids */
    const char *by;                  /* the objective, for people */
    const char *chart;               /* --chart FILE, or NULL */
    const char *scenarios;           /* --scenario A,B, or NULL */
    bool quiet;
    date_choice dates;             /* --arrive-by here is in UTC unless it has an offset */
    const date_options *date_texts; /* to parse --arrive-by in each destination's zone */
} corridors_request;

int corridors_run_compare(const corridors_request *rq, corridor_printer *p);
int corridors_run_scenarios(const corridors_request *rq, FILE *out, cli_format format);
int corridors_run_critical(const corridors_request *rq, FILE *out, cli_format format);

#endif
