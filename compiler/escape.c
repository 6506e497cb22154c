/*
 * escape.c - table-driven escaping of text for output formats.
 *
 * JSON: RFC 8259 string escaping; non-ASCII stays UTF-8 except U+2028 and
 * U+2029, which are escaped so the output is also valid JavaScript.
 * Invariant: output depends on the bytes only (no locale).
 */
#include "escape.h"

#include <string.h>

/* For each ASCII byte: NULL (copy as is) or its JSON escape. */
static const char *const json_escapes[128] = {
    ['"'] = "\\\"", ['\\'] = "\\\\", ['\b'] = "\\b", ['\f'] = "\\f",
    ['\n'] = "\\n", ['\r'] = "\\r",  ['\t'] = "\\t",
};

void
escape_json(FILE *out, const char *s, size_t len)
{
    putc('"', out);
    size_t run = 0; /* start of the pending unescaped run */
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *esc = NULL;
        char buf[8];
        size_t skip = 1;
        if (c < 0x80) {
            esc = json_escapes[c];
            if (esc == NULL && (c < 0x20 || c == 0x7F)) {
                snprintf(buf, sizeof buf, "\\u%04x", c);
                esc = buf;
            }
        } else if (c == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
                   ((unsigned char)s[i + 2] == 0xA8 || (unsigned char)s[i + 2] == 0xA9)) {
            esc = (unsigned char)s[i + 2] == 0xA8 ? "\\u2028" : "\\u2029";
            skip = 3;
        }
        if (esc == NULL)
            continue;
        fwrite(s + run, 1, i - run, out);
        fputs(esc, out);
        i += skip - 1;
        run = i + 1;
    }
    fwrite(s + run, 1, len - run, out);
    putc('"', out);
}
