#!/usr/bin/env bash
# check_docs.sh - the API reference builds cleanly from include/freightroute.h
# and the README (doc/Doxyfile.in, configured by CMake).
#
#   bash tests/check_docs.sh DOXYGEN BUILD_DIR/doc/Doxyfile     (ctest: check_docs)
#
# Runs Doxygen with the configured Doxyfile into a scratch directory and
# fails when it exits non-zero or writes any warning (a malformed comment,
# an unresolved link, a grouping that doc/header_filter.awk got wrong), or
# when a function the header declares is missing from the header's page
# (a comment the filter left open would swallow declarations).
#
# Then, for information only, it counts the public symbols that no comment
# of the header documents (Doxygen's WARN_IF_UNDOCUMENTED without
# EXTRACT_ALL): accessors, struct fields and enum values whose names say
# what they are. The count does not fail the test.
set -uo pipefail

if [[ $# -ne 2 ]]; then
    echo "usage: bash check_docs.sh DOXYGEN DOXYFILE" >&2
    exit 2
fi
doxygen=$1 doxyfile=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A copy of the configuration writing into $work/$1; later settings win.
config() {
    cat "$doxyfile"
    echo "OUTPUT_DIRECTORY = $work/$1"
    echo "WARN_LOGFILE = $work/$1.warnings"
}

mkdir "$work/docs"
config docs >"$work/docs.Doxyfile"
if ! "$doxygen" "$work/docs.Doxyfile" >"$work/docs.log" 2>&1; then
    echo "FAIL: doxygen exited non-zero:" >&2
    cat "$work/docs.log" "$work/docs.warnings" >&2
    exit 1
fi
if [[ -s $work/docs.warnings ]]; then
    echo "FAIL: doxygen warns:" >&2
    cat "$work/docs.warnings" >&2
    exit 1
fi

# The header's functions (comments stripped), each on the header's page.
header=$(sed -n 's/^INPUT *= *\([^ ]*freightroute\.h\).*/\1/p' "$doxyfile")
page="$work/docs/html/freightroute_8h.html"
[[ -f $header && -f $page ]] || { echo "FAIL: no header ($header) or no page ($page)" >&2; exit 1; }
functions=$(awk '{ text = text $0 "\n" } END { gsub(/\/\*([^*]|\*+[^*\/])*\*+\//, "", text); printf "%s", text }' "$header" |
    grep -v '^#' | grep -oE '\bfr_[a-z0-9_]+[[:space:]]*\(' | tr -d '( ' | sort -u)
missing=0
for name in $functions; do
    grep -q "\b$name\b" "$page" || { echo "FAIL: $name is declared but not in the reference" >&2; missing=$((missing + 1)); }
done
((missing == 0)) || exit 1
echo "doxygen: no warning; $(wc -w <<<"$functions") functions of the header in the reference"

mkdir "$work/undocumented"
{
    config undocumented
    echo "EXTRACT_ALL = NO"
    echo "WARN_AS_ERROR = NO"
    echo "GENERATE_HTML = NO"
} >"$work/undocumented.Doxyfile"
"$doxygen" "$work/undocumented.Doxyfile" >/dev/null 2>&1
echo "for information: $(grep -c 'is not documented' "$work/undocumented.warnings") public symbols" \
    "without a comment of their own or of their group (Doxygen WARN_IF_UNDOCUMENTED)"
exit 0
