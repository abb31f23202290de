/* embedded.c - the default network compiled into the library (the CSV files of lib/data
 * as GResources): a file source for the loader, and writing the files out for
 * planners to edit. */
#include "model.h"

#include <gio/gio.h>

#ifdef FR_HAVE_EMBEDDED_DATA
#include "fr_data_resource.h"

#define FR_DATA_PREFIX "/org/freightroute/data/"

static const char *const data_files[] = {"nodes.csv",    "links.csv",    "transfers.csv",
                                         "modes.csv",    "network.csv",  "services.csv",
                                         "closures.csv", "README.md",    NULL};

static GBytes *lookup_data(const char *file, GError **error)
{
    char *path = g_strconcat(FR_DATA_PREFIX, file, NULL);
    GBytes *bytes = g_resource_lookup_data(fr_data_get_resource(), path,
                                           G_RESOURCE_LOOKUP_FLAGS_NONE, error);
    g_free(path);
    return bytes;
}

static bool read_from_resource(void *context, const char *file, char **contents, gsize *len,
                               bool *missing, GError **error)
{
    (void)context, (void)error;
    GBytes *bytes = lookup_data(file, NULL);
    if (!bytes) {
        *missing = true;
        return true;
    }
    *contents = g_bytes_unref_to_data(bytes, len);
    return true;
}

bool fr_file_source_embedded(fr_file_source *source, GError **error)
{
    (void)error;
    *source = (fr_file_source){read_from_resource, NULL, "the embedded network"};
    return true;
}

/* Writes embedded `file` (a path under the data prefix) into dir; a file
 * this build does not have is skipped. */
static bool export_file(const char *dir, const char *file, GError **error)
{
    GBytes *bytes = lookup_data(file, NULL);
    if (!bytes)
        return true;
    char *path = g_build_filename(dir, file, NULL);
    gsize len;
    const char *data = g_bytes_get_data(bytes, &len);
    GError *io_error = NULL;
    bool ok = g_file_set_contents(path, data, (gssize)len, &io_error);
    if (!ok)
        g_set_error(error, FR_ERROR, FR_ERROR_IO, "%s: cannot write (%s)", path,
                    io_error->message);
    g_clear_error(&io_error);
    g_free(path);
    g_bytes_unref(bytes);
    return ok;
}

/* The embedded scenarios (scenarios/ under the data prefix) into dir/scenarios. */
static bool export_scenarios(const char *dir, GError **error)
{
    char **names = g_resource_enumerate_children(fr_data_get_resource(),
                                                 FR_DATA_PREFIX "scenarios/",
                                                 G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
    if (!names)
        return true; /* a build without scenarios */
    char *sub = g_build_filename(dir, "scenarios", NULL);
    bool ok = g_mkdir_with_parents(sub, 0755) == 0;
    if (!ok)
        g_set_error(error, FR_ERROR, FR_ERROR_IO, "%s: cannot create directory", sub);
    for (char **name = names; ok && *name; name++) {
        char *file = g_strconcat("scenarios/", *name, NULL);
        ok = export_file(dir, file, error);
        g_free(file);
    }
    g_free(sub);
    g_strfreev(names);
    return ok;
}

bool fr_model_export_embedded(const char *dir, GError **error)
{
    if (g_mkdir_with_parents(dir, 0755) != 0) {
        g_set_error(error, FR_ERROR, FR_ERROR_IO, "%s: cannot create directory", dir);
        return false;
    }
    for (const char *const *file = data_files; *file; file++)
        if (!export_file(dir, *file, error))
            return false;
    return export_scenarios(dir, error);
}

#else /* no embedded data in this build */

bool fr_file_source_embedded(fr_file_source *source, GError **error)
{
    (void)source;
    g_set_error(error, FR_ERROR, FR_ERROR_IO,
                "this build of freightroute has no embedded network; pass a network directory");
    return false;
}

bool fr_model_export_embedded(const char *dir, GError **error)
{
    (void)dir;
    fr_file_source unused;
    return fr_file_source_embedded(&unused, error);
}

#endif
