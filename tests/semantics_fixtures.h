/* semantics_fixtures.h - what the route-semantics tests
 * (test_semantics_graph.c, test_semantics_query.c, test_semantics_output.c)
 * share: the CSV headers (FORMAT.md §1) their networks are written with,
 * two small networks whose routes the tests compute by hand, and route
 * assertions.
 *
 * Default CO2 factors (§4), kg per TEU-km: rail 0.22, road 0.62, river 0.31,
 * sea 0.08, air 6.02. */
#ifndef FR_TEST_SEMANTICS_FIXTURES_H
#define FR_TEST_SEMANTICS_FIXTURES_H

#include "helpers.h"

#define NODES_HDR "id,name,kind,country,lat,lon,dwell_h,dwell_usd\n"
#define LINKS_HDR \
    "id,from,to,mode,distance_km,time_h,cost_usd,co2_kg,bidirectional,corridor\n"
#define TRANSFERS_HDR "node,from_mode,to_mode,time_h,cost_usd,co2_kg\n"

/* Origin A and destination C dwell too, but are never charged. */
#define ABC_NODES                                   \
    NODES_HDR                                       \
    "A,Alpha,city,CN,29.5,106.5,5,50\n"             \
    "B,Beta,junction,KZ,43.2,76.9,2,20\n"           \
    "C,Gamma,city,DE,51.4,6.7,7,70\n"

/* ORIG -S1 rail-> BTWN -S2 rail-> PORT1 -S3 sea-> PORT2 -S4 road-> DEST
 * BTWN dwells 1 h / 10 USD; PORT1 and PORT2 dwell 0; ORIG and DEST dwell a
 * lot but are never charged. Transfers: PORT1 rail->sea 3 h, 30 USD, 4 kg;
 * PORT2 sea->road 1 h, 5 USD, 0 kg.
 *           cost  time   co2                 km
 *   S1       100   10    100 x 0.22 =  22    100
 *   BTWN      10    1                  0
 *   S2       100   10                 22    100
 *   PORT1     30    3                  4
 *   S3       200   50   1000 x 0.08 =  80   1000
 *   PORT2      5    1                  0
 *   S4        80    2     50 x 0.62 =  31     50
 *   total    525   77                159   1250   transfers 2 */
#define CHAIN_NODES                                         \
    NODES_HDR                                               \
    "ORIG,Origin City,city,CN,29.5,106.5,9,90\n"            \
    "BTWN,Between Yard,rail_terminal,KZ,43.2,76.9,1,10\n"   \
    "PORT1,First Port,seaport,CN,31.2,121.5,0,0\n"          \
    "PORT2,Second Port,seaport,SG,1.3,103.8,0,0\n"          \
    "DEST,Destination Town,city,MY,3.1,101.7,9,90\n"
#define CHAIN_LINKS                                         \
    LINKS_HDR                                               \
    "S1,ORIG,BTWN,rail,100,10,100,,0,Yuxinou\n"             \
    "S2,BTWN,PORT1,rail,100,10,100,,0,Yuxinou\n"            \
    "S3,PORT1,PORT2,sea,1000,50,200,,0,\n"                  \
    "S4,PORT2,DEST,road,50,2,80,,0,\n"
#define CHAIN_TRANSFERS                                     \
    TRANSFERS_HDR                                           \
    "PORT1,rail,sea,3,30,4\n"                               \
    "PORT2,sea,road,1,5,0\n"                                \
    "BTWN,rail,air,1,1,1\n"

/* The best route from -> to by the objective (test failure when none). */
fr_route *route_q(const fr_network *net, const char *from, const char *to, fr_objective obj);
/* Fails the test unless from -> to has no route (FR_ERROR_NO_ROUTE). */
void expect_no_route(const fr_network *net, const char *from, const char *to);
/* The route's link ids, space-separated, are `want`. */
void expect_links(const fr_route *r, const char *want);
/* The route's step types, space-separated, are `want`. */
void expect_types(const fr_route *r, const char *want);
/* The route's totals (whole quantity) are these, to 1e-9 relative. */
void expect_totals(const fr_route *r, double cost, double time, double co2, double dist);

#endif
