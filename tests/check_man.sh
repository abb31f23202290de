#!/usr/bin/env bash
# check_man.sh - keeps the manual pages in man/ in step with the programs.
#
#   bash tests/check_man.sh SRC_DIR BUILD_DIR     (ctest: check_man)
#
# For fr-route, fr-matrix and fr-corridors:
# - the long options the program's --help-all lists and the long options the
#   tags of its page's OPTIONS section name (".TP" then "\fB\-\-name\fR...")
#   are the same set: an option missing from the page, or a page option the
#   program does not have, fails the test, named;
# - the page has the sections NAME, SYNOPSIS, DESCRIPTION, OPTIONS,
#   EXIT STATUS, EXAMPLES and SEE ALSO, and its NAME line is the program's;
# - the page is ASCII (groff escapes for other characters);
# - when groff is installed, `groff -man -Tutf8 -ww` renders the page
#   without a warning (without groff that part is skipped, and says so).
set -uo pipefail

if [[ $# -ne 2 ]]; then
    echo "usage: bash check_man.sh SRC_DIR BUILD_DIR" >&2
    exit 2
fi
src=$1 build=$2
programs=(fr-route fr-matrix fr-corridors)
sections=("NAME" "SYNOPSIS" "DESCRIPTION" "OPTIONS" "EXIT STATUS" "EXAMPLES" "SEE ALSO")
failures=0

fail() {
    echo "FAIL $1" >&2
    failures=$((failures + 1))
}

# The long options of a --help text, one a line, sorted: each option line of
# GOption's help starts with two spaces and "-x, --name" or "--name".
help_options() {
    sed -nE 's/^  (-[[:alnum:]], )?--([[:alnum:]][[:alnum:]-]*).*/\2/p' | sort -u
}

# The long options that the tags of the page's OPTIONS section name: the line
# after each .TP, as "\-\-name" or "--name", one a line, sorted.
page_options() {
    awk '/^\.SH / { in_options = ($0 ~ /^\.SH "?OPTIONS"?[[:space:]]*$/); next }
         in_options && tag { print; tag = 0; next }
         in_options && /^\.TP/ { tag = 1 }' "$1" |
        sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' |
        grep -oE -- '--[[:alnum:]][[:alnum:]-]*' | sed 's/^--//' | sort -u
}

check_options() {
    local program=$1 page=$2 help
    if ! help=$("$build/$program" --help-all 2>&1); then
        fail "$program --help-all exited non-zero"
        return
    fi
    local from_help from_page name
    from_help=$(help_options <<<"$help")
    from_page=$(page_options "$page")
    [[ -n $from_help ]] || fail "$program: no option found in --help-all"
    local before=$failures
    for name in $(comm -23 <(echo "$from_help") <(echo "$from_page")); do
        fail "$page: --$name is in $program --help but not in the page's OPTIONS"
    done
    for name in $(comm -13 <(echo "$from_help") <(echo "$from_page")); do
        fail "$page: --$name is in the page's OPTIONS but $program has no such option"
    done
    ((failures > before)) || echo "$program: $(wc -w <<<"$from_help") long options, page and --help agree"
}

check_sections() {
    local program=$1 page=$2 section
    for section in "${sections[@]}"; do
        grep -qE "^\.SH \"?$section\"?[[:space:]]*$" "$page" || fail "$page: no section $section"
    done
    awk '/^\.SH "?NAME"?/ { getline; print; exit }' "$page" | grep -q "^$program \\\\- " ||
        fail "$page: the NAME line does not start with '$program \\- '"
}

# Pages are ASCII (other characters as groff escapes, e.g. \[u0141]): man
# and groff read them without preconv.
check_ascii() {
    local lines
    lines=$(LC_ALL=C grep -n '[^[:print:][:space:]]' "$1" | cut -d: -f1 | tr '\n' ' ')
    [[ -z $lines ]] || fail "$1: characters that are not ASCII on lines $lines"
}

check_render() {
    local page=$1 warnings
    warnings=$(groff -man -Tutf8 -ww -z "$page" 2>&1)
    [[ -z $warnings ]] || fail "$page: groff warns: $warnings"
}

have_groff=0
command -v groff >/dev/null && have_groff=1
((have_groff)) || echo "groff is not installed: the pages' rendering is not checked"
for program in "${programs[@]}"; do
    page="$src/man/$program.1"
    if [[ ! -f $page ]]; then
        fail "$page is missing"
        continue
    fi
    if [[ ! -x $build/$program ]]; then
        fail "$build/$program is not built"
        continue
    fi
    check_options "$program" "$page"
    check_sections "$program" "$page"
    check_ascii "$page"
    ((have_groff)) && check_render "$page"
done
((failures == 0))
