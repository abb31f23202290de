/* fuzz_sections.c - what the fuzz targets share (fuzz_entry.h): one input
 * split into named sections at lines "=== NAME", and the invariant check. */
#include "fuzz_entry.h"

#include <glib.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static const char marker[] = "=== ";
#define MARKER_LEN (sizeof marker - 1)

/* Whether a marker line starts at offset `at` (the start or after a '\n'). */
static bool marker_at(const uint8_t *data, size_t size, size_t at)
{
    return (at == 0 || data[at - 1] == '\n') && size - at >= MARKER_LEN &&
           memcmp(data + at, marker, MARKER_LEN) == 0;
}

/* The offset of the next marker line at or after `from`, or size. */
static size_t next_marker(const uint8_t *data, size_t size, size_t from)
{
    for (size_t at = from; at < size; at++) {
        if (marker_at(data, size, at))
            return at;
        const uint8_t *nl = memchr(data + at, '\n', size - at);
        if (!nl)
            break;
        at = (size_t)(nl - data); /* the loop's at++ steps past it */
    }
    return size;
}

size_t fr_fuzz_split(const uint8_t *data, size_t size, fr_fuzz_section *out, size_t max)
{
    size_t n = 0;
    for (size_t at = next_marker(data, size, 0); at < size && n < max;) {
        size_t name_start = at + MARKER_LEN;
        const uint8_t *nl = memchr(data + name_start, '\n', size - name_start);
        size_t name_end = nl ? (size_t)(nl - data) : size;
        size_t name_len = MIN(name_end - name_start, sizeof out[n].name - 1);
        memcpy(out[n].name, data + name_start, name_len);
        out[n].name[name_len] = '\0';
        size_t body = nl ? name_end + 1 : size;
        size_t end = next_marker(data, size, body);
        out[n].data = data + body;
        out[n].len = end - body;
        n++;
        at = end;
    }
    return n;
}

char *fr_fuzz_section_text(const fr_fuzz_section *section)
{
    return g_strndup((const char *)section->data, section->len);
}

void fr_fuzz_fail(const char *file, int line, const char *condition)
{
    fprintf(stderr, "%s:%d: fuzz invariant broken: %s\n", file, line, condition);
    abort();
}
