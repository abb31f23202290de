#!/usr/bin/env bash
# Installs the build in $1 to the prefix $2, then builds tests/install/consumer.c
# against the installed files twice - with pkg-config (shared and static) and
# with CMake's find_package - and runs each on the sample network.
set -euo pipefail
build=$1 prefix=$2
here=$(cd "$(dirname "$0")" && pwd)
sample="$here/../../examples/data/sample"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cmake --install "$build" --prefix "$prefix" >/dev/null
libdir=$(ls -d "$prefix"/lib*/ | head -n1)
test -e "$prefix/include/freightroute.h"
soname=$(objdump -p "$libdir"/libfreightroute.so | awk '/SONAME/ {print $2}')
echo "installed: SONAME $soname"
[[ $soname == libfreightroute.so.0 ]] || { echo "unexpected SONAME '$soname'"; exit 1; }

export PKG_CONFIG_PATH="$libdir/pkgconfig"
cc -o "$work/consumer" "$here/consumer.c" $(pkg-config --cflags --libs freightroute)
LD_LIBRARY_PATH="$libdir" "$work/consumer" "$sample" CNCKG DEDUI | grep -q '"total"'
# Static: our archive, its dependencies as Debian ships them (shared).
cc -o "$work/consumer_static" "$here/consumer.c" $(pkg-config --cflags freightroute) \
   "$libdir/libfreightroute.a" $(pkg-config --libs gio-2.0 igraph) -lpthread -lm
"$work/consumer_static" "$sample" CNCKG DEDUI | grep -q '"total"'
echo "pkg-config: shared and static consumers route CNCKG -> DEDUI"

cmake -S "$here" -B "$work/cmake" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
cmake --build "$work/cmake" >/dev/null
LD_LIBRARY_PATH="$libdir" "$work/cmake/consumer_cmake" "$sample" CNCKG DEDUI | grep -q '"total"'
echo "find_package(freightroute): consumer routes CNCKG -> DEDUI"
