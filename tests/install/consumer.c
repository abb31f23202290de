/* consumer.c - a tiny logistics application built against the installed
 * freightroute (not the build tree): loads a network, routes, prints JSON. */
#include <freightroute.h>
#include <stdio.h>

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: consumer NETWORK_DIR FROM TO\n");
        return 2;
    }
    GError *error = NULL;
    fr_network *net = fr_network_load_dir(argv[1], &error);
    if (!net) {
        fprintf(stderr, "%s\n", error->message);
        g_error_free(error);
        return 1;
    }
    fr_query *query = fr_query_new(argv[2], argv[3]);
    fr_route *route = fr_network_route(net, query, &error);
    int status = 0;
    if (route) {
        char *json = fr_route_to_json(route);
        printf("%s", json);
        g_free(json);
    } else {
        fprintf(stderr, "%s\n", error->message);
        g_error_free(error);
        status = 3;
    }
    fr_route_free(route);
    fr_query_free(query);
    fr_network_free(net);
    printf("linked against freightroute %s\n", fr_version());
    return status;
}
