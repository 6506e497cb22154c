"""same-session.py NATIVE BINARY [RUNNER...] - goalc lsp of a make dist binary
(run under RUNNER: wine, qemu-aarch64, or nothing) answers one editor session
exactly as the native build does (tests/run-dist.sh).

The session: initialize; didOpen of a table with an error (E0130, with a
suggestion) and of a correct example; their published diagnostics; a hover
on a unit; the quick fix; formatting; shutdown and exit.  Every answer must be
the native server's, and the server must exit 0.  Prints what differs;
exits 1 then.
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lsp_client import Client  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
BROKEN = os.path.join(HERE, "lsp-broken.goal")
EXAMPLE = os.path.join(ROOT, "examples", "yuanjiang-health-2024.goal")


def session(goalc, prefix):
    c = Client(goalc, ["--lang", "zh"], prefix=prefix)
    out = []
    out.append(c.request("initialize", {"processId": None, "rootUri": None,
                                         "capabilities": {}}, timeout=60)["result"])
    c.notify("initialized", {})
    for path, version in ((BROKEN, 1), (EXAMPLE, 1)):
        uri = "file://" + path
        text = open(path, encoding="utf-8").read()
        c.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "goal", "version": version, "text": text}})
        diags = c.diagnostics(uri, version, timeout=60)
        out.append(diags)
        td = {"uri": uri}
        if path == BROKEN and diags:
            out.append(c.request("textDocument/codeAction", {
                "textDocument": td, "range": diags[0]["range"],
                "context": {"diagnostics": diags}})["result"])
        if path == EXAMPLE:
            line = next(i for i, l in enumerate(text.splitlines()) if "万元" in l)
            col = text.splitlines()[line].index("万元")
            out.append(c.request("textDocument/hover", {
                "textDocument": td, "position": {"line": line, "character": col}})["result"])
            out.append(c.request("textDocument/formatting", {
                "textDocument": td, "options": {"tabSize": 4, "insertSpaces": True}})["result"])
    code, err = c.close()
    return out, code


def main():
    native, binary, prefix = sys.argv[1], sys.argv[2], sys.argv[3:]
    want, want_code = session(native, [])
    got, got_code = session(binary, prefix)
    failed = False
    if got_code != 0 or want_code != 0:
        print(f"FAIL: exit status {got_code} (native {want_code})")
        failed = True
    for i, (w, g) in enumerate(zip(want, got)):
        if w != g:
            print(f"FAIL: answer {i} differs:\n  native: {str(w)[:300]}\n  {os.path.basename(binary)}: {str(g)[:300]}")
            failed = True
    if len(want) != len(got):
        print(f"FAIL: {len(got)} answers, native {len(want)}")
        failed = True
    if not want[1]:
        print("FAIL: no diagnostics for the broken table")
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
