#!/usr/bin/env bash
# check_layers.sh LIB_SOURCE_DIR LIB_BUILD_DIR - the layer rule of lib/README.md,
# checked on the sources and on the compiled objects:
#   1. every #include "x.h" in lib/<layer>/ names a header of the same layer or
#      a lower one (the build's include paths already refuse the others; this
#      also covers headers no lower file happens to include);
#   2. every call (an undefined symbol of an object that another object of
#      the library defines) goes to the same layer or a lower one;
#   3. no files call each other in a loop (tsort on the file-level call graph).
# Prints each violation and exits 1 if there is any.
set -euo pipefail
src=${1:?usage: check_layers.sh LIB_SOURCE_DIR LIB_BUILD_DIR}
build=${2:?usage: check_layers.sh LIB_SOURCE_DIR LIB_BUILD_DIR}
layers=(util model graph search result api)
declare -A rank
for i in "${!layers[@]}"; do rank[${layers[$i]}]=$i; done
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# ---- 1. includes -------------------------------------------------------------
declare -A header_layer
for layer in "${layers[@]}"; do
    for h in "$src/$layer"/*.h; do
        [ -e "$h" ] && header_layer[$(basename "$h")]=$layer
    done
done
for layer in "${layers[@]}"; do
    for f in "$src/$layer"/*.[ch]; do
        [ -e "$f" ] || continue
        while IFS= read -r inc; do
            hl=${header_layer[$inc]:-}
            [ -n "$hl" ] || continue # generated or public headers
            if ((rank[$hl] > rank[$layer])); then
                echo "upward include: $layer/$(basename "$f") includes $hl/$inc"
                failed=1
            fi
        done < <(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f")
    done
done

# ---- 2. calls between objects ------------------------------------------------
objects=()
for layer in "${layers[@]}"; do
    dir="$build/CMakeFiles/fr_$layer.dir"
    [ -d "$dir" ] || { echo "no objects for layer $layer in $dir"; exit 1; }
    while IFS= read -r o; do
        objects+=("$o")
        name=${o#"$dir"/}
        name=${name%.o}
        case $name in
        "$layer"/*) ;;
        *) name="$layer/$(basename "$name")" ;; # generated sources (the embedded data)
        esac
        nm --defined-only -g "$o" | awk -v f="$name" 'NF >= 3 {print $3, f}' >>"$tmp/defs"
        nm -u "$o" | awk -v f="$name" '{print $NF, f}' >>"$tmp/uses"
    done < <(find "$dir" -name '*.o' | sort)
done
[ ${#objects[@]} -gt 0 ] || { echo "no object files under $build"; exit 1; }
sort -u "$tmp/defs" -o "$tmp/defs"
# user file -> defining file, for symbols the library defines
awk 'NR == FNR {def[$1] = $2; next} ($1 in def) && def[$1] != $2 {print $2, def[$1], $1}' \
    "$tmp/defs" "$tmp/uses" | sort -u >"$tmp/calls"
while read -r user def symbol; do
    ul=${user%%/*} dl=${def%%/*}
    if ((rank[$dl] > rank[$ul])); then
        echo "upward call: $user calls $symbol of $def"
        failed=1
    fi
done <"$tmp/calls"

# ---- 3. loops ------------------------------------------------------------------
# tsort reads "a b" pairs (a before b) and reports any loop on stderr.
if ! awk '{print $2, $1}' "$tmp/calls" | sort -u | tsort >/dev/null 2>"$tmp/loops"; then
    echo "files that call each other in a loop:"
    cat "$tmp/loops"
    failed=1
fi

n_files=$(cut -d' ' -f2 "$tmp/defs" | sort -u | wc -l)
n_calls=$(cut -d' ' -f1,2 "$tmp/calls" | sort -u | wc -l)
if ((failed)); then
    echo "layer rule broken (lib/README.md)"
    exit 1
fi
echo "layer rule holds: ${#objects[@]} objects, $n_files files, $n_calls file-to-file calls, none upward, no loop"
