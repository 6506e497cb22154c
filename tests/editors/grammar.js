// grammar.js - the VS Code grammar (editors/vscode/syntaxes/goal.tmLanguage.json)
// on real files, with the engine VS Code uses (vscode-textmate, vscode-oniguruma).
//
//   node tests/editors/grammar.js EXPECTATIONS.tsv
//
// EXPECTATIONS.tsv is tests/editors/expect.py's: the keywords, strings,
// comments and numbers of each file, found by goal's lexical rules.  Every
// keyword must be scoped keyword.* over its whole length (no Chinese keyword
// left as plain text), every string character string.*, every comment
// comment.*, every number constant.numeric.*, every character pasted from a
// form (「」 、 （…, E0114) invalid.illegal.*, no digit of a bare word (指标2)
// constant.numeric.* or string.*; and nothing outside strings
// and comments may be scoped string or comment.  Run with NODE_PATH at the
// node_modules that `npm ci` made (mk/editors.mk).
"use strict";

const fs = require("fs");
const path = require("path");
const vsctm = require("vscode-textmate");
const oniguruma = require("vscode-oniguruma");

const root = path.resolve(__dirname, "../..");
const grammarPath = path.join(root, "editors/vscode/syntaxes/goal.tmLanguage.json");
const wasm = fs.readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm"));

const expected = {
    keyword: /^keyword\./,
    string: /^string\./,
    comment: /^comment\./,
    number: /^constant\.numeric\./,
    pasted: /^invalid\.illegal\./,
};
// What a kind must not be scoped: a bare word with digits in it (指标2) no number, no string.
const never = {
    word: /^(constant\.numeric|string)\./,
};

async function main() {
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new vsctm.Registry({
        onigLib: Promise.resolve({
            createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
            createOnigString: (s) => new oniguruma.OnigString(s),
        }),
        loadGrammar: async (scopeName) =>
            scopeName === "source.goal"
                ? vsctm.parseRawGrammar(fs.readFileSync(grammarPath, "utf8"), grammarPath)
                : null,
    });
    const grammar = await registry.loadGrammar("source.goal");

    // Each file's lines as scopes per UTF-16 offset.
    const rows = fs.readFileSync(process.argv[2], "utf8").split("\n").filter(Boolean)
        .map((l) => l.split("\t"));
    const files = [...new Set(rows.map((r) => r[0]))];
    const scopes = new Map();
    let tokens = 0;
    for (const file of files) {
        const lines = fs.readFileSync(path.resolve(root, file), "utf8").split(/\r?\n/);
        let stack = vsctm.INITIAL;
        const perLine = [];
        for (const line of lines) {
            const r = grammar.tokenizeLine(line, stack);
            const at = new Array(line.length);
            for (const t of r.tokens) {
                tokens++;
                for (let i = t.startIndex; i < t.endIndex && i < line.length; i++) at[i] = t.scopes;
            }
            perLine.push({ line, at });
            stack = r.ruleStack;
        }
        scopes.set(file, perLine);
    }

    const failures = [];
    const inside = new Map(); // file:line -> offsets inside a string or comment
    const counts = {};
    for (const [file, kind, lineNo, , , us, ue, text] of rows) {
        counts[kind] = (counts[kind] || 0) + 1;
        const { at } = scopes.get(file)[Number(lineNo) - 1];
        const key = file + ":" + lineNo;
        if (!inside.has(key)) inside.set(key, new Set());
        for (let i = Number(us); i < Number(ue); i++) {
            if (kind === "string" || kind === "comment") inside.get(key).add(i);
            const s = at[i] || [];
            if (never[kind] ? s.some((x) => never[kind].test(x)) : !s.some((x) => expected[kind].test(x))) {
                failures.push(`${file}:${lineNo}:${Number(us) + 1}: ${kind} "${text}" has the scopes ${s.join(" ")}`);
                break;
            }
        }
    }
    // Nothing else is a string or a comment (a quote left open would make the rest of the line one).
    for (const file of files) {
        scopes.get(file).forEach(({ line, at }, n) => {
            const ok = inside.get(file + ":" + (n + 1)) || new Set();
            for (let i = 0; i < line.length; i++) {
                if (ok.has(i) || !at[i]) continue;
                const bad = at[i].find((x) => /^(string|comment)\./.test(x));
                if (bad) {
                    failures.push(`${file}:${n + 1}:${i + 1}: "${line.slice(i, i + 8)}" is scoped ${bad}`);
                    break;
                }
            }
        });
    }
    if (failures.length) {
        console.error(failures.slice(0, 30).join("\n"));
        console.error(`grammar: ${failures.length} mistakes in ${files.length} files`);
        process.exit(1);
    }
    console.log(`grammar: ${files.length} files, ${tokens} tokens; ` +
        Object.entries(counts).map(([k, v]) => `${v} ${k}s`).join(", ") + " scoped as they should be");
}

main().catch((e) => {
    console.error(e);
    process.exit(1);
});
