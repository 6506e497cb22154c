#!/usr/bin/env python3
"""gen-editors.py - the word lists of the editor files, from the compiler's tables.

    python3 scripts/gen-editors.py          rewrite the generated files
    python3 scripts/gen-editors.py --check  exit 1, with a diff, when one is stale
    python3 scripts/gen-editors.py --list keywords|commands|options|option-rows|warnings|formats

The editor files are checked in, so that editors/ works straight from a
clone; this script keeps them current with what goalc reads:

  compiler/model/keyword.def     the keywords (both spellings)
  compiler/front/lexutil.c       the comparator words (大于等于, 以上, 前, 至 …)
  stdlib/framework-*.goal        the category names and their aliases
  compiler/diag/diag.def         the warning names (-Wname, -Wno-name)
  compiler/emit/emit.c           the output formats (--format)
  compiler/cli/main.c            the commands and options

It writes editors/vscode/syntaxes/goal.tmLanguage.json whole, and the
region between the "BEGIN generated" and "END generated" lines of
editors/vim/syntax/goal.vim and of the bash and zsh completions.
"""
import difflib
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def read(path):
    with open(os.path.join(ROOT, path), encoding="utf-8") as f:
        return f.read()


def keywords():
    """[(zh, en)] in keyword.def's order."""
    return re.findall(r'^KEYWORD\(\w+, "([^"]+)", "([^"]+)"\)', read("compiler/model/keyword.def"), re.M)


def comparator_words():
    """{kind: [spelling]}: CMP (prefix words), ABOVE/BELOW (suffixes), BEFORE, RANGE."""
    words = {}
    for spelling, kind in re.findall(r'\{"([^"]+)", sizeof "[^"]+" - 1, LEX_WORD_(\w+),',
                                     read("compiler/front/lexutil.c")):
        words.setdefault(kind, []).append(spelling)
    return words


def categories():
    """Every category name and alias of the stdlib's frameworks, sorted."""
    names = set()
    for f in sorted(os.listdir(os.path.join(ROOT, "stdlib"))):
        if not f.startswith("framework-"):
            continue
        text = re.sub(r"#[^\n]*", "", read("stdlib/" + f))
        names.update(re.findall(r"(?:一级|二级)\s+([^\s\"{}]+)", text))
        for block in re.findall(r"别名\s*\{([^}]*)\}", text):
            names.update(w for w in block.split() if not w.startswith('"'))
    return sorted(names)


def warnings():
    return re.findall(r'^DIAG\("W\d+", \w+, "([^"]+)", WARNING', read("compiler/diag/diag.def"), re.M)


def formats():
    return re.findall(r'\{\.name = "([^"]+)"', read("compiler/emit/emit.c"))


def commands():
    block = re.search(r"\} commands\[\] = \{(.*?)\};", read("compiler/cli/main.c"), re.S).group(1)
    return re.findall(r'\{"([^"]+)", CMD_', block)


def options():
    """Every spelling of main.c's option table, in its order, once each."""
    block = re.search(r"static const struct option options\[\] = \{(.*?)\n\};", read("compiler/cli/main.c"),
                      re.S).group(1)
    seen = []
    for spellings in re.findall(r"\{\{([^}]*)\}", block):
        for s in re.findall(r'"([^"]+)"', spellings):
            if s not in seen:
                seen.append(s)
    return seen


def option_rows():
    """'SPELLING COMMAND' for every spelling of main.c's option table: COMMAND is
    the one command the row is ONLY() for (fmt's --check), or - for a row that
    applies after any command; a spelling in two rows is listed once for each."""
    block = re.search(r"static const struct option options\[\] = \{(.*?)\n\};", read("compiler/cli/main.c"),
                      re.S).group(1)
    names = dict((cmd, name) for name, cmd in
                 re.findall(r'\{"([^"]+)", (CMD_\w+)\}',
                            re.search(r"\} commands\[\] = \{(.*?)\};", read("compiler/cli/main.c"), re.S).group(1)))
    rows = []
    for spellings, only in re.findall(r"\{\{([^}]*)\}, OPTION_\w+, (0|ONLY\(\w+\))", block):
        command = "-" if only == "0" else names[only[5:-1]]
        for sp in re.findall(r'"([^"]+)"', spellings):
            if "%s %s" % (sp, command) not in rows:
                rows.append("%s %s" % (sp, command))
    return rows


# --- the TextMate grammar -------------------------------------------------------

