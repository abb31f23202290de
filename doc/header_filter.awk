# header_filter.awk - Doxygen's INPUT_FILTER for include/freightroute.h: reads
# the header's plain /* */ comments as the documentation they are, so that
# the header keeps one comment style and its wording is the reference.
#
#   awk -f doc/header_filter.awk include/freightroute.h
#
# It writes the header back with only comment openers changed (every line
# stays on its line, so Doxygen's warnings point at the header's lines):
# - the file's first comment becomes the file's documentation (@file, at
#   its end);
# - a comment on a line of its own followed by code documents that code
#   (/**); when it starts a line and the code is several declarations (up
#   to the next blank line, comment or preprocessor line other than a
#   #define), none is a struct or enum body and the last is not a #define
#   (which would swallow the marker), they share it: a Doxygen member group
#   (DISTRIBUTE_GROUP_DOC) wraps them;
# - a comment on a line of its own followed by a blank line is a note on the
#   whole header (@file, appended to the file's documentation);
# - a comment after code on its line documents that member (/**<);
# - "/* ---- Section ---- */" rules, and comments on a #if or #pragma, stay
#   plain comments;
# - inside a doc comment, lines indented three spaces or more after " *"
#   that follow a blank comment line are an example: @code ... @endcode.

function is_blank(s) { return s ~ /^[ \t]*$/ }
function opens_alone(s) { return s ~ /^[ \t]*\/\*[^*]/ || s ~ /^[ \t]*\/\*$/ }
function is_rule(s) { return s ~ /^[ \t]*\/\* ----/ }
function closes_at(i,    j) {
    for (j = i; j <= n; j++)
        if (index(j == i ? substr(line[j], index(line[j], "/*") + 2) : line[j], "*/"))
            return j
    return n
}
# Declarations from line a to b: top-level semicolons (braces outside
# comments counted) and #defines.
function declarations(a, b,    i, s, k, c, depth, count) {
    depth = 0; count = 0
    for (i = a; i <= b; i++) {
        s = line[i]
        if (s ~ /^#define/) {
            count++
            continue
        }
        sub(/\/\*.*$/, "", s)
        for (k = 1; k <= length(s); k++) {
            c = substr(s, k, 1)
            if (c == "{") depth++
            else if (c == "}") depth--
            else if (c == ";" && depth == 0) count++
        }
    }
    return count
}
# Whether lines a to b define a struct or enum (Doxygen's member groups do
# not take them).
function has_body(a, b,    i) {
    for (i = a; i <= b; i++)
        if (index(line[i], "{"))
            return 1
    return 0
}
# The last line of the code that follows a comment ending on line j.
function code_end(j,    i) {
    for (i = j + 1; i <= n; i++)
        if (is_blank(line[i]) || opens_alone(line[i]) || (line[i] ~ /^#/ && line[i] !~ /^#define/))
            break
    return i - 1
}
# @code/@endcode around the indented example lines of comment a..b.
function mark_examples(a, b,    i, in_code) {
    in_code = 0
    for (i = a + 1; i <= b; i++) {
        if (!in_code && line[i] ~ /^ \*   / && line[i - 1] ~ /^ \*[ \t]*$/) {
            line[i - 1] = line[i - 1] " @code"
            in_code = 1
        } else if (in_code && line[i] ~ /^ \*[ \t]*$/) {
            line[i] = " * @endcode"
            in_code = 0
        } else if (in_code && line[i] ~ /^ \*\/[ \t]*$/) {
            line[i] = " * @endcode */"
            in_code = 0
        } else if (in_code && i == b) {
            sub(/\*\/[ \t]*$/, "@endcode */", line[i])
            in_code = 0
        }
    }
}

{ line[++n] = $0 }

END {
    seen_file_doc = 0
    in_cplusplus = 0
    for (i = 1; i <= n; i++) {
        if (line[i] ~ /^#/ || in_cplusplus) {
            if (line[i] ~ /^#ifdef __cplusplus/) in_cplusplus = 1
            else if (line[i] ~ /^#endif/) in_cplusplus = 0
            continue
        }
        p = index(line[i], "/*")
        if (!p || substr(line[i], p + 2, 1) == "*")
            continue
        j = closes_at(i)
        if (!opens_alone(line[i])) {
            line[i] = substr(line[i], 1, p - 1) "/**<" substr(line[i], p + 2)
        } else if (seen_file_doc && (is_rule(line[i]) || line[j + 1] ~ /^#(if|pragma)/)) {
            ;
        } else if (!seen_file_doc || j == n || is_blank(line[j + 1])) {
            line[i] = substr(line[i], 1, p - 1) "/**" substr(line[i], p + 2)
            mark_examples(i, j)
            sub(/\*\/[ \t]*$/, "@file */", line[j])
            seen_file_doc = 1
        } else {
            line[i] = substr(line[i], 1, p - 1) "/**" substr(line[i], p + 2)
            mark_examples(i, j)
            e = code_end(j)
            if (line[i] ~ /^\/\*/ && declarations(j + 1, e) > 1 && !has_body(j + 1, e) &&
                line[e] !~ /^#/) {
                line[j] = line[j] " /**@{*/"
                line[e] = line[e] " /**@}*/"
            }
        }
        i = j
    }
    for (i = 1; i <= n; i++)
        print line[i]
}
