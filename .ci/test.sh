#!/usr/bin/env bash
# The README's test command: installs what is missing, then builds and runs
# every test twice - a normal build with warnings as errors, and an
# AddressSanitizer + UndefinedBehaviorSanitizer build - and builds a small
# program against the *installed* library with pkg-config and with CMake.
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