WORDCH = r"[\p{L}0-9_]"
NOT_BEFORE = r"(?<![\p{L}0-9_])"
NOT_AFTER = r"(?![\p{L}0-9_])"
UCHAR = r"[\p{L}_%％‰℃°²³]"
HSPACE = r"[ \t\x{3000}\x{A0}]"
# The lexer's PASTED characters (grammar/lexer.l; E0114): ！＂＃＄ ＆…／ ：； ？＠ ［…＿ ｀
# ｛｜｝ 、 。 〈…】 as code-point ranges.
PASTED_RANGES = [(0xFF01, 0xFF04), (0xFF06, 0xFF0F), (0xFF1A, 0xFF1B), (0xFF1F, 0xFF20), (0xFF3B, 0xFF40),
                 (0xFF5B, 0xFF5D), (0x3001, 0x3002), (0x3008, 0x3011)]
PASTED_TM = "".join(r"\x{%X}-\x{%X}" % r for r in PASTED_RANGES)
PASTED_VIM = "".join(r"\u%04x-\u%04x" % r for r in PASTED_RANGES)
NUMBER = r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?"


def alternation(words):
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def grammar():
    kw = keywords()
    cmp_words = comparator_words()
    all_keywords = [w for pair in kw for w in pair]
    suffixes = cmp_words.get("ABOVE", []) + cmp_words.get("BELOW", []) + cmp_words.get("BEFORE", [])
    suffix_alt = alternation(suffixes + cmp_words.get("RANGE", []))
    kw_alt = alternation(all_keywords)
    # A unit: the lexer's UNIT, stopping before a comparator word that ends it
    # (95%以上, 3人以下), and never a keyword (5 标准).
    uchar = r"(?:(?!(?:%s)(?!%s|/))%s)" % (suffix_alt, UCHAR, UCHAR)
    uhead = r"%s(?:%s|[·*・])*" % (uchar, uchar)
    utail = r"/(?:[0-9]+%s*|%s)" % (uchar, uhead)
    unit = r"(?!(?:%s)(?![\p{L}0-9_%%％‰℃°²³/·*・]))(?:%s(?:%s)*|(?:%s)+)" % (kw_alt, uhead, utail, utail)
    year = r"(?:19|2[0-9])[0-9]{2}"
    mp_dot = year + r"\.(?:1[0-2]|0?[1-9])(?![0-9])"
    mp_dot2 = year + r"\.(?:0[1-9]|1[0-2])(?![0-9])"
    mp_compact = year + r"(?:0[1-9]|1[0-2])(?![0-9])"
    mp_cjk = r"[0-9]{4}年[0-9]{1,2}月"
    minus = HSPACE + r"*-" + HSPACE + "*"
    tilde = HSPACE + r"*(?:~|～|至)" + HSPACE + "*"
    periods = [
        (mp_dot, minus, mp_dot),
        (mp_dot2, tilde, mp_dot2),
        (mp_compact, "(?:%s|%s)" % (minus, tilde), mp_compact),
        (mp_cjk, minus, "(?:%s|[0-9]{1,2}月)" % mp_cjk),
    ]
    date = (r"[0-9]{4}-[0-9]{1,2}(?:-[0-9]{1,2})?(?![0-9])"
            r"|[0-9]{4}年[0-9]{1,2}月(?:[0-9]{1,2}[日号]|底)?"
            r"|[0-9]{1,2}月(?:[0-9]{1,2}[日号]|底)"
            r"|[0-9]{4}\.[0-9]{1,2}\.[0-9]{1,2}"
            r"|[0-9]{1,2}月(?=%s*(?:前|之前|以前|before))" % HSPACE)
    repo = {
        "comment": {"name": "comment.line.number-sign.goal", "match": r"(#).*$",
                    "captures": {"1": {"name": "punctuation.definition.comment.goal"}}},
        "text-block": {"name": "string.quoted.triple.goal", "begin": '"""', "end": '"""',
                       "beginCaptures": {"0": {"name": "punctuation.definition.string.begin.goal"}},
                       "endCaptures": {"0": {"name": "punctuation.definition.string.end.goal"}},
                       "patterns": [{"name": "constant.character.escape.goal", "match": r"\\."}]},
        "string-ascii": {"name": "string.quoted.double.goal", "begin": '"', "end": r'"|$',
                         "beginCaptures": {"0": {"name": "punctuation.definition.string.begin.goal"}},
                         "endCaptures": {"0": {"name": "punctuation.definition.string.end.goal"}},
                         "patterns": [{"name": "constant.character.escape.goal", "match": r"\\."}]},
        "string-cjk": {"name": "string.quoted.double.cjk.goal", "begin": "“", "end": "”|$",
                       "beginCaptures": {"0": {"name": "punctuation.definition.string.begin.goal"}},
                       "endCaptures": {"0": {"name": "punctuation.definition.string.end.goal"}}},
        # 「」 quote nothing in goal: like the rest of what is pasted from a
        # form (、 。 （ ） 【 】 ：…), the lexer's E0114; what is between them is
        # read as it would be without them.
        "pasted": {"name": "invalid.illegal.pasted.goal", "match": "[%s]+" % PASTED_TM},
        "period": {"patterns": [
            {"match": "(%s)(%s)(%s)" % p,
             "captures": {"1": {"name": "constant.numeric.date.goal"},
                          "2": {"name": "keyword.operator.range.goal"},
                          "3": {"name": "constant.numeric.date.goal"}}} for p in periods]},
        "date": {"name": "constant.numeric.date.goal", "match": date},
        "percentage": {"match": r"(%s)%s*([%%％‰])(?=(?:%s)?(?!%s|/))" % (NUMBER, HSPACE, suffix_alt, UCHAR),
                       "captures": {"1": {"name": "constant.numeric.percentage.goal"},
                                    "2": {"name": "constant.numeric.percentage.unit.goal"}}},
        "quantity": {"match": r"(%s)(?:%s*(%s))?" % (NUMBER, HSPACE, unit),
                     "captures": {"1": {"name": "constant.numeric.goal"},
                                  "2": {"name": "constant.numeric.unit.goal"}}},
        "comparator": {"name": "keyword.operator.comparison.goal",
                       "match": r"=>|=<|>=|≥|≧|<=|≤|≦|>|＞|<|＜|=|＝|﹦|═"},
        "range": {"name": "keyword.operator.range.goal", "match": r"\.\.|~|～"},
        "arithmetic": {"name": "keyword.operator.arithmetic.goal",
                       "match": r"\+|×|÷|[-*/](?=%s)" % HSPACE},
        "keyword": {"patterns": [
            {"name": "keyword.other.goal", "match": NOT_BEFORE + "(?:%s)" % alternation(w for w, _ in kw) + NOT_AFTER},
            {"name": "keyword.other.english.goal",
             "match": NOT_BEFORE + "(?:%s)" % alternation(e for _, e in kw) + NOT_AFTER},
        ]},
        "comparator-word": {"patterns": [
            {"name": "keyword.operator.comparison.word.goal",
             "match": NOT_BEFORE + "(?:%s)(?=[0-9]|%s)" % (alternation(cmp_words.get("CMP", [])), NOT_AFTER)},
            {"name": "keyword.operator.comparison.word.goal",
             "match": "(?:%s)%s" % (alternation(suffixes), NOT_AFTER)},
            {"name": "keyword.operator.range.word.goal",
             "match": "(?:%s)(?=[0-9]|%s)" % (alternation(cmp_words.get("RANGE", [])), NOT_AFTER)},
        ]},
        "category": {"name": "entity.name.type.category.goal",
                     "match": NOT_BEFORE + "(?:%s)" % alternation(categories()) + NOT_AFTER},
        "word": {"match": r"[\p{L}_]%s*" % WORDCH},
        "braces": {"patterns": [
            {"name": "punctuation.section.block.begin.goal", "match": r"\{"},
            {"name": "punctuation.section.block.end.goal", "match": r"\}"},
            {"name": "punctuation.section.parens.goal", "match": r"[()]"},
        ]},
    }
    order = ["comment", "text-block", "string-ascii", "string-cjk", "pasted", "period", "date",
             "percentage", "quantity", "comparator", "range", "arithmetic", "keyword", "comparator-word",
             "category", "word", "braces"]
    doc = {
        "$schema": "https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json",
        "comment": "Generated by scripts/gen-editors.py from keyword.def, lexutil.c and the stdlib's "
                   "frameworks; do not edit by hand (make editors-update).",
        "name": "Goal",
        "scopeName": "source.goal",
        "fileTypes": ["goal"],
        "patterns": [{"include": "#" + r} for r in order],
        "repository": repo,
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


# --- the regions of the other files ---------------------------------------------

def vim_region():
    kw = keywords()
    cmp_words = comparator_words()
    out = []

    def lines(group, words):
        words = list(dict.fromkeys(words))
        for i in range(0, len(words), 8):
            out.append("syn keyword %s %s" % (group, " ".join(words[i:i + 8])))

    lines("goalKeyword", [w for pair in kw for w in pair])
    lines("goalComparatorWord", cmp_words.get("CMP", []) + cmp_words.get("ABOVE", []) +
          cmp_words.get("BELOW", []) + cmp_words.get("BEFORE", []) + cmp_words.get("RANGE", []))
    lines("goalCategory", categories())
    # The unit after a number: never a keyword (5 标准), and it stops before a
    # comparator word that ends it (95%以上, 3人以下), as the lexer's.
    kws = r"\|".join(sorted({w for pair in kw for w in pair}, key=lambda w: (-len(w), w)))
    sufs = r"\|".join(sorted(cmp_words.get("ABOVE", []) + cmp_words.get("BELOW", []) +
                              cmp_words.get("BEFORE", []) + cmp_words.get("RANGE", []),
                              key=lambda w: (-len(w), w)))
    unitch = "[%％‰℃°²³/·*・]"
    step = (r"\%(\%(SUF\)\%(\k\|[%％‰℃°²³/]\)\@!\)\@!"
            r"\%(\d\@!\k\|[%％‰℃°²³·*・]\|/\d*\)").replace("SUF", sufs)
    out.append(r'syn match goalPasted "[%s]\+"' % PASTED_VIM)
    out.append(r'syn match goalUnit contained "\%(\%(KWS\)\%(\k\|UNITCH\)\@!\)\@!\%(STEP\)\+"'
               .replace("KWS", kws).replace("UNITCH", unitch).replace("STEP", step))
    return "\n".join(out) + "\n"


def shell_words(name, words, fmt):
    return fmt % (name, " ".join(words))


def bash_region():
    return "".join([
        shell_words("_goalc_commands", commands() + ["help"], "%s='%s'\n"),
        shell_words("_goalc_options", options(), "%s='%s'\n"),
        shell_words("_goalc_warnings", warnings(), "%s='%s'\n"),
        shell_words("_goalc_formats", formats(), "%s='%s'\n"),
    ])


def zsh_region():
    return "".join([
        shell_words("_goalc_commands", commands() + ["help"], "%s=(%s)\n"),
        shell_words("_goalc_warnings", warnings(), "%s=(%s)\n"),
        shell_words("_goalc_formats", formats(), "%s=(%s)\n"),
    ])


BEGIN = re.compile(r"^.*BEGIN generated by scripts/gen-editors\.py.*\n", re.M)
END = re.compile(r"^.*END generated.*$", re.M)


def with_region(text, region, path):
    b = BEGIN.search(text)
    e = END.search(text, b.end() if b else 0)
    if b is None or e is None:
        sys.exit("gen-editors.py: %s has no BEGIN/END generated lines" % path)
    return text[:b.end()] + region + text[e.start():]


def main():
    if sys.argv[1:2] == ["--list"]:  # for the tests: one name a line
        lists = {"keywords": lambda: [w for pair in keywords() for w in pair], "commands": commands,
                 "options": options, "option-rows": option_rows, "warnings": warnings, "formats": formats}
        print("\n".join(lists[sys.argv[2]]()))
        return
    check = "--check" in sys.argv[1:]
    targets = {"editors/vscode/syntaxes/goal.tmLanguage.json": lambda old: grammar(),
               "editors/vim/syntax/goal.vim": lambda old: with_region(old, vim_region(), "goal.vim"),
               "editors/completion/goalc.bash": lambda old: with_region(old, bash_region(), "goalc.bash"),
               "editors/completion/_goalc": lambda old: with_region(old, zsh_region(), "_goalc")}
    stale = 0
    for path, make in targets.items():
        full = os.path.join(ROOT, path)
        old = read(path) if os.path.exists(full) else ""
        new = make(old)
        if new == old:
            continue
        if check:
            stale += 1
            sys.stdout.writelines(difflib.unified_diff(old.splitlines(True), new.splitlines(True),
                                                       "a/" + path, "b/" + path))
        else:
            with open(full, "w", encoding="utf-8") as f:
                f.write(new)
            print("gen-editors.py: wrote", path)
    if stale:
        print("gen-editors.py: %d file(s) out of date with the compiler's tables; run make editors-update"
              % stale, file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
