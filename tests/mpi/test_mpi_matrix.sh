#!/usr/bin/env bash
# test_mpi_matrix.sh - fr-matrix under MPI writes what one process writes.
#
#   bash test_mpi_matrix.sh PART FR_MATRIX FR_GEN_NETWORK MPIEXEC WORKDIR
#       (ctest -L mpi: test_mpi_matrix_embedded, _generated, _errors)
#
# Each case runs fr-matrix with a set of options as one process and under
# `mpirun -n 2` (some also -n 3, with fewer origins than ranks), and asserts
# the same standard output byte for byte, the same exit status and the
# same standard error (mpirun -q keeps its own notes out of it). PART picks
# the cases: embedded (the embedded network: CSV, JSON, text, GeoJSON,
# routes kept, dated, a scenario, --output, side actions), generated (a
# network of a few hundred nodes by fr-gen-network, every pair) or errors
# (unknown node, bad usage, no route, a rank that alone cannot load).
set -uo pipefail

if [[ $# -ne 5 ]]; then
    echo "usage: bash test_mpi_matrix.sh embedded|generated|errors FR_MATRIX FR_GEN_NETWORK MPIEXEC WORKDIR" >&2
    exit 2
fi
part=$1 matrix=$2 gen=$3 mpiexec=$4 work=$5
# Open MPI refuses root without these (CI containers run as root); more
# ranks than cores needs --oversubscribe; -q: no notes of mpirun's own.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
# One machine: shared memory between ranks, no probing of UCX or
# InfiniBand (it halves each run's start).
export OMPI_MCA_pml=ob1 OMPI_MCA_btl=self,vader
# No progress on a terminal, the same locale for every run.
export LC_ALL=C.UTF-8
mkdir -p "$work"
failures=0 cases=0

# same RANKS EXPECTED_STATUS OPTION...: one process against RANKS ranks.
same() {
    local ranks=$1 expected=$2
    shift 2
    cases=$((cases + 1))
    "$matrix" "$@" >"$work/one.out" 2>"$work/one.err"
    local one=$?
    "$mpiexec" -q --oversubscribe -n "$ranks" "$matrix" "$@" >"$work/many.out" 2>"$work/many.err"
    local many=$?
    local what="-n $ranks fr-matrix $*"
    if [[ $one -ne $expected ]]; then
        echo "FAIL $what: one process exited $one, expected $expected" >&2
        sed 's/^/  | /' "$work/one.err" >&2
        failures=$((failures + 1))
    elif [[ $many -ne $one ]]; then
        echo "FAIL $what: exit status $many under MPI, $one as one process" >&2
        sed 's/^/  | /' "$work/many.err" >&2
        failures=$((failures + 1))
    elif ! cmp -s "$work/one.out" "$work/many.out"; then
        echo "FAIL $what: standard output differs" >&2
        diff "$work/one.out" "$work/many.out" | head -n 6 | sed 's/^/  | /' >&2
        failures=$((failures + 1))
    elif ! cmp -s "$work/one.err" "$work/many.err"; then
        echo "FAIL $what: standard error differs" >&2
        diff "$work/one.err" "$work/many.err" | head -n 6 | sed 's/^/  | /' >&2
        failures=$((failures + 1))
    else
        echo "ok   $what: exit $one, $(wc -c <"$work/one.out") bytes"
    fi
}

# The same case, with --output: the files must be the same.
same_file() {
    local ranks=$1
    shift
    cases=$((cases + 1))
    rm -f "$work/one.file" "$work/many.file"
    "$matrix" "$@" --output "$work/one.file"
    local one=$?
    "$mpiexec" -q --oversubscribe -n "$ranks" "$matrix" "$@" --output "$work/many.file"
    local many=$?
    if [[ $one -ne 0 || $many -ne 0 ]] || ! cmp -s "$work/one.file" "$work/many.file"; then
        echo "FAIL -n $ranks fr-matrix $* --output: exit $one/$many or the files differ" >&2
        failures=$((failures + 1))
    else
        echo "ok   -n $ranks fr-matrix $* --output FILE: $(wc -c <"$work/one.file") bytes"
    fi
}

embedded() {
    same 2 0 --from CNCKG,CNCTU --to DEDUI,SGSIN,VNHAN --objective time
    same 2 0 --all --routes
    same 2 0 --all --format json --routes --objective co2
    same 2 0 --all --format text --quantity 40
    same 2 0 --all --format geojson --routes
    same 2 0 --from CNCKG,CNCTU,CNCKG --to DEDUI,SGSIN --format json --routes \
        --depart 2019-07-02T08:00
    same 2 0 --from CNCKG,CNCTU --to DEDUI,PLLOD --scenario red-sea-2024 --format json
    # Fewer origins than ranks: rank 2 has none.
    same 3 0 --from CNCKG,CNCTU --to DEDUI,SGSIN,VNHAN --format json --routes
    same 3 0 --from CNCKG,CNCTU --to DEDUI,SGSIN,VNHAN --format geojson --routes
    same 3 0 --from CNCKG,CNCTU --to DEDUI,SGSIN,VNHAN --format text
    same_file 2 --all --format json --routes
    # Side actions: rank 0 alone.
    same 2 0 --version
    same 2 0 --list nodes --format csv
}

generated() {
    local net="$work/continent-300"
    if [[ ! -f $net/nodes.csv ]]; then
        "$gen" --nodes 300 --seed 7 --out "$net" >/dev/null || {
            echo "FAIL fr-gen-network --nodes 300" >&2
            exit 1
        }
    fi
    same 2 0 --network "$net" --all --objective time
    same 2 0 --network "$net" --all --format json --threads 1
    # Origins from a file, some of them listed twice; the cities (C84 ..)
    # and river ports as destinations.
    sed -n '2,40p' "$net/nodes.csv" | cut -d, -f1 >"$work/origins.txt"
    sed -n '2,5p' "$net/nodes.csv" | cut -d, -f1 >>"$work/origins.txt"
    local to
    to=$(grep -E ',(city|river_port),' "$net/nodes.csv" | cut -d, -f1 | paste -sd,)
    same 2 0 --network "$net" --from "@$work/origins.txt" --to "$to" --format json --routes
    same 3 0 --network "$net" --from "@$work/origins.txt" --to "$to" --routes
    same 3 0 --network "$net" --from "@$work/origins.txt" --to "$to" --format geojson --routes
}

errors() {
    same 2 1 --from CNCKG,NOWHERE --to DEDUI
    same 3 1 --from CNCKG,CNCTU --to DEDUI,NOWHERE --format json
    same 2 2 --from CNCKG --format geojson
    same 2 2 --from CNCKG --threads lots
    same 2 1 --network "$work/no-such-network" --all
    # No route for any pair (exit 3, the matrix still written), the last
    # rank's block being a node with itself.
    same 3 3 --from CNCKG,CNCTU,DEDUI --to DEDUI --modes river
    same 2 3 --from CNCKG,CNCTU --to DEDUI --modes river --format json
    # Rank 1 alone cannot load its network: the run ends with its status
    # and message, as one process with that network would.
    cases=$((cases + 1))
    "$matrix" --network "$work/no-such-network" --from CNCKG,CNCTU >"$work/one.out" 2>"$work/one.err"
    local one=$?
    "$mpiexec" -q -n 1 "$matrix" --from CNCKG,CNCTU : \
        -n 1 "$matrix" --network "$work/no-such-network" --from CNCKG,CNCTU \
        >"$work/many.out" 2>"$work/many.err"
    local many=$?
    if [[ $one -ne 1 || $many -ne $one ]] || ! cmp -s "$work/one.err" "$work/many.err" ||
        [[ -s $work/many.out ]]; then
        echo "FAIL rank 1 without its network: exit $many (expected $one), or another message" >&2
        sed 's/^/  | /' "$work/many.err" >&2
        failures=$((failures + 1))
    else
        echo "ok   rank 1 without its network: exit $many, $(cat "$work/many.err")"
    fi
    # Ranks that read different lists (an @FILE that differs between
    # machines) must not join their blocks.
    cases=$((cases + 1))
    "$mpiexec" -q -n 1 "$matrix" --from CNCKG,CNCTU : -n 1 "$matrix" --from CNCKG \
        >"$work/many.out" 2>"$work/many.err"
    many=$?
    if [[ $many -ne 1 || -s $work/many.out ]] || ! grep -q "different --from or --to" "$work/many.err"; then
        echo "FAIL ranks with different lists: exit $many, or no message" >&2
        sed 's/^/  | /' "$work/many.err" >&2
        failures=$((failures + 1))
    else
        echo "ok   ranks with different lists: exit $many, $(cat "$work/many.err")"
    fi
}

case $part in
embedded | generated | errors) "$part" ;;
*)
    echo "unknown part '$part'" >&2
    exit 2
    ;;
esac
echo "$cases cases, $failures failed"
[[ $failures -eq 0 ]]
