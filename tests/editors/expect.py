#!/usr/bin/env python3
"""expect.py - what an editor must highlight in a .goal file, by goal's lexical rules.

    python3 tests/editors/expect.py FILE... > expectations.tsv

A small scanner written from grammar/lexer.l, independent of the editor
grammars it checks: comments (#), strings ("…", “…” and \"\"\"…\"\"\"
blocks), numbers, and the keywords of keyword.def, each a whole word (the
lexer's WORD: letters, CJK included, digits and _), a unit after a number
being no keyword unless the whole unit is one (5 标准).  Two kinds say what
must not be highlighted as it looks: a bare word with digits in it
(指标2, 第1季度: kind word, no number in it), and the characters pasted from
a form that the lexer reports as E0114 (「 」 、 （ ）…: kind pasted, an error,
and no quotes: what 「」 hold is read as if they were not there).

One line per span: FILE, kind (keyword, string, comment, number), the
1-based line, the start and end column in bytes (for Vim) and in UTF-16
code units (for VS Code), end exclusive, and the text.
"""
import os
import re
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
with open(os.path.join(ROOT, "compiler/model/keyword.def"), encoding="utf-8") as f:
    KEYWORDS = {w for pair in re.findall(r'^KEYWORD\(\w+, "([^"]+)", "([^"]+)"\)', f.read(), re.M)
                for w in pair}


def is_letter(c):
    return c == "_" or unicodedata.category(c).startswith("L")


def is_word(c):
    return is_letter(c) or "0" <= c <= "9"


UNIT_EXTRA = set("%％‰℃°²³·*・")
# grammar/lexer.l's PASTED, as code points
PASTED = set().union(*(map(chr, range(a, b + 1)) for a, b in [
    (0xFF01, 0xFF04), (0xFF06, 0xFF0F), (0xFF1A, 0xFF1B), (0xFF1F, 0xFF20), (0xFF3B, 0xFF40),
    (0xFF5B, 0xFF5D), (0x3001, 0x3002), (0x3008, 0x3011)]))


def scan(text):
    """Yields (kind, start, end) as code-point offsets into text."""
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "#":
            j = text.find("\n", i)
            j = n if j < 0 else j
            yield "comment", i, j
            i = j
        elif text.startswith('"""', i):
            j = text.find('"""', i + 3)
            j = n if j < 0 else j + 3
            yield "string", i, j
            i = j
        elif c in PASTED:
            j = i
            while j < n and text[j] in PASTED:
                j += 1
            yield "pasted", i, j
            i = j
        elif c in '"“':
            close = {'"': '"', "“": "”"}[c]
            j = i + 1
            while j < n and text[j] != "\n" and text[j] != close:
                j += 2 if c == '"' and text[j] == "\\" and j + 1 < n and text[j + 1] != "\n" else 1
            if j < n and text[j] == close:
                j += 1
            yield "string", i, j
            i = j
        elif "0" <= c <= "9":
            j = i
            while j < n and ("0" <= text[j] <= "9" or text[j] in ".," and j + 1 < n and "0" <= text[j + 1] <= "9"):
                j += 1
            yield "number", i, j
            # the unit written after it: no keyword inside, unless it is one
            k = j
            while k < n and text[k] in " \t\u3000\u00a0":
                k += 1
            m = k
            while m < n and (is_letter(text[m]) or text[m] in UNIT_EXTRA or
                             text[m] == "/" or ("0" <= text[m] <= "9" and m > k and text[m - 1] in "/0123456789")):
                if text[m] == "/" and not (m + 1 < n and (is_word(text[m + 1]) or text[m + 1] in UNIT_EXTRA)):
                    break
                m += 1
            if m > k and text[k:m] not in KEYWORDS and (m >= n or not is_word(text[m])):
                i = m
            else:
                i = j
        elif is_letter(c):
            j = i
            while j < n and is_word(text[j]):
                j += 1
            if text[i:j] in KEYWORDS:
                yield "keyword", i, j
            elif any("0" <= ch <= "9" for ch in text[i:j]) and not (i > 0 and "0" <= text[i - 1] <= "9"):
                # (a word glued to a number is its unit or a date: 2024年6月底)
                yield "word", i, j
            i = j
        else:
            i += 1


def columns(line, start, end):
    """(byte start, byte end, utf-16 start, utf-16 end), 1-based starts for bytes."""
    b = lambda s: len(s.encode("utf-8"))
    u = lambda s: len(s.encode("utf-16-le")) // 2
    return b(line[:start]) + 1, b(line[:end]) + 1, u(line[:start]), u(line[:end])


def main():
    out = sys.stdout
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        starts = [0] + [m.end() for m in re.finditer("\n", text)]
        for kind, start, end in scan(text):
            # a span over several lines (a text block) is one span per line
            line_no = max(i for i, s in enumerate(starts) if s <= start)
            while start < end:
                line_start = starts[line_no]
                line_end = text.find("\n", line_start)
                line_end = len(text) if line_end < 0 else line_end
                piece_end = min(end, line_end)
                line = text[line_start:line_end]
                if piece_end > start:
                    bs, be, us, ue = columns(line, start - line_start, piece_end - line_start)
                    out.write("%s\t%s\t%d\t%d\t%d\t%d\t%d\t%s\n" % (
                        path, kind, line_no + 1, bs, be, us, ue, text[start:piece_end].replace("\t", " ")))
                line_no += 1
                if line_no >= len(starts):
                    break
                start = starts[line_no]


if __name__ == "__main__":
    main()
