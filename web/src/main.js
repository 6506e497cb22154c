// main.js - the page: the editor, the diagnostics under it with their
// quick fixes, the preview (the HTML back end in a sandboxed frame), the
// downloads, the examples, the language switch.  All compiling is done by
// goalc compiled to WebAssembly (compiler/web/web_api.c), in this page:
// nothing is sent anywhere (docs/web.md).
import { EditorState } from "@codemirror/state";
import { EditorView, keymap, lineNumbers, highlightActiveLine, drawSelection } from "@codemirror/view";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { syntaxHighlighting, defaultHighlightStyle, bracketMatching } from "@codemirror/language";
import { linter, lintGutter, setDiagnostics } from "@codemirror/lint";
import { goalLanguage } from "./goal-mode.js";
import { strings } from "./strings.js";
import { createCompiler } from "./compiler.js";
import examples from "./examples.js";

let lang = "zh";
try {
    if (localStorage.getItem("goalc-lang") === "en")
        lang = "en";
} catch (e) { /* file:// without storage: the default */ }

const t = (key, ...args) =>
    strings[lang][key].replace(/%(\d)/g, (_, i) => String(args[Number(i) - 1]));

let fileName = "table.goal";
let compiler = null;
let lastPreview = "";
let view = null;
let latest = []; // the diagnostics shown, for the test hooks

function applyLanguage() {
    document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
    for (const el of document.querySelectorAll("[data-i18n]"))
        el.textContent = t(el.dataset.i18n);
    document.getElementById("lang").textContent = t("switch_lang");
    const select = document.getElementById("example");
    select.options[0].textContent = t("example_none");
    document.title = t("title");
}

// A 1-based line and a column counted in Unicode scalar values (the
// compiler's positions) as a position in the editor's document.
function position(doc, line, column) {
    if (line < 1)
        return 0;
    if (line > doc.lines)
        return doc.length;
    const l = doc.line(line);
    let at = 0, seen = 1;
    for (const ch of l.text) {
        if (seen >= column)
            break;
        at += ch.length;
        seen++;
    }
    return Math.min(l.from + at, l.to);
}

function parseDiagnostics(text) {
    return text.split("\n").filter((s) => s !== "").map((s) => JSON.parse(s));
}

// The editor's diagnostics from goalc's: the range of each in this file,
// with the suggestion as an action.
function toLint(doc, list) {
    const out = [];
    for (const d of list) {
        if (d.file !== fileName || d.line === undefined)
            continue;
        const from = position(doc, d.line, d.column);
        const to = Math.max(from, position(doc, d.end_line, d.end_column));
        const diag = {
            from, to,
            severity: d.severity === "error" ? "error" : d.severity === "warning" ? "warning" : "info",
            source: d.code,
            message: d.message + d.notes.map((n) => "\n" + n.message).join(""),
        };
        if (d.suggestion !== undefined)
            diag.actions = [{
                name: t("apply_fix", d.suggestion),
                apply(v, f, e) { v.dispatch({ changes: { from: f, to: e, insert: d.suggestion } }); },
            }];
        out.push(diag);
    }
    return out;
}

function showDiagnostics(list, status, ms) {
    const ul = document.getElementById("diagnostics");
    ul.textContent = "";
    latest = list;
    if (list.length === 0) {
        const li = document.createElement("li");
        li.className = "ok";
        li.textContent = t("no_problems");
        ul.append(li);
    }
    for (const d of list) {
        const li = document.createElement("li");
        li.className = d.severity;
        li.dataset.code = d.code;
        if (d.line !== undefined) {
            li.dataset.line = d.line;
            const where = document.createElement("span");
            where.className = "where";
            where.textContent = (d.file !== fileName ? d.file + " " : "") + t("line_col", d.line, d.column);
            where.addEventListener("click", () => {
                const at = position(view.state.doc, d.line, d.column);
                view.dispatch({ selection: { anchor: at }, scrollIntoView: true });
                view.focus();
            });
            li.append(where, " ");
        }
        const sev = document.createElement("span");
        sev.className = "sev";
        sev.textContent = `${t(d.severity)}[${d.code}]`;
        li.append(sev, ": " + d.message);
        for (const n of d.notes)
            li.append("\n    " + n.message);
        if (d.suggestion !== undefined && d.file === fileName) {
            const fix = document.createElement("button");
            fix.type = "button";
            fix.className = "fix";
            fix.textContent = t("apply_fix", d.suggestion);
            fix.addEventListener("click", () => {
                const doc = view.state.doc;
                const from = position(doc, d.line, d.column);
                const to = position(doc, d.end_line, d.end_column);
                view.dispatch({ changes: { from, to, insert: d.suggestion } });
            });
            li.append(fix);
        }
        ul.append(li);
    }
    const note = document.getElementById("status");
    note.textContent = status === 0 ? t("compiled_in", ms.toFixed(1)) : lastPreview ? t("preview_stale") : "";
}

