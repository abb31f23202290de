/* export.c - fr_network_export(): any network (loaded, embedded, built in
 * memory, made by a scenario) written as a network directory by the model
 * layer's writer (model/export.h). */
#include "export.h"
#include "network.h"

bool fr_network_export(const fr_network *network, const char *dir, unsigned flags,
                       GError **error)
{
    if (error && *error)
        return false; /* GError rule: never overwrite an error already set */
    if (!network || !dir) {
        g_set_error(error, FR_ERROR, FR_ERROR_QUERY, "fr_network_export: %s is NULL",
                    !network ? "network" : "dir");
        return false;
    }
    if (flags & ~(unsigned)FR_EXPORT_OVERWRITE) {
        g_set_error(error, FR_ERROR, FR_ERROR_QUERY, "fr_network_export: unknown flags 0x%x",
                    flags & ~(unsigned)FR_EXPORT_OVERWRITE);
        return false;
    }
    return fr_model_export(&network->model, dir, flags & FR_EXPORT_OVERWRITE, error);
}
