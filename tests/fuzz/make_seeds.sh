#!/usr/bin/env bash
# make_seeds.sh SRC_DIR OUT_DIR - the fuzz targets' seed corpora, generated
# from the test corpus (tests/fuzz/CMakeLists.txt runs it at build time):
#   OUT_DIR/csv/     every CSV file of tests/data, examples/data, lib/data
#                    and the embedded scenarios
#   OUT_DIR/loader/  each network directory as one input, its files in
#                    sections "=== nodes.csv" ... (fuzz_entry.h)
#   OUT_DIR/query/   each embedded scenario as a "=== scenario" section
#   OUT_DIR/options/ each one-line program command of README.md, its words
#                    after the program one a line (comments, redirections
#                    and lines with quotes left out)
# The hand-written seeds are committed in tests/fuzz/seeds/<target>/.
set -euo pipefail
src=$1 out=$2
rm -rf "$out"
mkdir -p "$out/csv" "$out/loader" "$out/query" "$out/options"

# A file as a section: its marker line, its text, a line break at the end.
section() {
    printf '=== %s\n' "$1"
    cat "$2"
    [ -z "$(tail -c 1 "$2")" ] || printf '\n'
}

networks=("$src"/tests/data/* "$src/examples/data/sample" "$src/lib/data")
for dir in "${networks[@]}"; do
    [ -d "$dir" ] || continue
    tag=$(echo "${dir#"$src"/}" | tr '/' '_')
    for f in "$dir"/*.csv; do
        [ -e "$f" ] || continue
        cp "$f" "$out/csv/${tag}_$(basename "$f")"
    done
    for f in "$dir"/*.csv; do
        [ -e "$f" ] && section "$(basename "$f")" "$f"
    done > "$out/loader/$tag"
done

for f in "$src"/lib/data/scenarios/*.csv; do
    cp "$f" "$out/csv/scenario_$(basename "$f")"
    [ "$(basename "$f")" = index.csv ] && continue
    section scenario "$f" > "$out/query/scenario_$(basename "$f" .csv)"
done

# The README's commands as argument lists for fuzz_options.
n=0
set -f # the words are not file patterns
while IFS= read -r line; do
  case $line in *\"* | *\'* | *\\) continue ;; esac
  line=${line%%#*}
  line=${line%%>*}
  n=$((n + 1))
  # shellcheck disable=SC2086 # one word a line
  printf '%s\n' ${line#* } >"$out/options/readme-$n"
done < <(grep -E '^(\$ )?\./build/fr-(route|matrix|corridors) ' "$src/README.md" | sed 's/^\$ //')

touch "$out/stamp"

