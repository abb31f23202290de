#!/bin/sh
# run.sh - every benchmark in one command. Installs what is missing
# (.ci/deps.sh, which uses apt-get), builds the benchmarks in Release in
# build-bench/, runs them one after the other and prints their tables,
# also written to build-bench/bench/results.txt.
#
#   sh bench/run.sh            the full run (sizes up to 10^6 road nodes)
#   sh bench/run.sh --small    a quick run at small sizes
#
# With FR_ROUTINGKIT_DIR set in the environment (a built RoutingKit,
# bench/README.md), bench-p2p also measures RoutingKit's hierarchy:
#   FR_ROUTINGKIT_DIR=/path/to/RoutingKit sh bench/run.sh
#
# Timings are wall-clock: run it on a quiet machine. bench-tradeoffs runs
# with --quick here (its largest classic networks take minutes more; run
# build-bench/bench/bench-tradeoffs alone for them).
set -eu
cd "$(dirname "$0")/.."

small=""
case "${1:-}" in
"") ;;
--small) small="--small" ;;
*)
    echo "usage: sh bench/run.sh [--small]" >&2
    exit 2
    ;;
esac

sh .ci/deps.sh
mkdir -p build-bench
log=build-bench/build.log
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release -DFR_BUILD_BENCH=ON -DFR_BUILD_TESTS=OFF \
    "-DFR_ROUTINGKIT_DIR=${FR_ROUTINGKIT_DIR:-}" >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
cmake --build build-bench -j2 >>"$log" 2>&1 || { cat "$log" >&2; exit 1; }

bin=build-bench/bench
results=$bin/results.txt
status_file=$bin/.status
: >"$results"
failed=""

# run NAME ARGS...: runs one benchmark, its output (stdout and stderr) to
# the terminal and to the results file, and notes a failure.
run() {
    name=$1
    shift
    echo "==== $name $* ($(date -u '+%Y-%m-%d %H:%M:%S UTC'))" | tee -a "$results"
    began=$(date +%s)
    { "$bin/$name" "$@" 2>&1; echo $? >"$status_file"; } | tee -a "$results"
    status=$(cat "$status_file")
    echo "==== $name: exit status $status, $(($(date +%s) - began)) s" | tee -a "$results"
    echo | tee -a "$results"
    [ "$status" -eq 0 ] || failed="$failed $name"
}

started=$(date +%s)
{
    echo "freightroute benchmarks, commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
    echo "$(uname -srm), $(nproc) processors, load average $(cut -d' ' -f1-3 /proc/loadavg)"
    echo
} | tee -a "$results"

run bench-route $small
run bench-one-to-all $small
run bench-p2p $small
run bench-matrix $small
run bench-load $small
if [ -n "$small" ]; then
    run bench-tradeoffs --small
else
    run bench-tradeoffs --quick
fi
run bench-dated $small
run bench-corridors $small --csv "$bin/corridors.csv"
rm -f "$status_file"

echo "all benchmarks: $(($(date +%s) - started)) s; tables in $results" | tee -a "$results"
if [ -n "$failed" ]; then
    echo "failed:$failed" | tee -a "$results" >&2
    exit 1
fi
