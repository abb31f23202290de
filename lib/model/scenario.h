/* scenario.h - scenarios (FORMAT.md §6): a file of rules read and checked
 * (scenario.c), and applied in file order to a copy of a model
 * (scenario_apply.c), closing rows or changing their figures. */
#ifndef FR_SCENARIO_H
#define FR_SCENARIO_H

#include "model.h"

typedef enum {
    FR_SELECT_ALL,
    FR_SELECT_LINK,
    FR_SELECT_NODE,
    FR_SELECT_MODE,
    FR_SELECT_CORRIDOR,
    FR_SELECT_COUNTRY,
    FR_SELECT_TRANSFER,
    FR_SELECT_SERVICE
} fr_select_kind;

typedef enum { FR_FIELD_NONE, FR_FIELD_COST, FR_FIELD_TIME, FR_FIELD_CO2, FR_FIELD_DWELL_H,
               FR_FIELD_DWELL_USD } fr_rule_field;

typedef enum { FR_OP_SCALE, FR_OP_ADD, FR_OP_SET, FR_OP_CLOSE } fr_rule_op;

typedef struct {
    uint32_t line;
    char *select;        /* the selector as written, for messages */
    fr_select_kind kind;
    char *arg;           /* the id, mode, corridor or country after "kind:" */
    fr_mode select_mode; /* FR_SELECT_MODE: its mode */
    bool has_mode;       /* "&mode:MODE" */
    fr_mode mode;        /* that mode */
    fr_rule_field field;
    fr_rule_op op;
    double value;
} fr_rule;

struct fr_scenario {
    char *name; /* the file's name without ".csv" */
    char *file; /* the file's name, for messages */
    GArray *rules; /* fr_rule, in file order */
};

/* scenario_apply.c: applies the rules to `model` in order; false with an
 * FR_ERROR_INVALID "<file>:<line>: ..." when a selector matches nothing or
 * a result is not a valid figure (the model is then half changed: drop it). */
bool fr_scenario_apply_model(fr_model *model, const fr_scenario *scenario, GError **error);

#endif /* FR_SCENARIO_H */
