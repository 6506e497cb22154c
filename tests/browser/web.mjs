// web.mjs GOALC PAGE OUTDIR TABLE - the web page in headless Chromium
// (tests/browser/run-web.sh).  GOALC_NODE_MODULES: the folder whose
// node_modules holds puppeteer-core (make web's npm ci).
//
// Opens PAGE from file:// with every request watched (anything but file:,
// data:, blob: and about: fails the test) and types TABLE with 公里
// misspelt 公理 into the editor; checks the E0301 diagnostic under the text
// names the line, and the editor marks it; applies the quick fix; sees no
// problem and the preview (the HTML back end) in its frame; downloads JSON
// and XLSX with the page's buttons; compares them, and the page's csv,
// html, md and fmt, and its diagnostics, with GOALC's byte for byte;
// switches to English; loads each example.  Screenshots OUTDIR/web-*.png.
import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { tmpdir } from "node:os";

const [goalc, pagePath, out, tablePath] = process.argv.slice(2);
const require = createRequire(join(process.env.GOALC_NODE_MODULES, "package.json"));
const puppeteer = require("puppeteer-core");

let failures = 0, passes = 0;
const ok = (cond, what) => {
    if (cond) passes++;
    else { failures++; console.log("FAIL: " + what); }
    return cond;
};
const downloads = join(out, "downloads");
mkdirSync(downloads, { recursive: true });
const work = mkdtempSync(join(tmpdir(), "goalc-web-"));
const profile = mkdtempSync(join(tmpdir(), "goalc-chromium-"));

// goalc's own output for the same text under the same name, run in a
// folder of its own as the page's file system has it.
function native(name, text, args, outFile) {
    writeFileSync(join(work, name), text);
    let stdout;
    try {
        stdout = execFileSync(goalc, args, { cwd: work, maxBuffer: 1 << 28, stdio: ["ignore", "pipe", "ignore"] });
    } catch (e) {
        stdout = e.stdout; // exit 1: a table with errors, its diagnostics on stdout
    }
    return outFile ? readFileSync(join(work, outFile)) : stdout;
}

