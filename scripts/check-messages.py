#!/usr/bin/env python3
"""check-messages.py - every message of compiler/ comes from a catalogue.

Usage: check-messages.py ROOT ALLOWLIST

A user reads English or Chinese text that lives in diag/diag.def (the
diagnostics) or diag/phrase.def (every other phrase); C code only names
entries.  In compiler/**/*.c and *.h, with comments set aside, this fails
on

  branch  a choice on the language (english, lang, DIAG_LANG_*) between
          operands holding string literals: `k->english ? "a" : "b"`,
          `english ? arena_printf(a, "…") : …`, `if (english) return "…";`
  pair    a string literal as the message of a catalogue helper
          (diag_tool_error, cli_usage_error, cli_tr, diag_phrase…), or two
          literals side by side among its arguments
  cjk     a string literal holding CJK characters

except what ALLOWLIST waives.  Its lines read

  PATH KIND [LITERAL...]  # why

KIND is `cjk` (the file's CJK literals, or only the LITERALs given, are
the language's vocabulary rather than messages), `branch` (the file's
language choices are output vocabulary) or `all` (the file is not checked
yet).  Every line must say why, and must still waive something: a stale
line fails too.  Exits 1 and names each offending line.
"""
import os
import re
import shlex
import sys

CJK = re.compile("[\u2e80-\u2fdf\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
                 "\uf900-\ufaff\uff00-\uffef]")
# A flag or value naming the language; not a struct of that name (def.english.text).
LANG = r"(?:\benglish\b|\bDIAG_LANG_(?:EN|ZH)\b|\blang\b)(?!\s*(?:\.|->))"
LANG_WORD = re.compile(LANG)
# The language word as the last thing before a ternary's `?`.
LANG_TERNARY = re.compile(LANG + r"[\s)]*\?")
HELPERS = ("diag_tool_error", "diag_tool_verror", "cli_usage_error", "cli_tr",
           "diag_phrase", "diag_phrasef", "diag_text")
HELPER_CALL = re.compile(r"\b(" + "|".join(HELPERS) + r")\s*\(")
KINDS = ("cjk", "branch", "all")


def scan(text):
    """The code with comments blanked (newlines kept) and its string literals
    as (offset, end, value) with the quotes, escapes left as written."""
    code = []
    strings = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            code.append(" " * (j - i))
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            code.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            if c == '"':
                strings.append((i, j, text[i + 1:j - 1]))
            code.append(text[i:j])
            i = j
        else:
            code.append(c)
            i += 1
    return "".join(code), strings


def closing(code, i):
    """The index just past the bracket that closes the one at code[i]."""
    return until(code, i + 1, "") + 1


def until(code, i, stops):
    """The index of the first of stops at bracket depth 0 from i."""
    depth = 0
    j = i
    while j < len(code):
        ch = code[j]
        if ch in "\"'":
            k = j + 1
            while k < len(code) and code[k] != ch and code[k] != "\n":
                k += 2 if code[k] == "\\" else 1
            j = k + 1
            continue
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            if depth == 0:
                return j
            depth -= 1
        elif depth == 0 and ch in stops:
            return j
        j += 1
    return len(code)


def split_args(code, start, end):
    """The arguments of a call whose parentheses span code[start:end]."""
    args = []
    i = start + 1
    while i < end - 1:
        j = until(code, i, ",")
        j = min(j, end - 1)
        args.append(code[i:j].strip())
        i = j + 1
    return args


def is_literal(arg):
    return re.fullmatch(r'(?:\s*"(?:[^"\\\n]|\\.)*"\s*)+', arg) is not None


def has_literal(code):
    return re.search(r'"', code) is not None


