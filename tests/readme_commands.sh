#!/usr/bin/env bash
# readme_commands.sh - runs README.md's commands and C programs as the README
# shows them, so that the README cannot drift from the programs and the API.
#
#   bash tests/readme_commands.sh SRC_DIR BUILD_DIR     (ctest: test_readme)
#
# Part 1, commands. Every command in a fenced block of README.md is found:
# each line of a ```sh block (comments and blank lines aside), and each line
# starting with "$ " in a block without a language or in an sh block that
# shows a prompt (a command with its output; the output is not compared).
# A line ending in "\" goes on with the next. Each command runs, in README
# order and exactly as written, with `bash -c` in one scratch directory that
# plays the clone's root: the build directory's programs come first on
# PATH, ./build is a link to BUILD_DIR and ./examples a link to
# SRC_DIR/examples, so files the commands write (--chart, --output,
# --export-network, > redirections) land in the scratch directory. A
# command fails the test, naming its README line, when it exits with another
# status than expected: 0, unless the command ends with the comment
# "# exit N" (e.g. "./build/fr-route --from CNCKG --to X  # exit 1").
#
# Files the commands read: a fenced block of another language (csv, ...)
# whose preceding paragraph ends with "`NAME`:" (as in "A file such as
# `rates.csv`:") is written to NAME in the scratch directory when it is met.
#
# Skipped on purpose, by pattern, and listed in the output: installing
# (apt-get, sudo, sh/bash .ci/...), building (cmake, cc/gcc/clang: compiling
# against an installed library is tests/install/check.sh's job), the
# benchmark runners (sh bench/run.sh builds a Release tree and runs for long)
# and mpirun over a hostfile (machines the test does not have; tests/mpi
# runs fr-matrix under mpirun on this one).
# Any other command that does not start with a program of the build directory
# (./build/fr-route or fr-route, ...) fails the test: a new kind of command
# must be run or skipped here by name.
#
# Part 2, C programs. Every ```c block that defines main() is compiled as
# C11 with warnings as errors against include/ and the build's static
# library (with the build's sanitizers), and run in the scratch directory:
# it must exit 0. Blocks without main() are fragments and are listed as
# skipped.
set -uo pipefail