const browser = await puppeteer.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    userDataDir: profile,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--disable-default-apps", "--mute-audio"],
});
const problems = [];
let page;
try {
    page = await browser.newPage();
    await page.setViewport({ width: 1400, height: 900 });
    page.on("request", (r) => {
        if (!/^(file|data|blob|about):/.test(r.url()))
            problems.push("a network request: " + r.url());
    });
    page.on("pageerror", (e) => problems.push("page error: " + e.message));
    page.on("console", (m) => {
        if (m.type() === "error" || /Content Security Policy/.test(m.text()))
            problems.push("console: " + m.text());
    });
    const cdp = await page.createCDPSession();
    await cdp.send("Browser.setDownloadBehavior", { behavior: "allow", downloadPath: downloads });

    const loadStart = Date.now();
    await page.goto("file://" + pagePath);
    await page.waitForSelector("body[data-ready='1']", { timeout: 60000 });
    console.log(`page ready in ${Date.now() - loadStart} ms`);
    ok(await page.$eval("h1", (h) => h.textContent === "goalc 绩效目标表编辑器"), "the interface is not Chinese by default");
    ok(await page.$eval("#privacy", (p) => /不会上传/.test(p.textContent)), "no statement that files stay on the machine");

    // Type the table, 公里 misspelt, line by line (the editor keeps each
    // line's indentation for the next: the lines are typed without theirs).
    const table = readFileSync(tablePath, "utf8").replace("12 公里", "12 公理");
    await page.click(".cm-content");
    await page.keyboard.down("Control");
    await page.keyboard.press("a");
    await page.keyboard.up("Control");
    await page.keyboard.press("Backspace");
    const lines = table.replace(/\n$/, "").split("\n");
    for (let i = 0; i < lines.length; i++) {
        await page.keyboard.type(lines[i].trimStart());
        if (i + 1 < lines.length)
            await page.keyboard.press("Enter");
    }
    const wantLine = lines.findIndex((l) => l.includes("12 公理")) + 1;
    await page.waitForSelector("#diagnostics li[data-code='E0301']", { timeout: 20000 });
    const typed = await page.evaluate(() => window.goalcPage.view.state.doc.toString());
    const name = await page.evaluate(() => window.goalcPage.fileName());
    ok(typed.includes("公理") && typed.split("\n").length === lines.length, "the editor does not hold the typed table");
    const li = await page.$eval("#diagnostics li[data-code='E0301']",
        (e) => ({ line: Number(e.dataset.line), text: e.textContent, fix: !!e.querySelector("button.fix") }));
    ok(li.line === wantLine, `the diagnostic is at line ${li.line}, not ${wantLine}`);
    ok(/第 12 行第 \d+ 列/.test(li.text) && /公理/.test(li.text), `the diagnostic reads "${li.text}"`);
    ok(li.fix, "the diagnostic offers no quick fix");
    await page.waitForSelector(".cm-lintRange-error", { timeout: 5000 }).catch(() => null);
    ok(await page.$(".cm-lintRange-error") !== null, "the editor does not underline the error");
    ok(await page.evaluate(() => document.body.dataset.status) === "1", "the page does not say the table has errors");
    // The page's diagnostics are goalc's, byte for byte, in both languages.
    for (const [l, flag] of [[1, "zh"], [0, "en"]]) {
        const mine = await page.evaluate((n, t, lg) => window.goalcPage.compile(n, t, "", lg).diagnostics, name, typed, l);
        const theirs = native(name, typed, ["check", "--lang", flag, "--diagnostics-format", "json", name]).toString();
        ok(mine === theirs, `the diagnostics (${flag}) differ from goalc's:\n${mine}\n${theirs}`);
    }
    await page.screenshot({ path: join(out, "web-error.png") });

    // The quick fix.
    const compiled = await page.evaluate(() => document.body.dataset.compiled);
    await page.click("#diagnostics li[data-code='E0301'] button.fix");
    await page.waitForFunction((c) => document.body.dataset.compiled !== c && document.body.dataset.status === "0",
        { timeout: 20000 }, compiled);
    const fixed = await page.evaluate(() => window.goalcPage.view.state.doc.toString());
    ok(fixed === typed.replace("12 公理", "12 公里"), "the quick fix did not put 公里 in the place of 公理");
    ok(await page.$("#diagnostics li.ok") !== null, "after the fix the page still shows problems");
    const frame = await (await page.$("#preview")).contentFrame();
    const preview = await frame.evaluate(() => document.body.innerText).catch(() => "");
    ok(/某县交通运输局/.test(preview) && /新建农村公路/.test(preview) && /公里/.test(preview),
        `the preview does not show the table: "${preview.slice(0, 200)}"`);
    const srcdoc = await page.$eval("#preview", (f) => f.srcdoc);
    ok(srcdoc === native(name, fixed, ["build", "--format", "html", name]).toString(),
        "the preview is not goalc's HTML");
    await page.screenshot({ path: join(out, "web-fixed.png") });

    // Downloads through the buttons: JSON and XLSX, against goalc's.
    const stem = name.replace(/\.goal$/, "");
    const wait = async (file) => {
        for (let i = 0; i < 200 && !existsSync(join(downloads, file)); i++)
            await new Promise((r) => setTimeout(r, 50));
        await new Promise((r) => setTimeout(r, 200));
        return existsSync(join(downloads, file)) ? readFileSync(join(downloads, file)) : null;
    };
    await page.click("#downloads button[data-format='json']");
    const json = await wait(stem + ".json");
    const wantJson = native(name, fixed, ["build", "--format", "json", name]);
    ok(json !== null && Buffer.compare(json, wantJson) === 0,
        `the downloaded ${stem}.json is not goalc build --format json's (${json ? json.length : "no file"} bytes, ${wantJson.length} wanted)`);
    await page.click("#downloads button[data-format='xlsx']");
    const xlsx = await wait("tables.xlsx");
    const wantXlsx = native(name, fixed, ["build", "--format", "xlsx", "-o", "tables.xlsx", name], "tables.xlsx");
    ok(xlsx !== null && Buffer.compare(xlsx, wantXlsx) === 0,
        `the downloaded tables.xlsx is not goalc's (${xlsx ? xlsx.length : "no file"} bytes, ${wantXlsx.length} wanted)`);
    // Every other format, from the page's compiler, against goalc's.
    const pageOutput = async (n, text, format) => Buffer.from(await page.evaluate((n, t, f) => {
        const r = window.goalcPage.compile(n, t, f, 1);
        let s = "";
        for (const b of r.output || []) s += String.fromCharCode(b);
        return btoa(s);
    }, n, text, format), "base64");
    const pageBytes = (format) => pageOutput(name, fixed, format);
    for (const [format, args, file] of [
        ["html", ["build", "--format", "html", name]],
        ["md", ["build", "--format", "md", name]],
        ["csv:indicators.csv", ["build", "--format", "csv", "-o", "csv/", name], "csv/indicators.csv"],
        ["csv:funds.csv", ["build", "--format", "csv", "-o", "csv/", name], "csv/funds.csv"],
        ["sqlite", ["build", "--format", "sqlite", "-o", "tables.db", name], "tables.db"],
        ["fmt", ["fmt", name]],
    ]) {
        const mine = await pageBytes(format), theirs = native(name, fixed, args, file);
        ok(Buffer.compare(mine, theirs) === 0, `${format}: the page's ${mine.length} bytes are not goalc's ${theirs.length}`);
    }
    await page.click("#downloads button[data-format='fmt']");
    ok((await wait(stem + ".fmt.goal")) !== null, "the fmt button downloads nothing");

    // Two files opened from disk: the first edited, the other beside it for its include.
    const include = join(dirname(tablePath), "web-include.goal");
    const before = await page.evaluate(() => document.body.dataset.compiled);
    await (await page.$("#open")).uploadFile(include, tablePath);
    await page.waitForFunction((c) => document.body.dataset.compiled !== c && window.goalcPage.fileName() === "web-include.goal",
        { timeout: 20000 }, before).catch(() => null);
    await new Promise((r) => setTimeout(r, 400));
    ok(await page.evaluate(() => window.goalcPage.fileName()) === "web-include.goal", "the opened file is not the one edited");
    ok(await page.evaluate(() => document.body.dataset.status) === "0", "the opened file and its include do not compile");
    writeFileSync(join(work, "web-table.goal"), readFileSync(tablePath));
    const incText = readFileSync(include, "utf8");
    const incJson = await pageOutput("web-include.goal", incText, "json");
    const wantInc = native("web-include.goal", incText, ["build", "--format", "json", "web-include.goal"]);
    ok(Buffer.compare(incJson, wantInc) === 0 && /某县交通运输局/.test(await page.$eval("#preview", (f) => f.srcdoc)),
        `the opened file with its include: ${incJson.length} bytes of JSON, not goalc's ${wantInc.length}`);

    // English, then back.
    await page.click("#lang");
    ok(await page.$eval("h1", (h) => h.textContent === "goalc performance goal table editor"), "no English interface");
    ok(await page.$eval("#privacy", (p) => /never leaves this computer/.test(p.textContent)), "no English privacy statement");
    await page.screenshot({ path: join(out, "web-en.png") });
    await page.click("#lang");

    // The examples load and compile (warnings, no errors), with a preview.
    const names = await page.$$eval("#example option", (os) => os.map((o) => o.value).filter((v) => v));
    ok(names.length >= 2, `${names.length} examples in the page`);
    for (const n of names) {
        const before = await page.evaluate(() => document.body.dataset.compiled);
        await page.select("#example", n);
        await page.waitForFunction((c) => document.body.dataset.compiled !== c, { timeout: 20000 }, before);
        await new Promise((r) => setTimeout(r, 400)); // the linter's run after the change
        ok(await page.evaluate(() => document.body.dataset.status) === "0", `example ${n} has errors in the page`);
        const html = await page.$eval("#preview", (f) => f.srcdoc);
        const text = readFileSync(new URL("../../examples/" + n, import.meta.url), "utf8");
        ok(html === native(n, text, ["build", "--format", "html", n]).toString(), `example ${n}: the preview is not goalc's HTML`);
    }
    await page.screenshot({ path: join(out, "web-example.png") });
    // Another document with an error: no preview, rather than the last example's.
    {
        const before = await page.evaluate(() => document.body.dataset.compiled);
        await page.evaluate(() => window.goalcPage.setFile("broken.goal", '部门 "x" { 年度 @ }\n'));
        await page.waitForFunction((c) => document.body.dataset.compiled !== c && document.body.dataset.status === "1",
            { timeout: 20000 }, before);
        ok(await page.$eval("#preview", (f) => f.srcdoc) === "",
            "a new document with an error still shows the previous document's preview");
    }
    ok(problems.length === 0, "the page:\n  " + problems.join("\n  "));
} catch (e) {
    // A step that never came: say where, what the page shows, and keep a picture.
    ok(false, e.message);
    if (problems.length > 0)
        console.log("  the page:\n    " + problems.join("\n    "));
    if (page) {
        const shown = await page.$eval("#diagnostics", (u) => u.innerText).catch(() => "");
        console.log("  under the editor: " + shown.slice(0, 600));
        await page.screenshot({ path: join(out, "web-failure.png") }).catch(() => null);
    }
} finally {
    await browser.close();
    rmSync(work, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
}
console.log(`web page: ${passes} passed, ${failures} failed`);
process.exit(failures > 0 ? 1 : 0);
