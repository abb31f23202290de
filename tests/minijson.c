/* minijson.c - a small strict JSON parser for tests (see minijson.h). */
#include "minijson.h"

#include <stdarg.h>
#include <string.h>

typedef struct {
    const char *s;
    size_t pos;
    char *error;
    int depth;
} mj_parser;

static mj_value *parse_value(mj_parser *p);

static void set_error(mj_parser *p, const char *what)
{
    if (!p->error)
        p->error = g_strdup_printf("JSON offset %zu: %s", p->pos, what);
}

static void skip_ws(mj_parser *p)
{
    while (p->s[p->pos] == ' ' || p->s[p->pos] == '\t' ||
           p->s[p->pos] == '\n' || p->s[p->pos] == '\r')
        p->pos++;
}

static mj_value *new_value(mj_type t)
{
    mj_value *v = g_new0(mj_value, 1);
    v->type = t;
    return v;
}

void mj_free(mj_value *v)
{
    if (!v)
        return;
    g_free(v->string);
    if (v->items)
        g_ptr_array_free(v->items, TRUE);
    if (v->keys)
        g_ptr_array_free(v->keys, TRUE);
    g_free(v);
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static bool read_hex4(mj_parser *p, unsigned *out)
{
    unsigned u = 0;
    for (int i = 0; i < 4; i++) {
        int h = hexval(p->s[p->pos + i]);
        if (h < 0) {
            set_error(p, "bad \\u escape");
            return false;
        }
        u = u * 16 + (unsigned)h;
    }
    p->pos += 4;
    *out = u;
    return true;
}

static char *parse_string_raw(mj_parser *p)
{
    if (p->s[p->pos] != '"') {
        set_error(p, "expected string");
        return NULL;
    }
    p->pos++;
    GString *out = g_string_new(NULL);
    for (;;) {
        unsigned char c = (unsigned char)p->s[p->pos];
        if (c == '\0') {
            set_error(p, "unterminated string");
            goto fail;
        }
        if (c < 0x20) {
            set_error(p, "control character in string");
            goto fail;
        }
        if (c == '"') {
            p->pos++;
            break;
        }
        if (c != '\\') {
            g_string_append_c(out, (char)c);
            p->pos++;
            continue;
        }
        p->pos++;
        char e = p->s[p->pos++];
        switch (e) {
        case '"': g_string_append_c(out, '"'); break;
        case '\\': g_string_append_c(out, '\\'); break;
        case '/': g_string_append_c(out, '/'); break;
        case 'b': g_string_append_c(out, '\b'); break;
        case 'f': g_string_append_c(out, '\f'); break;
        case 'n': g_string_append_c(out, '\n'); break;
        case 'r': g_string_append_c(out, '\r'); break;
        case 't': g_string_append_c(out, '\t'); break;
        case 'u': {
            unsigned u;
            if (!read_hex4(p, &u))
                goto fail;
            if (u >= 0xD800 && u <= 0xDBFF) {
                unsigned lo;
                if (p->s[p->pos] != '\\' || p->s[p->pos + 1] != 'u') {
                    set_error(p, "lone high surrogate");
                    goto fail;
                }
                p->pos += 2;
                if (!read_hex4(p, &lo))
                    goto fail;
                if (lo < 0xDC00 || lo > 0xDFFF) {
                    set_error(p, "bad low surrogate");
                    goto fail;
                }
                u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
            } else if (u >= 0xDC00 && u <= 0xDFFF) {
                set_error(p, "lone low surrogate");
                goto fail;
            }
            g_string_append_unichar(out, (gunichar)u);
            break;
        }
        default:
            set_error(p, "bad escape");
            goto fail;
        }
    }
    if (!g_utf8_validate(out->str, (gssize)out->len, NULL)) {
        set_error(p, "invalid UTF-8 in string");
        goto fail;
    }
    return g_string_free(out, FALSE);
fail:
    g_string_free(out, TRUE);
    return NULL;
}

static mj_value *parse_number(mj_parser *p)
{
    size_t start = p->pos;
    const char *s = p->s;
    if (s[p->pos] == '-')
        p->pos++;
    if (s[p->pos] == '0') {
        p->pos++;
    } else if (s[p->pos] >= '1' && s[p->pos] <= '9') {
        while (g_ascii_isdigit(s[p->pos]))
            p->pos++;
    } else {
        set_error(p, "bad number");
        return NULL;
    }
    if (s[p->pos] == '.') {
        p->pos++;
        if (!g_ascii_isdigit(s[p->pos])) {
            set_error(p, "bad fraction");
            return NULL;
        }
        while (g_ascii_isdigit(s[p->pos]))
            p->pos++;
    }
    if (s[p->pos] == 'e' || s[p->pos] == 'E') {
        p->pos++;
        if (s[p->pos] == '+' || s[p->pos] == '-')
            p->pos++;
        if (!g_ascii_isdigit(s[p->pos])) {
            set_error(p, "bad exponent");
            return NULL;
        }
        while (g_ascii_isdigit(s[p->pos]))
            p->pos++;
    }
    char *text = g_strndup(s + start, p->pos - start);
    mj_value *v = new_value(MJ_NUMBER);
    v->number = g_ascii_strtod(text, NULL);
    g_free(text);
    return v;
}

static bool literal(mj_parser *p, const char *word)
{
    size_t n = strlen(word);
    if (strncmp(p->s + p->pos, word, n) == 0) {
        p->pos += n;
        return true;
    }
    return false;
}

static mj_value *parse_array(mj_parser *p)
{
    p->pos++; /* [ */
    mj_value *v = new_value(MJ_ARRAY);
    v->items = g_ptr_array_new_with_free_func((GDestroyNotify)mj_free);
    skip_ws(p);
    if (p->s[p->pos] == ']') {
        p->pos++;
        return v;
    }
    for (;;) {
        mj_value *item = parse_value(p);
        if (!item)
            goto fail;
        g_ptr_array_add(v->items, item);
        skip_ws(p);
        if (p->s[p->pos] == ',') {
            p->pos++;
            continue;
        }
        if (p->s[p->pos] == ']') {
            p->pos++;
            return v;
        }
        set_error(p, "expected , or ]");
        goto fail;
    }
fail:
    mj_free(v);
    return NULL;
}

static mj_value *parse_object(mj_parser *p)
{
    p->pos++; /* { */
    mj_value *v = new_value(MJ_OBJECT);
    v->items = g_ptr_array_new_with_free_func((GDestroyNotify)mj_free);
    v->keys = g_ptr_array_new_with_free_func(g_free);
    skip_ws(p);
    if (p->s[p->pos] == '}') {
        p->pos++;
        return v;
    }
    for (;;) {
        skip_ws(p);
        char *key = parse_string_raw(p);
        if (!key)
            goto fail;
        for (guint i = 0; i < v->keys->len; i++)
            if (strcmp(g_ptr_array_index(v->keys, i), key) == 0) {
                set_error(p, "duplicate key");
                g_free(key);
                goto fail;
            }
        skip_ws(p);
        if (p->s[p->pos] != ':') {
            g_free(key);
            set_error(p, "expected :");
            goto fail;
        }
        p->pos++;
        mj_value *item = parse_value(p);
        if (!item) {
            g_free(key);
            goto fail;
        }
        g_ptr_array_add(v->keys, key);
        g_ptr_array_add(v->items, item);
        skip_ws(p);
        if (p->s[p->pos] == ',') {
            p->pos++;
            continue;
        }
        if (p->s[p->pos] == '}') {
            p->pos++;
            return v;
        }
        set_error(p, "expected , or }");
        goto fail;
    }
fail:
    mj_free(v);
    return NULL;
}

static mj_value *parse_value(mj_parser *p)
{
    if (++p->depth > 200) {
        set_error(p, "too deep");
        return NULL;
    }
    mj_value *v = NULL;
    skip_ws(p);
    char c = p->s[p->pos];
    if (c == '{') {
        v = parse_object(p);
    } else if (c == '[') {
        v = parse_array(p);
    } else if (c == '"') {
        char *s = parse_string_raw(p);
        if (s) {
            v = new_value(MJ_STRING);
            v->string = s;
        }
    } else if (c == '-' || g_ascii_isdigit(c)) {
        v = parse_number(p);
    } else if (literal(p, "true")) {
        v = new_value(MJ_BOOL);
        v->boolean = true;
    } else if (literal(p, "false")) {
        v = new_value(MJ_BOOL);
    } else if (literal(p, "null")) {
        v = new_value(MJ_NULL);
    } else {
        set_error(p, "unexpected character");
    }
    p->depth--;
    return v;
}

mj_value *mj_parse(const char *text, char **error)
{
    mj_parser p = {text ? text : "", 0, NULL, 0};
    mj_value *v = NULL;
    if (!text) {
        set_error(&p, "NULL text");
    } else {
        v = parse_value(&p);
        if (v) {
            skip_ws(&p);
            if (p.s[p.pos] != '\0') {
                set_error(&p, "trailing characters");
                mj_free(v);
                v = NULL;
            }
        }
    }
    if (error)
        *error = p.error;
    else
        g_free(p.error);
    return v;
}

const mj_value *mj_get(const mj_value *v, const char *key)
{
    if (!v || v->type != MJ_OBJECT)
        return NULL;
    for (guint i = 0; i < v->keys->len; i++)
        if (strcmp(g_ptr_array_index(v->keys, i), key) == 0)
            return g_ptr_array_index(v->items, i);
    return NULL;
}

const mj_value *mj_at(const mj_value *v, size_t i)
{
    if (!v || v->type != MJ_ARRAY || i >= v->items->len)
        return NULL;
    return g_ptr_array_index(v->items, i);
}

size_t mj_len(const mj_value *v)
{
    if (!v || (v->type != MJ_ARRAY && v->type != MJ_OBJECT))
        return 0;
    return v->items->len;
}

const mj_value *mj_path(const mj_value *v, ...)
{
    va_list ap;
    va_start(ap, v);
    const char *key;
    while (v && (key = va_arg(ap, const char *)) != NULL)
        v = mj_get(v, key);
    va_end(ap);
    return v;
}
