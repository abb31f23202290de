#!/bin/sh
# mpi_matrix.sh - fr-matrix across MPI ranks against one rank: times an
# origin-destination matrix (200 x 200 cities by default) on a generated
# continent (50,000 road nodes by default) under `mpirun -n 1` and
# `mpirun -n 2`, each rank on one thread, then each rank on its default
# threads (one per processor), and prints the medians of 3 runs and the
# ratio 1 rank / 2 ranks (above 1: two ranks are faster). Also the time of
# starting and loading alone (a 1 x 1 matrix): every rank loads the network.
# Wall-clock ratios need free cores; the processor seconds of each rank
# (one thread per rank, one run) show the split of the work whatever else
# runs: the ratio of one rank's to the busiest of two is the gain two free
# cores or machines would give. Checks that both write the same bytes.
#
#   sh bench/mpi_matrix.sh [BUILD_DIR] [NODES] [PAIRS]
#
# BUILD_DIR (default build-mpi) holds fr-matrix built with -DFR_MPI=ON and
# fr-gen-network. Without mpirun or without an MPI build it says so and
# exits 0. Timings are wall-clock: run it on a quiet machine. On one
# machine the two ranks share its cores; across machines, give mpirun a
# hostfile (README, fr-matrix(1)).
set -eu
cd "$(dirname "$0")/.."

build=${1:-build-mpi} nodes=${2:-50000} pairs=${3:-200}
matrix=$build/fr-matrix gen=$build/fr-gen-network

if ! command -v mpirun >/dev/null 2>&1; then
    echo "mpi_matrix: skipped: no mpirun (Debian: apt-get install openmpi-bin libopenmpi-dev)"
    exit 0
fi
if [ ! -x "$matrix" ] || [ ! -x "$gen" ] || ! ldd "$matrix" 2>/dev/null | grep -q libmpi; then
    echo "mpi_matrix: skipped: no MPI build of fr-matrix in $build (cmake -S . -B $build" \
        "-DFR_MPI=ON -DCMAKE_BUILD_TYPE=Release; cmake --build $build --target fr-matrix" \
        "fr-gen-network)"
    exit 0
fi

# Open MPI refuses root without these; one machine: shared memory only.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export OMPI_MCA_pml=ob1 OMPI_MCA_btl=self,vader

work=$build/bench-mpi
export CPU_DIR="$work"
net=$work/continent-$nodes
mkdir -p "$work"
[ -f "$net/nodes.csv" ] || "$gen" --nodes "$nodes" --seed 7 --out "$net" >/dev/null
grep ',city,' "$net/nodes.csv" | cut -d, -f1 | head -n "$pairs" >"$work/origins.txt"
grep ',city,' "$net/nodes.csv" | cut -d, -f1 | tail -n "$pairs" >"$work/destinations.txt"
first=$(head -n 1 "$work/origins.txt")
n_from=$(wc -l <"$work/origins.txt")
n_to=$(wc -l <"$work/destinations.txt")

# seconds RANKS OUT ARGS...: one run's wall-clock seconds; its output in OUT.
seconds() {
    ranks=$1 out=$2
    shift 2
    start=$(date +%s.%N)
    mpirun -q --oversubscribe -n "$ranks" "$matrix" --network "$net" --no-progress "$@" >"$out"
    end=$(date +%s.%N)
    echo "$start $end" | awk '{printf "%.2f\n", $2 - $1}'
}

# median RANKS ARGS...: the median of 3 runs' seconds.
median() {
    ranks=$1
    shift
    for _ in 1 2 3; do
        seconds "$ranks" "$work/out-$ranks.csv" "$@"
    done | sort -n | sed -n 2p
}

# cpu RANKS ARGS...: each rank's processor seconds (user + system) in one
# run, in rank order, space-separated.
cpu() {
    ranks=$1
    shift
    rm -f "$work"/cpu.*
    # shellcheck disable=SC2016 # expanded by each rank's shell
    mpirun -q --oversubscribe -n "$ranks" sh -c '"$0" "$@" >/dev/null; times >"$CPU_DIR/cpu.$OMPI_COMM_WORLD_RANK"' \
        "$matrix" --network "$net" --no-progress "$@"
    for r in $(seq 0 $((ranks - 1))); do
        # times: the shell's own line, then its children's "XmY.YYYs XmY.YYYs"
        sed -n 2p "$work/cpu.$r" | tr 'ms' '  ' |
            awk '{printf "%.2f ", $1 * 60 + $2 + $3 * 60 + $4}'
    done
}

ratio() {
    echo "$1 $2" | awk '{printf "%.2f", $1 / $2}'
}

echo "fr-matrix under MPI: $n_from x $n_to cities, continent of $(($(wc -l <"$net/nodes.csv") - 1))" \
    "nodes (fr-gen-network --nodes $nodes --seed 7), $(nproc) processors here"
echo "wall-clock seconds, median of 3 runs (mpirun -n 1 against mpirun -n 2)"
printf '%-28s %10s %10s %18s\n' "" "1 rank" "2 ranks" "1 rank / 2 ranks"
same=yes
for threads in 1 0; do
    one=$(median 1 --from "@$work/origins.txt" --to "@$work/destinations.txt" --threads "$threads")
    two=$(median 2 --from "@$work/origins.txt" --to "@$work/destinations.txt" --threads "$threads")
    cmp -s "$work/out-1.csv" "$work/out-2.csv" || same=no
    label="1 thread per rank"
    [ "$threads" = 0 ] && label="default threads per rank"
    printf '%-28s %10s %10s %18s\n' "$label" "$one" "$two" "$(ratio "$one" "$two")"
done
one=$(median 1 --from "$first" --to "$first")
two=$(median 2 --from "$first" --to "$first")
printf '%-28s %10s %10s %18s\n' "start and load (1 x 1)" "$one" "$two" "$(ratio "$one" "$two")"
one=$(cpu 1 --from "@$work/origins.txt" --to "@$work/destinations.txt" --threads 1)
two=$(cpu 2 --from "@$work/origins.txt" --to "@$work/destinations.txt" --threads 1)
busiest=$(echo "$two" | tr ' ' '\n' | sort -n | tail -n 1)
echo "processor seconds, 1 thread per rank: 1 rank ${one% }; 2 ranks ${two% }" \
    "(1 rank / busiest of 2: $(ratio "$one" "$busiest"))"
echo "same output from 1 and 2 ranks: $same"
[ "$same" = yes ]