if [[ $# -ne 2 ]]; then
    echo "usage: bash readme_commands.sh SRC_DIR BUILD_DIR" >&2
    exit 2
fi
src=$(cd "$1" && pwd) || exit 2
build=$(cd "$2" && pwd) || exit 2
readme="$src/README.md"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/root" "$work/logs" "$work/snippets"
ln -s "$build" "$work/root/build"
ln -s "$src/examples" "$work/root/examples"

failures=0 ran=0 skipped=0 snippets=0

fail() {
    echo "FAIL README.md:$1: $2" >&2
    failures=$((failures + 1))
}

# Why a command is skipped, or nothing when it is to be run.
skip_reason() {
    local cmd=$1
    case $cmd in
    sudo\ * | apt-get\ * | apt\ *) echo "installs packages" ;;
    sh\ .ci/* | bash\ .ci/*) echo "installs, builds and tests (CI script)" ;;
    cmake\ *) echo "a build line" ;;
    cc\ * | gcc\ * | clang\ *) echo "compiles against an installed library (tests/install/check.sh)" ;;
    sh\ bench/run.sh* | bash\ bench/run.sh*) echo "builds and runs the benchmarks" ;;
    sh\ bench/mpi_matrix.sh* | bash\ bench/mpi_matrix.sh*) echo "builds and runs a benchmark" ;;
    mpirun\ --hostfile\ *) echo "runs on the machines of a hostfile (tests/mpi runs fr-matrix under mpirun)" ;;
    esac
}

# The status a command expects: N from a trailing "# exit N", else 0.
expected_status() {
    if [[ $1 =~ \#[[:space:]]*exit[[:space:]]+([0-9]+)[[:space:]]*$ ]]; then
        echo "${BASH_REMATCH[1]}"
    else
        echo 0
    fi
}

run_command() {
    local line=$1 cmd=$2 reason
    reason=$(skip_reason "$cmd")
    if [[ -n $reason ]]; then
        echo "skip ($reason) README.md:$line: $cmd"
        skipped=$((skipped + 1))
        return
    fi
    local program=${cmd%% *}
    program=${program#./build/}
    if [[ ! $program =~ ^fr-[a-z-]+$ || ! -x $build/$program ]]; then
        fail "$line" "'$cmd': not a program of the build directory, nor skipped by a pattern"
        return
    fi
    local want status log="$work/logs/$line"
    want=$(expected_status "$cmd")
    (cd "$work/root" && PATH="$build:$PATH" timeout 300 bash -c "$cmd") >"$log.out" 2>"$log.err"
    status=$?
    ran=$((ran + 1))
    if [[ $status -ne $want ]]; then
        fail "$line" "'$cmd' exited $status, expected $want"
        tail -n 5 "$log.err" | sed 's/^/    /' >&2
    else
        echo "ok (exit $status) README.md:$line: $cmd"
    fi
}

# A block's commands: in sh blocks every line, in blocks without a language
# only "$ " lines; "\" at the end of a line continues the command.
block_commands() {
    local lang=$1 first=$2
    shift 2
    local i=0 cmd="" start=0 text
    # An sh block that shows a prompt ("$ ") shows output too: only its
    # prompted lines are commands.
    [[ $lang == sh ]] && printf '%s\n' "$@" | grep -q '^\$ ' && lang=""
    for text in "$@"; do
        local n=$((first + i))
        i=$((i + 1))
        if [[ -n $cmd ]]; then
            cmd+=$'\n'"$text"
        elif [[ $lang == sh && -n ${text// /} && ! $text =~ ^[[:space:]]*# ]]; then
            cmd=$text start=$n
        elif [[ $lang == "" && $text == '$ '* ]]; then
            cmd=${text#\$ } start=$n
        else
            continue
        fi
        [[ $text == *\\ ]] && continue
        run_command "$start" "$cmd"
        cmd=""
    done
    [[ -z $cmd ]] || fail "$start" "'$cmd': the block ends inside the command"
}

c_block() {
    local first=$1
    shift
    if printf '%s\n' "$@" | grep -q '\bmain[[:space:]]*('; then
        printf '%s\n' "$@" >"$work/snippets/readme-$first.c"
        snippets=$((snippets + 1))
    else
        echo "skip (a fragment, no main()) README.md:$first: C block"
    fi
}

data_block() {
    local first=$1 prose=$2
    shift 2
    if [[ $prose =~ \`([A-Za-z0-9._-]+)\`:[[:space:]]*$ ]]; then
        printf '%s\n' "$@" >"$work/root/${BASH_REMATCH[1]}"
        echo "file README.md:$first: ${BASH_REMATCH[1]}"
    fi
}

# Part 1: walk the README, block by block, in order.
walk_readme() {
    local n=0 text in_block=0 lang="" first=0 prose="" block=()
    while IFS= read -r text || [[ -n $text ]]; do
        n=$((n + 1))
        if [[ $text =~ ^\`\`\`([A-Za-z0-9_+-]*) ]]; then
            if ((in_block)); then
                case $lang in
                sh | "") block_commands "$lang" "$first" "${block[@]}" ;;
                c) c_block "$first" "${block[@]}" ;;
                *) data_block "$first" "$prose" "${block[@]}" ;;
                esac
                in_block=0 prose=""
            else
                in_block=1 lang=${BASH_REMATCH[1]} first=$((n + 1)) block=()
            fi
        elif ((in_block)); then
            block+=("$text")
        elif [[ -n ${text// /} ]]; then
            prose=$text
        fi
    done <"$readme"
    ((in_block)) && fail "$first" "a fenced block is not closed"
}

# Part 2: compile and run the C programs found by walk_readme.
cache_value() {
    sed -n "s/^$1:[A-Z]*=//p" "$build/CMakeCache.txt"
}

run_snippets() {
    local cc flags=() file
    cc=$(cache_value CMAKE_C_COMPILER)
    [[ $(cache_value FR_SANITIZE) == ON ]] && flags+=(-fsanitize=address,undefined -fno-omit-frame-pointer)
    local libs
    libs=$(pkg-config --libs gio-2.0 igraph) || { fail 1 "pkg-config cannot find gio-2.0 or igraph"; return; }
    for file in "$work"/snippets/*.c; do
        [[ -e $file ]] || continue
        local line=${file##*/readme-} exe=${file%.c}
        line=${line%.c}
        # shellcheck disable=SC2086
        if ! "$cc" -std=c11 -Wall -Wextra -Werror "${flags[@]}" -I"$src/include" \
            $(pkg-config --cflags gio-2.0) -o "$exe" "$file" "$build/lib/libfreightroute.a" \
            $libs -lpthread -lm 2>"$work/logs/cc-$line"; then
            fail "$line" "the C program does not compile:"
            head -n 20 "$work/logs/cc-$line" | sed 's/^/    /' >&2
            continue
        fi
        if (cd "$work/root" && timeout 300 "$exe") >"$work/logs/c-$line.out" 2>&1; then
            echo "ok README.md:$line: C program compiled and ran"
            ran=$((ran + 1))
        else
            fail "$line" "the C program exited $?"
            tail -n 10 "$work/logs/c-$line.out" | sed 's/^/    /' >&2
        fi
    done
}

walk_readme
run_snippets
echo "README.md: $ran commands and programs ran as shown, $skipped commands skipped, $failures failures"
if ((ran == 0)); then
    echo "FAIL: no command found in $readme" >&2
    exit 1
fi
((failures == 0))
