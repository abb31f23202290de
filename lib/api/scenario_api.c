/* scenario_api.c - fr_network_apply_scenario(): a copy of the network's
 * model sharing nothing with it, the scenario's rules applied to the copy
 * (model/scenario_apply.c), and the copy's own graphs built. */
#include "network.h"
#include "scenario.h"

fr_network *fr_network_apply_scenario(const fr_network *network, const fr_scenario *scenario,
                                      GError **error)
{
    if (error && *error)
        return NULL;
    if (!fr_arg_given(network, "fr_network_apply_scenario", "network", error) ||
        !fr_arg_given(scenario, "fr_network_apply_scenario", "scenario", error))
        return NULL;
    fr_network *net = fr_network_alloc();
    fr_model_copy(&net->model, &network->model);
    if (!fr_scenario_apply_model(&net->model, scenario, error) ||
        !fr_network_build_graphs(net, error)) {
        fr_network_free(net);
        return NULL;
    }
    return net;
}
