#!/bin/sh
# Installs the Debian packages freightroute needs, only those missing; uses
# sudo when not root. Safe to run again.
set -eu
# libboost-graph-dev: only the benchmarks, for the Boost Graph Library baseline.
# clang, libclang-rt-14-dev: only the fuzz targets (tests/fuzz, libFuzzer).
# doxygen: only ctest's check_docs (skipped without it); groff-base: check_man's
# rendering check.
# openmpi-bin, libopenmpi-dev: only fr-matrix under mpirun (FR_MPI, tests/mpi).
packages="build-essential cmake pkg-config libglib2.0-dev libigraph-dev libcmocka-dev libcairo2-dev
  libboost-graph-dev clang libclang-rt-14-dev doxygen groff-base openmpi-bin libopenmpi-dev"
missing=""
for p in $packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "installing:$missing" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
