#!/usr/bin/env bash
# The README's test command: installs what is missing, then builds and runs
# every test twice - a normal build with warnings as errors, and an
# AddressSanitizer + UndefinedBehaviorSanitizer build - builds a small
# program against the *installed* library with pkg-config and with CMake,
# runs the tests that use threads under ThreadSanitizer, runs each fuzz
# target (tests/fuzz) for 30 seconds, and checks fr-matrix under MPI (2 and
# 3 ranks against one process, tests/mpi).
set -euo pipefail
cd "$(dirname "$0")/.."
bash .ci/deps.sh
jobs=$(nproc)

echo "== build (warnings are errors) and test"
cmake -S . -B build-ci -DFR_WERROR=ON -DFR_BUILD_BENCH=ON >/dev/null
cmake --build build-ci -j"$jobs"
ctest --test-dir build-ci --output-on-failure -j"$jobs"

echo "== install, then link a program against the installed library"
bash tests/install/check.sh build-ci "$PWD/build-ci/_install"

echo "== build with ASan + UBSan and test"
cmake -S . -B build-asan -DFR_WERROR=ON -DFR_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug >/dev/null
cmake --build build-asan -j"$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
LSAN_OPTIONS=suppressions="$PWD/tests/lsan.supp":print_suppressions=0 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j"$jobs"

echo "== build with ThreadSanitizer and run the tests that use threads"
# Only the tests labelled "threads" (tests/CMakeLists.txt), at fewer
# iterations (FR_TEST_QUICK). GLib's slice allocator would hand memory
# between threads behind ThreadSanitizer's back: plain malloc instead.
cmake -S . -B build-tsan -DFR_SANITIZE_THREAD=ON -DFR_BUILD_TESTS=ON -DCMAKE_BUILD_TYPE=Debug >/dev/null
tsan_tests=$(ctest --test-dir build-tsan -L threads -N | sed -n 's/^ *Test *#[0-9]*: *//p')
[ -n "$tsan_tests" ] || { echo "no test is labelled threads" >&2; exit 1; }
# shellcheck disable=SC2086 # one target per word
cmake --build build-tsan -j"$jobs" --target $tsan_tests
G_SLICE=always-malloc FR_TEST_QUICK=1 \
TSAN_OPTIONS="halt_on_error=1:second_deadlock_stack=1:suppressions=$PWD/tests/tsan.supp" \
  ctest --test-dir build-tsan --output-on-failure -j"$jobs" -L threads

echo "== fuzz each target for 30 s (clang, libFuzzer, ASan + UBSan; tests/fuzz/README.md)"
# A finding (crash, leak, broken invariant) stops the fuzzer with an error
# and leaves the input in build-fuzz/findings/<target>/.
CC=clang cmake -S . -B build-fuzz -DFR_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build-fuzz -j"$jobs" --target fuzz
for t in csv loader query options; do
  mkdir -p "build-fuzz/corpus/$t" "build-fuzz/findings/$t"
  ASAN_OPTIONS=detect_leaks=1 \
  LSAN_OPTIONS=suppressions="$PWD/tests/lsan.supp":print_suppressions=0 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "build-fuzz/fuzz_$t" "build-fuzz/corpus/$t" "build-fuzz/tests/fuzz/seeds/$t" \
      "tests/fuzz/seeds/$t" "tests/fuzz/regress/$t" -dict="tests/fuzz/dict/$t.dict" \
      -max_total_time=30 -print_final_stats=1 -artifact_prefix="build-fuzz/findings/$t/"
done

echo "== fr-matrix under MPI: 2 ranks against 1 process"
# FR_MPI: fr-matrix and the generator only, then tests/mpi (label mpi):
# the same bytes, exit status and message from mpirun -n 2 (and -n 3) as
# from one process. No test labelled mpi (MPI not found) is a failure.
cmake -S . -B build-mpi -DFR_MPI=ON -DFR_WERROR=ON >/dev/null
cmake --build build-mpi -j"$jobs" --target fr-matrix fr-gen-network
ctest --test-dir build-mpi --output-on-failure --no-tests=error -L mpi