// One compilation for the diagnostics and the preview together.
function run(text) {
    const started = performance.now();
    const r = compiler.compile(fileName, text, "html", lang === "zh" ? 1 : 0);
    const ms = performance.now() - started;
    const list = parseDiagnostics(r.diagnostics);
    if (r.status === 0) {
        lastPreview = new TextDecoder().decode(r.output);
        document.getElementById("preview").srcdoc = lastPreview;
    }
    showDiagnostics(list, r.status, ms);
    document.body.dataset.compiled = String(Number(document.body.dataset.compiled || 0) + 1);
    document.body.dataset.status = String(r.status);
    return list;
}

const goalLinter = linter((v) => toLint(v.state.doc, run(v.state.doc.toString())), { delay: 300 });

function setText(text) {
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
}

// Another document: its preview is its own, never the last one's.
function openDocument(name, text) {
    fileName = name;
    lastPreview = "";
    document.getElementById("preview").srcdoc = "";
    setText(text);
}

const download = { json: ".json", html: ".html", md: ".md", fmt: ".goal" };
function save(format) {
    const r = compiler.compile(fileName, view.state.doc.toString(), format, lang === "zh" ? 1 : 0);
    if (r.status !== 0) {
        document.getElementById("status").textContent = t("errors_no_output");
        return;
    }
    const stem = fileName.replace(/\.goal$/, "");
    const name = format.startsWith("csv:") ? format.slice(4)
        : format === "xlsx" ? "tables.xlsx"
        : format === "fmt" ? stem + ".fmt.goal" : stem + download[format];
    const type = format === "xlsx" ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        : "application/octet-stream";
    const url = URL.createObjectURL(new Blob([r.output], { type }));
    const a = document.createElement("a");
    a.href = url;
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
}

async function start() {
    const select = document.getElementById("example");
    select.append(new Option("", ""));
    for (const e of examples)
        select.append(new Option(e.name, e.name));
    applyLanguage();
    document.getElementById("diagnostics").textContent = t("loading");
    compiler = await createCompiler();
    view = new EditorView({
        parent: document.getElementById("editor"),
        state: EditorState.create({
            doc: examples.length > 0 ? examples[0].text : "",
            extensions: [
                lineNumbers(), history(), drawSelection(), highlightActiveLine(), bracketMatching(),
                keymap.of([...defaultKeymap, ...historyKeymap]),
                goalLanguage, syntaxHighlighting(defaultHighlightStyle), lintGutter(), goalLinter,
                EditorView.lineWrapping,
            ],
        }),
    });
    if (examples.length > 0) {
        fileName = examples[0].name;
        select.value = fileName;
    }
    select.addEventListener("change", () => {
        const e = examples.find((x) => x.name === select.value);
        if (e)
            openDocument(e.name, e.text);
    });
    // Several files may be opened at once: the first is edited, the others
    // sit beside it for its 引用 (include).  Read here, in the browser;
    // nothing is uploaded.
    document.getElementById("open").addEventListener("change", async (ev) => {
        const files = [...ev.target.files];
        ev.target.value = "";
        if (files.length === 0)
            return;
        const safe = (n) => (n.replace(/[\/\\]/g, "_") === "-" ? "" : n.replace(/[\/\\]/g, "_")) || "table.goal";
        const texts = await Promise.all(files.map((f) => f.text()));
        for (let i = 1; i < files.length; i++)
            compiler.write(safe(files[i].name), texts[i]);
        select.value = "";
        openDocument(safe(files[0].name), texts[0]);
    });
    document.getElementById("lang").addEventListener("click", () => {
        lang = lang === "zh" ? "en" : "zh";
        try { localStorage.setItem("goalc-lang", lang); } catch (e) { /* no storage */ }
        applyLanguage();
        // The messages again, in the new language.
        view.dispatch(setDiagnostics(view.state, toLint(view.state.doc, run(view.state.doc.toString()))));
    });
    for (const b of document.querySelectorAll("#downloads button"))
        b.addEventListener("click", () => save(b.dataset.format));
    view.dispatch(setDiagnostics(view.state, toLint(view.state.doc, run(view.state.doc.toString()))));
    // For tests and benchmarks (tests/browser/web.mjs, bench/web.mjs).
    window.goalcPage = {
        compile: (name, text, format, l) => compiler.compile(name, text, format, l),
        setFile(name, text) { openDocument(name, text); },
        diagnostics: () => latest,
        fileName: () => fileName,
        view,
    };
    document.body.dataset.ready = "1";
}

start();
