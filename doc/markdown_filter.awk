# markdown_filter.awk - Doxygen's INPUT_FILTER for the Markdown pages: gives
# each heading that the page links to as "(#slug)" (GitHub's anchors: the
# heading in lower case, punctuation dropped, spaces as dashes) the
# explicit anchor "{#slug}" Doxygen needs to resolve the link. Lines stay on
# their lines; nothing else changes.
#
#   awk -f doc/markdown_filter.awk README.md

function slug(text,    s) {
    s = tolower(text)
    gsub(/[^a-z0-9 _-]/, "", s)
    gsub(/ /, "-", s)
    return s
}

{ line[++n] = $0 }

END {
    for (i = 1; i <= n; i++) {
        rest = line[i]
        while (match(rest, /\]\(#[A-Za-z0-9_-]+\)/)) {
            linked[substr(rest, RSTART + 3, RLENGTH - 4)] = 1
            rest = substr(rest, RSTART + RLENGTH)
        }
    }
    fenced = 0
    for (i = 1; i <= n; i++) {
        if (line[i] ~ /^```/)
            fenced = !fenced
        if (!fenced && line[i] ~ /^#+ /) {
            title = line[i]
            sub(/^#+ /, "", title)
            if (slug(title) in linked)
                line[i] = line[i] " {#" slug(title) "}"
        }
        print line[i]
    }
}
