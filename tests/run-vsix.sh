#!/bin/sh
# run-vsix.sh VSIX - the VS Code extension, as `make vsix` packed it, holds
# what VS Code needs: the manifest, the client and the vscode-languageclient
# it requires (which must load from the package alone), the grammar and the
# language configuration exactly as in editors/vscode/, and none of the
# build's tools (vsce, vscode-textmate, vscode-oniguruma) or npm's files.
set -u
. "$(dirname "$0")/lib.sh"

vsix=$1
[ -f "$vsix" ] || { echo "run-vsix.sh: no $vsix (make vsix)" >&2; exit 1; }
command -v unzip >/dev/null 2>&1 || sh scripts/install-deps.sh editors
lib_tmpdir vsix
unzip -l "$vsix" > "$tmp/list"
unzip -q "$vsix" -d "$tmp/x"

for f in extension.vsixmanifest extension/package.json extension/extension.js \
         extension/language-configuration.json extension/syntaxes/goal.tmLanguage.json \
         extension/README.md extension/node_modules/vscode-languageclient/node.js \
         extension/node_modules/vscode-languageclient/package.json; do
    grep -q " $f\$" "$tmp/list" && ok || no "$vsix lacks $f"
done
for f in package-lock.json node_modules/@vscode/vsce node_modules/vscode-textmate \
         node_modules/vscode-oniguruma .vscode-npm-ok; do
    ! grep -q " extension/$f" "$tmp/list" && ok || no "$vsix holds extension/$f"
done
for f in package.json extension.js language-configuration.json syntaxes/goal.tmLanguage.json; do
    cmp -s "editors/vscode/$f" "$tmp/x/extension/$f" && ok ||
        no "extension/$f differs from editors/vscode/$f"
done
grep -q 'Id="goal"' "$tmp/x/extension.vsixmanifest" && ok ||
    no "the manifest does not name the extension goal"
# The client loads from the package alone, with a stand-in for the vscode
# module (which only VS Code provides): every require it makes is in the .vsix.
node -e '
const Module = require("module"), load = Module._load;
const stub = new Proxy(function () {}, { get: (t, k) => (k === "then" ? undefined : stub),
                                         construct: () => stub, apply: () => stub });
Module._load = (name, ...rest) => (name === "vscode" ? stub : load(name, ...rest));
const x = require(process.argv[1] + "/extension.js");
process.exit(typeof x.activate === "function" && typeof x.deactivate === "function" ? 0 : 1);' \
    "$tmp/x/extension" && ok || no "extension.js and vscode-languageclient do not load from the .vsix"
# The contributions: language goal for .goal files, its grammar and configuration.
node -e '
const p = require(process.argv[1] + "/package.json"), c = p.contributes;
const ok = c.languages[0].id === "goal" && c.languages[0].extensions.includes(".goal") &&
    c.grammars[0].language === "goal" && c.grammars[0].scopeName === "source.goal" &&
    p.main === "./extension.js" && c.configuration.properties["goal.server.path"].default === "goalc";
process.exit(ok ? 0 : 1);' "$tmp/x/extension" && ok || no "package.json contributions"
echo "vsix: $(basename "$vsix"), $(tail -1 "$tmp/list" | awk '{print $2}') files"
# The language configuration: # comments, and “” 「」 "" closed as they are typed.
node -e '
const c = require(process.argv[1] + "/language-configuration.json");
const pairs = c.autoClosingPairs.map((p) => p.open + p.close);
const ok = c.comments.lineComment === "#" && ["“”", "「」", "\"\"", "{}"].every((p) => pairs.includes(p)) &&
    c.brackets.some((b) => b[0] === "{" && b[1] === "}");
process.exit(ok ? 0 : 1);' "$tmp/x/extension" && ok || no "language-configuration.json: comments or auto-closing pairs"
lib_summary vsix