def check_file(path, text, waive):
    """Problems of one file as (line, message), after what waive allows."""
    code, strings = scan(text)
    line_of = lambda off: text.count("\n", 0, off) + 1
    problems = []
    if "all" in waive:
        found, _ = check_file(path, text, {})
        return problems, {"all"} if found else set()
    used = set()
    # branch: a ternary on the language whose operands hold literals.
    for m in LANG_TERNARY.finditer(code):
        colon = until(code, m.end(), ":")
        end = until(code, colon + 1, ",;")
        if has_literal(code[m.end():end]):
            if "branch" in waive:
                used.add("branch")
            else:
                problems.append((line_of(m.start()), "branch: a language choice between literals; "
                                 "use a phrase of diag/phrase.def"))
    # branch: if (english) return "...";
    for m in re.finditer(r"\bif\s*\(", code):
        close = closing(code, m.end() - 1)
        if not LANG_WORD.search(code[m.end():close - 1]):
            continue
        body = close + len(code[close:]) - len(code[close:].lstrip())
        body_end = closing(code, body) if code.startswith("{", body) else until(code, body, ";")
        if has_literal(code[body:body_end]):
            if "branch" in waive:
                used.add("branch")
            else:
                problems.append((line_of(m.start()), "branch: a language test choosing a literal; "
                                 "use a phrase of diag/phrase.def"))
    # pair: a literal as a helper's message, or two literals side by side.
    for m in HELPER_CALL.finditer(code):
        open_at = m.end() - 1
        args = split_args(code, open_at, closing(code, open_at))
        pair = len(args) > 1 and is_literal(args[1])
        pair = pair or any(is_literal(a) and is_literal(b) for a, b in zip(args, args[1:]))
        if pair:
            problems.append((line_of(m.start()), f"pair: {m.group(1)} given literal text; "
                             "give it a phrase id"))
    # pair: an English literal and a Chinese one as neighbouring arguments,
    # whatever the function (a helper of the file's own choosing a
    # language), unless the Chinese one is vocabulary ("unit", "万元").
    allowed = waive.get("cjk")
    vocabulary = lambda v: allowed is not None and (not allowed or v in allowed)
    for (_, end1, v1), (start2, _, v2) in zip(strings, strings[1:]):
        if (re.search("[A-Za-z]", v1) and not CJK.search(v1) and CJK.search(v2)
                and not vocabulary(v2) and re.fullmatch(r"\s*,\s*", code[end1:start2])):
            problems.append((line_of(start2), "pair: an English and a Chinese literal side by "
                             "side; make them a phrase of diag/phrase.def"))
    # cjk: a literal with CJK characters.
    for start, _, value in strings:
        if not CJK.search(value):
            continue
        if vocabulary(value):
            used.add(("cjk", value) if allowed else "cjk")
            continue
        problems.append((line_of(start), f'cjk: "{value}" is a message outside the catalogues '
                         "(diag/diag.def, diag/phrase.def)"))
    return problems, used


def read_allowlist(path):
    """{file: {kind: set of literals}} and the problems of the list itself."""
    waivers, problems = {}, []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            body, _, why = line.partition("#")
            if not body.strip():
                continue
            where = f"{path}:{lineno}"
            if not why.strip():
                problems.append(f"{where}: says not why")
            words = shlex.split(body)
            if len(words) < 2 or words[1] not in KINDS:
                problems.append(f"{where}: expected PATH {'|'.join(KINDS)} [LITERAL...]")
                continue
            waivers.setdefault(words[0], {}).setdefault(words[1], set()).update(words[2:])
    return waivers, problems


def main():
    if len(sys.argv) != 3:
        print(__doc__.splitlines()[2], file=sys.stderr)
        return 2
    root, allowlist = sys.argv[1], os.path.abspath(sys.argv[2])
    waivers, problems = read_allowlist(allowlist)
    os.chdir(root)
    files = sorted(os.path.join(d, n) for d, _, names in os.walk("compiler")
                   for n in names if n.endswith((".c", ".h")))
    for path in waivers:
        if path not in files:
            problems.append(f"allowlist: {path}: no such file")
    for path in files:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        waive = waivers.get(path, {})
        found, used = check_file(path, text, waive)
        found.sort()
        problems += [f"{path}:{line}: {msg}" for line, msg in found]
        for kind, literals in waive.items():
            if kind == "cjk" and literals:
                problems += [f'allowlist: {path}: "{lit}" is no literal of the file any more'
                             for lit in sorted(literals) if ("cjk", lit) not in used]
            elif kind not in used:
                problems.append(f"allowlist: {path}: {kind} waives nothing any more; remove the line")
    for p in problems:
        print("FAIL:", p)
    if problems:
        return 1
    print(f"messages: {len(files)} files, no message outside diag.def and phrase.def")
    return 0


if __name__ == "__main__":
    sys.exit(main())
