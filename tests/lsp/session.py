#!/usr/bin/env python3
"""session.py GOALC - a scripted JSON-RPC session with goalc lsp.

Drives the server through every feature and asserts what it answers:
diagnostics on open and on incremental and full changes, the suggestion
as a quick fix, completion of categories, units, departments and
keywords, hover, symbols, definition, references, formatting (whole and
range) against `goalc fmt`, folding, semantic tokens, --lang zh, and
malformed input (bad headers, bad JSON, unknown methods), which must be
logged and survived.  Exits 1 naming the first failed check.
"""
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lsp_client import Client  # noqa: E402

GOALC = os.path.abspath(sys.argv[1])
HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE = os.path.join(HERE, "lsp-sample.goal")
BROKEN = os.path.join(HERE, "lsp-broken.goal")
failures = 0


def check(cond, what):
    global failures
    if cond:
        print("ok  ", what)
    else:
        failures += 1
        print("FAIL", what)


def position(text, needle, delta=0, nth=0):
    """The LSP position (UTF-16) of the nth needle in text, plus delta characters."""
    at = -1
    for _ in range(nth + 1):
        at = text.index(needle, at + 1)
    at += delta
    line = text.count("\n", 0, at)
    start = text.rfind("\n", 0, at) + 1
    return {"line": line, "character": len(text[start:at].encode("utf-16-le")) // 2}


def uri_of(path):
    return "file://" + path


def start(args=()):
    c = Client(GOALC, args)
    r = c.request("initialize", {"processId": None, "rootUri": None, "capabilities": {}})
    caps = r["result"]["capabilities"]
    c.notify("initialized", {})
    return c, caps


def main():
    c, caps = start(["--lang", "en"])
    check(caps["textDocumentSync"]["change"] == 2, "incremental sync offered")
    for p in ("hoverProvider", "definitionProvider", "referencesProvider",
              "documentFormattingProvider", "documentRangeFormattingProvider",
              "foldingRangeProvider", "documentSymbolProvider"):
        check(caps.get(p) is True, p)
    check("legend" in caps["semanticTokensProvider"], "semantic tokens legend")

    # --- diagnostics and the quick fix ---------------------------------------
    broken = open(BROKEN, encoding="utf-8").read()
    buri = uri_of(BROKEN)
    c.notify("textDocument/didOpen", {"textDocument": {
        "uri": buri, "languageId": "goal", "version": 1, "text": broken}})
    diags = c.diagnostics(buri, 1)
    check(len(diags) == 1 and diags[0]["code"] == "E0130", "E0130 published on open")
    d = diags[0]
    check(d["severity"] == 1 and d["source"] == "goalc", "an error from goalc")
    check(d["range"]["start"] == position(broken, '"示例卫生建康局"'), "at the misspelt name")
    check('did you mean "示例卫生健康局"' in d["message"], "with check's message")
    r = c.request("textDocument/codeAction", {
        "textDocument": {"uri": buri}, "range": d["range"], "context": {"diagnostics": [d]}})
    actions = r["result"]
    check(len(actions) == 1 and actions[0]["kind"] == "quickfix", "one quick fix")
    edit = actions[0]["edit"]["changes"][buri][0]
    check(edit["newText"] == "示例卫生健康局", "the fix writes the suggestion")
    check(edit["range"]["start"] == position(broken, "示例卫生建康局"), "inside the quotes")
    # Apply it as an incremental change: no diagnostics left.
    c.notify("textDocument/didChange", {
        "textDocument": {"uri": buri, "version": 2},
        "contentChanges": [{"range": edit["range"], "text": edit["newText"]}]})
    fixed = c.diagnostics(buri, 2)
    check(fixed and all(d["severity"] == 2 for d in fixed), "fixed by an incremental change: warnings only")
    # Several changes queued at once (one write) are coalesced: one publication, of the last.
    batch = b""
    for v, name in ((3, "甲"), (4, "乙"), (5, "示例卫生健康局")):
        body = json.dumps({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
            "textDocument": {"uri": buri, "version": v},
            "contentChanges": [{"text": broken.replace("示例卫生建康局", name)}]}}).encode()
        batch += b"Content-Length: %d\r\n\r\n" % len(body) + body
    c.send_raw(batch)
    last = c.diagnostics(buri, 5)
    check([d["code"] for d in last] == [d["code"] for d in fixed], "full changes: the last version published")
    check(not any(m.get("params", {}).get("version") in (3, 4) for m in c.notifications),
          "queued changes coalesced: versions 3 and 4 not published")
    c.notify("textDocument/didClose", {"textDocument": {"uri": buri}})
    check(c.diagnostics(buri) == [], "closing clears its diagnostics")

    # Every example: the diagnostics of `goalc check`, on open and again after
    # a change (the second compilation takes the stdlib parsed by the first).
    root = os.path.dirname(os.path.dirname(HERE))
    for name in sorted(os.listdir(os.path.join(root, "examples"))):
        path = os.path.join(root, "examples", name)
        if not name.endswith(".goal"):
            continue
        out = subprocess.run([GOALC, "check", "--diagnostics-format", "json", path],
                             capture_output=True, text=True).stdout
        want = [(j["code"], j["line"] - 1, j["message"]) for j in map(json.loads, out.splitlines())]
        etext = open(path, encoding="utf-8").read()
        euri = uri_of(path)
        c.notify("textDocument/didOpen", {"textDocument": {
            "uri": euri, "languageId": "goal", "version": 1, "text": etext}})
        have = [(d["code"], d["range"]["start"]["line"], d["message"]) for d in c.diagnostics(euri, 1)]
        check(have == want, "%s: check's diagnostics (%d)" % (name, len(want)))
        c.notify("textDocument/didChange", {"textDocument": {"uri": euri, "version": 2},
                                            "contentChanges": [{"text": etext}]})
        have = [(d["code"], d["range"]["start"]["line"], d["message"]) for d in c.diagnostics(euri, 2)]
        check(have == want, "%s: the same after a change" % name)
        if "selfeval" in name:
            at = position(etext, '"低保对象月均保障人数"', 2)
            r = c.request("textDocument/hover", {"textDocument": {"uri": euri}, "position": at})
            value = r["result"]["contents"]["value"] if r["result"] else ""
            check("score: 25.00 of 25 points" in value, "hover on a self-evaluation row: its score (%r)" % value)
        c.notify("textDocument/didClose", {"textDocument": {"uri": euri}})

    # --- the sample ------------------------------------------------------------
    text = open(SAMPLE, encoding="utf-8").read()
    suri = uri_of(SAMPLE)
    c.notify("textDocument/didOpen", {"textDocument": {
        "uri": suri, "languageId": "goal", "version": 1, "text": text}})
    check(c.diagnostics(suri, 1) == [], "the sample has no diagnostics")
    td = {"uri": suri}

    # Completion: a level-2 category inside 产出指标 (typed on a new line).
    insert_at = position(text, "数量指标", 0, 0)
    c.notify("textDocument/didChange", {"textDocument": {"uri": suri, "version": 2},
                                        "contentChanges": [{"range": {"start": insert_at, "end": insert_at},
                                                            "text": "质\n            "}]})
    r = c.request("textDocument/completion", {"textDocument": td, "position": {
        "line": insert_at["line"], "character": insert_at["character"] + 1}})
    labels = [i["label"] for i in r["result"]["items"]]
    check("质量指标" in labels and "数量指标" in labels and "社会效益指标" not in labels,
          "level-2 categories of 产出指标, not of 效益指标")
    check(all(i["kind"] == 7 for i in r["result"]["items"]), "as categories")
    c.notify("textDocument/didChange", {"textDocument": {"uri": suri, "version": 3},
                                        "contentChanges": [{"text": text}]})
    # Level-1 categories directly under 指标.
    at = position(text, "产出指标", 0, 0)
    r = c.request("textDocument/completion", {"textDocument": td, "position": at})
    labels = [i["label"] for i in r["result"]["items"]]
    check("效益指标" in labels and "满意度指标" in labels and "数量指标" not in labels,
          "level-1 categories under 指标")
    # Units after a number, with their dimension.
    at = position(text, "200 ", 4)
    r = c.request("textDocument/completion", {"textDocument": td, "position": at})
    items = {i["label"]: i for i in r["result"]["items"]}
    check("人次" in items and "万元" in items and "%" in items, "units after a number")
    check(items.get("人次", {}).get("detail") not in (None, ""), "a unit's dimension as detail")
    # Departments after 部门 in a top-level project.
    at = position(text, '部门 "示例卫生健康局"', 3, 1)
    r = c.request("textDocument/completion", {"textDocument": td, "position": at})
    labels = [i["label"] for i in r["result"]["items"]]
    check(labels == ["示例卫生健康局"], "the department's name after 部门")
    # Keywords in the file's spelling elsewhere.
    at = position(text, "    年度", 4)
    r = c.request("textDocument/completion", {"textDocument": td, "position": at})
    labels = [i["label"] for i in r["result"]["items"]]
    check("资金" in labels and "目标" in labels and "funds" not in labels, "Chinese keywords")
    # An English-keyword file: English keywords.
    en_text = subprocess.run([GOALC, "fmt", "--keywords", "en", SAMPLE], capture_output=True,
                             text=True).stdout
    en_uri = uri_of(os.path.join(HERE, "lsp-sample-en.goal"))
    c.notify("textDocument/didOpen", {"textDocument": {
        "uri": en_uri, "languageId": "goal", "version": 1, "text": en_text}})
    at = position(en_text, "    year", 4)
    r = c.request("textDocument/completion", {"textDocument": {"uri": en_uri}, "position": at})
    labels = [i["label"] for i in r["result"]["items"]]
    check("funds" in labels and "goal" in labels and "资金" not in labels, "English keywords in an English file")
    c.notify("textDocument/didClose", {"textDocument": {"uri": en_uri}})
    # Target words after an indicator's name.
    at = position(text, '"培训人次" ', 7)
    r = c.request("textDocument/completion", {"textDocument": td, "position": at})
    labels = [i["label"] for i in r["result"]["items"]]
    check("≥" in labels and "以上" in labels and "定性" in labels, "target words")

    # Hover.
    r = c.request("textDocument/hover", {"textDocument": td, "position": position(text, "万人", 1)})
    value = r["result"]["contents"]["value"]
    check("1 万人 = 10000 人" in value, "hover on 万人: its scale (%r)" % value)
    r = c.request("textDocument/hover", {"textDocument": td, "position": position(text, "质量指标" if "质量指标" in text else "数量指标", 1)})
    value = r["result"]["contents"]["value"]
    check("数量指标" in value and "framework 2020" in value and "产出指标" in value,
          "hover on a category (%r)" % value)
    r = c.request("textDocument/hover", {"textDocument": td, "position": position(text, "≥ 200", 0)})
    value = r["result"]["contents"]["value"] if r["result"] else ""
    check(value == "target: at least 200 人次", "hover on a target (%r)" % value)
    r = c.request("textDocument/hover", {"textDocument": td, "position": position(text, "资金 万元 100", 1)})
    value = r["result"]["contents"]["value"] if r["result"] else ""
    check("100" in value and "万元" in value, "hover on 资金 (%r)" % value)

    # Symbols: the outline.
    r = c.request("textDocument/documentSymbol", {"textDocument": td})
    names = [s["name"] for s in r["result"]]
    check(names == ["示例卫生健康局", "示例项目"], "departments and projects")
    kids = [s["name"] for s in r["result"][0]["children"]]
    check(kids[:1] == ["产出指标"], "categories under the department")

    # Definition and references.
    use = position(text, '部门 "示例卫生健康局"', 5, 1)
    r = c.request("textDocument/definition", {"textDocument": td, "position": use})
    loc = r["result"]
    check(loc and loc["uri"] == suri and loc["range"]["start"] == position(text, '"示例卫生健康局" {'),
          "部门 of a project goes to the department")
    r = c.request("textDocument/references", {"textDocument": td, "position": use,
                                               "context": {"includeDeclaration": True}})
    check(len(r["result"]) == 2, "the department's declaration and its use")

    # Formatting: what goalc fmt writes.
    r = c.request("textDocument/formatting", {"textDocument": td,
                                               "options": {"tabSize": 4, "insertSpaces": True}})
    edits = r["result"]
    lines = text.split("\n")
    check(len(edits) == 1, "one edit")
    e = edits[0]
    s, t = e["range"]["start"], e["range"]["end"]
    new = "\n".join(lines[:s["line"]]) + ("\n" if s["line"] else "") + e["newText"] + \
        "\n".join(lines[t["line"]:])
    want = subprocess.run([GOALC, "fmt", SAMPLE], capture_output=True, text=True).stdout
    check(new == want, "formatting gives goalc fmt's text")
    r = c.request("textDocument/rangeFormatting", {
        "textDocument": td, "range": {"start": {"line": 0, "character": 0},
                                      "end": {"line": 1, "character": 0}},
        "options": {"tabSize": 4, "insertSpaces": True}})
    check(r["result"] == [], "a range with nothing to format: no edit")

    # Folding and semantic tokens.
    r = c.request("textDocument/foldingRange", {"textDocument": td})
    starts = {f["startLine"] for f in r["result"]}
    check(position(text, "部门 \"示例卫生健康局\" {")["line"] in starts, "the department folds")
    r = c.request("textDocument/semanticTokens/full", {"textDocument": td})
    data = r["result"]["data"]
    check(len(data) % 5 == 0 and len(data) >= 5 * 8, "semantic tokens")

    # A 履职 row's 项目: completion of the projects' names, definition, references.
    duties = os.path.join(root, "tests", "golden", "duties-health.goal")
    dtext = open(duties, encoding="utf-8").read()
    duri = uri_of(duties)
    c.notify("textDocument/didOpen", {"textDocument": {
        "uri": duri, "languageId": "goal", "version": 1, "text": dtext}})
    c.diagnostics(duri, 1)
    at = position(dtext, '项目 "疾病预防控制" 50', 3)
    r = c.request("textDocument/completion", {"textDocument": {"uri": duri}, "position": at})
    labels = [i["label"] for i in r["result"]["items"]]
    check("疾病预防控制" in labels and "卫生监督执法" in labels, "projects' names after 项目 in 履职")
    at = position(dtext, '项目 "疾病预防控制" 50', 5)
    r = c.request("textDocument/definition", {"textDocument": {"uri": duri}, "position": at})
    decl = position(dtext, '"疾病预防控制" {')
    check(r["result"] and r["result"]["range"]["start"] == decl, "a 履职 row's 项目 goes to the project")
    r = c.request("textDocument/references", {"textDocument": {"uri": duri}, "position": at,
                                               "context": {"includeDeclaration": False}})
    check([x["range"]["start"] for x in r["result"]] == [position(dtext, '"疾病预防控制" 50')],
          "the project's references: the 履职 row")
    c.notify("textDocument/didClose", {"textDocument": {"uri": duri}})

    # An indicator's 项目 "NAME" in a department table: definition and references.
    itext = ('部门 "示例局" {\n'
             '    年度 2024\n'
             '    资金 100 { 按 支出性质 { 基本支出 90  项目支出 10 } }\n'
             '    指标 {\n'
             '        产出指标 { 数量指标 { "培训人次" ≥ 100 人次 项目 "培训项目" } }\n'
             '        效益指标 { 社会效益指标 { "服务能力" 定性 "提高" } }\n'
             '        满意度指标 { 服务对象满意度指标 { "满意度" ≥ 90% } }\n'
             '    }\n'
             '    项目 "培训项目" { 资金 10 }\n'
             '}\n')
    iuri = "file:///nonexistent/items.goal"
    c.notify("textDocument/didOpen", {"textDocument": {
        "uri": iuri, "languageId": "goal", "version": 1, "text": itext}})
    c.diagnostics(iuri, 1)
    at = position(itext, '项目 "培训项目" }', 5)
    r = c.request("textDocument/definition", {"textDocument": {"uri": iuri}, "position": at})
    check(r["result"] and r["result"]["range"]["start"] == position(itext, '"培训项目" {'),
          "an indicator's 项目 goes to the project")
    r = c.request("textDocument/references", {"textDocument": {"uri": iuri},
                                               "position": position(itext, '"培训项目" {', 1),
                                               "context": {"includeDeclaration": False}})
    check([x["range"]["start"] for x in r["result"]] == [position(itext, '"培训项目" }')],
          "the project's references: the indicator's 项目")
    c.notify("textDocument/didClose", {"textDocument": {"uri": iuri}})

    # A new file that has never parsed: the default framework's categories.
    nuri = "file:///nonexistent/new.goal"
    ntext = '部门 "甲" {\n    指标 {\n        产出指标 {\n            '
    c.notify("textDocument/didOpen", {"textDocument": {
        "uri": nuri, "languageId": "goal", "version": 1, "text": ntext}})
    check(c.diagnostics(nuri, 1)[0]["code"].startswith("E01"), "a syntax error while typing")
    r = c.request("textDocument/completion", {"textDocument": {"uri": nuri},
                                               "position": {"line": 3, "character": 12}})
    labels = [i["label"] for i in r["result"]["items"]]
    check(labels == ["数量指标", "质量指标", "时效指标", "成本指标"], "completion in a file that never parsed")
    r = c.request("textDocument/formatting", {"textDocument": {"uri": nuri}, "options": {}})
    check(r.get("result") is None and "error" not in r, "no formatting of a file that does not parse")
    c.notify("textDocument/didClose", {"textDocument": {"uri": nuri}})

    # Completion after what runs over a line, read as the lexer reads it: a
    # """ text block (its braces, quotes and # are text), an unterminated
    # "… and “… (they end at the line end, which still ends the line), a
    # comment with a brace, a backslash before a line end.  The cursor is in
    # 产出指标 again, on a line of its own: its level-2 categories.
    level2 = ["数量指标", "质量指标", "时效指标", "成本指标"]
    multi = ('部门 "甲" {\n    指标 {\n        产出指标 {\n            数量指标 {\n'
             '                "培训人次" ≥ 200 人次 """第一行 {\n                } 第二行 "引号 # 不是注释\n'
             '                \\""" 仍在文本中 """\n            }\n'
             '            "未闭合的名称\n            “未闭合的中文引号\n            "反斜杠\\\n'
             '            # 注释里的 { 不开块\n            ')
    muri = "file:///nonexistent/multi.goal"
    c.notify("textDocument/didOpen", {"textDocument": {
        "uri": muri, "languageId": "goal", "version": 1, "text": multi}})
    c.diagnostics(muri, 1)
    last = multi.split("\n")
    r = c.request("textDocument/completion", {"textDocument": {"uri": muri},
                                               "position": {"line": len(last) - 1, "character": len(last[-1])}})
    labels = [i["label"] for i in r["result"]["items"]]
    check(labels == level2, "completion after a text block over lines and unterminated strings (%r)" % labels[:6])
    # 「」 quote nothing (E0114): after 「数量指标」 { the block is open, as the lexer sees it.
    c.notify("textDocument/didChange", {"textDocument": {"uri": muri, "version": 2}, "contentChanges": [
        {"text": '部门 "甲" {\n    指标 {\n        产出指标 {\n            「 数量指标 {\n            」 }\n            '}]})
    c.diagnostics(muri, 2)
    r = c.request("textDocument/completion", {"textDocument": {"uri": muri},
                                               "position": {"line": 5, "character": 12}})
    labels = [i["label"] for i in r["result"]["items"]]
    check(labels == level2, "「」 are not quotes for completion (%r)" % labels[:6])
    c.notify("textDocument/didClose", {"textDocument": {"uri": muri}})

    # Definition into an included file: 引用 and a department it declares.
    with tempfile.TemporaryDirectory() as tmp:
        other = os.path.join(tmp, "other.goal")
        with open(other, "w", encoding="utf-8") as f:
            f.write('部门 "示例卫生健康局" { 年度 2024 }\n')
        main_path = os.path.join(tmp, "main.goal")
        main_text = '引用 "other.goal"\n项目 "示例项目" {\n    部门 "示例卫生健康局"\n}\n'
        with open(main_path, "w", encoding="utf-8") as f:
            f.write(main_text)
        muri = uri_of(main_path)
        c.notify("textDocument/didOpen", {"textDocument": {
            "uri": muri, "languageId": "goal", "version": 1, "text": main_text}})
        codes = [d["code"] for d in c.diagnostics(muri, 1)]
        check("E0130" not in codes, "the include's department is known")
        r = c.request("textDocument/definition", {"textDocument": {"uri": muri},
                                                   "position": position(main_text, "other", 1)})
        check(r["result"] and r["result"]["uri"] == uri_of(other), "引用 goes to the file")
        r = c.request("textDocument/definition", {"textDocument": {"uri": muri},
                                                   "position": position(main_text, "示例卫生", 1)})
        loc = r["result"]
        check(loc and loc["uri"] == uri_of(other) and loc["range"]["start"] == {"line": 0, "character": 3},
              "部门 goes to the department in the included file")
        c.notify("textDocument/didClose", {"textDocument": {"uri": muri}})

    # --- malformed input -------------------------------------------------------
    c.send_raw(b"Content-Length: abc\r\n\r\n{}")
    c.send_raw(b"X-Nothing: 1\r\n\r\n")
    body = b"{not json"
    c.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    r = c.wait(lambda m: m.get("error", {}).get("code") == -32700)
    check(r["id"] is None, "bad JSON: a parse error")
    c.send({"id": 77, "method": "shutdown"})  # no "jsonrpc": still answered, not shut down
    r = c.wait(lambda m: m.get("id") == 77)
    check(r.get("error", {}).get("code") == -32600, "JSON that is no JSON-RPC 2.0: invalid request")
    r = c.request("no/such/method", {})
    check(r["error"]["code"] == -32601, "an unknown method: method not found")
    r = c.request("textDocument/hover", {"textDocument": {"uri": "file:///nowhere.goal"},
                                         "position": {"line": 0, "character": 0}})
    check("error" in r, "a document that is not open: an error")
    r = c.request("textDocument/hover", {"textDocument": td, "position": {"line": 9999, "character": -5}})
    check("result" in r, "a position past the end: an answer")
    code, err = c.close()
    check(code == 0, "exit 0 after shutdown")
    check("Content-Length is not a number" in err and "without a Content-Length" in err,
          "bad headers logged on stderr")

    # --- --lang zh ---------------------------------------------------------------
    c, _ = start(["--lang", "zh"])
    c.notify("textDocument/didOpen", {"textDocument": {
        "uri": buri, "languageId": "goal", "version": 1, "text": broken}})
    diags = c.diagnostics(buri, 1)
    check("是否应为“示例卫生健康局”" in diags[0]["message"], "--lang zh: Chinese messages")
    r = c.request("textDocument/codeAction", {
        "textDocument": {"uri": buri}, "range": diags[0]["range"], "context": {"diagnostics": diags}})
    check(r["result"][0]["edit"]["changes"][buri][0]["newText"] == "示例卫生健康局",
          "--lang zh: the quick fix")
    c.notify("textDocument/didOpen", {"textDocument": {
        "uri": suri, "languageId": "goal", "version": 1, "text": text}})
    r = c.request("textDocument/hover", {"textDocument": td, "position": position(text, "万人", 1)})
    check("人数单位" in r["result"]["contents"]["value"] or "单位" in r["result"]["contents"]["value"],
          "--lang zh: hover in Chinese")
    code, _ = c.close()
    check(code == 0, "zh: exit 0")

    # exit without shutdown: 1; end of input: the server stops.
    p = subprocess.run([GOALC, "lsp"], input=b"", capture_output=True, timeout=20)
    check(p.returncode == 1, "end of input without shutdown: exit 1")
    p = subprocess.run([GOALC, "lsp", "--bogus"], capture_output=True, timeout=20)
    check(p.returncode == 2 and b"usage: goalc lsp" in p.stderr, "a bad option: usage, exit 2")
    p = subprocess.run([GOALC, "lsp", "--help"], capture_output=True, timeout=20)
    check(p.returncode == 0 and p.stdout.startswith(b"usage: goalc lsp"), "--help: the usage, exit 0")
    p = subprocess.run([GOALC, "--lang", "zh", "lsp", "--help"], capture_output=True, timeout=20)
    check(p.returncode == 0 and "用法".encode() in p.stdout, "--lang before lsp")
    print("lsp session: %d failure(s)" % failures)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
