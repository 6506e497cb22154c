// bench/web.mjs PAGE WORKDIR - how fast the web page compiles a 100 KB
// table (make bench, mk/web.mk), in the same headless Chromium as the
// browser test.  Run in $(BUILD)/web-node (puppeteer-core).
//
// Generates the table with bench/gen.py (BENCH_WEB_KB, default 100 KB),
// opens PAGE from file://, and times the page's own compile call (the
// text into the module's file system, goalc, the diagnostics back as
// text) for `check` (diagnostics only) and for the preview the page makes
// as you type (check + the HTML back end): best and median of
// BENCH_WEB_RUNS (default 20) after 3 warm-up runs.  The target: under 50 ms.
import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { join, dirname } from "node:path";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";

const [pagePath, work] = process.argv.slice(2);
const require = createRequire(join(process.cwd(), "package.json"));
const puppeteer = require("puppeteer-core");
const kb = Number(process.env.BENCH_WEB_KB || 100);
const runs = Number(process.env.BENCH_WEB_RUNS || 20);
mkdirSync(work, { recursive: true });
const here = dirname(fileURLToPath(import.meta.url));
const file = join(work, "web-bench.goal");
execFileSync("python3", [join(here, "gen.py"), String(kb / 1000), "-o", file]);
const text = readFileSync(file, "utf8");
const profile = mkdtempSync(join(tmpdir(), "goalc-chromium-"));
const browser = await puppeteer.launch({
    executablePath: "/usr/bin/chromium", headless: true, userDataDir: profile,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
});
let line;
try {
    const page = await browser.newPage();
    const start = Date.now();
    await page.goto("file://" + pagePath);
    await page.waitForSelector("body[data-ready='1']", { timeout: 60000 });
    const ready = Date.now() - start;
    const r = await page.evaluate((t, runs) => {
        const time = (format) => {
            const ms = [];
            let status;
            for (let i = 0; i < runs + 3; i++) {
                const s = performance.now();
                status = window.goalcPage.compile("web-bench.goal", t, format, 1).status;
                if (i >= 3) ms.push(performance.now() - s);
            }
            ms.sort((a, b) => a - b);
            return { status, best: ms[0], median: ms[Math.floor(ms.length / 2)] };
        };
        return { check: time(""), html: time("html") };
    }, text, runs);
    if (r.check.status !== 0 || r.html.status !== 0)
        throw new Error("the bench table does not compile in the page");
    const kbytes = (Buffer.byteLength(text) / 1024).toFixed(1);
    const size = readFileSync(pagePath).length;
    line = `web page (${(size / 1048576).toFixed(2)} MB, ready in ${ready} ms): ${kbytes} KB table, ` +
        `check best ${r.check.best.toFixed(1)} ms median ${r.check.median.toFixed(1)} ms; ` +
        `check + html best ${r.html.best.toFixed(1)} ms median ${r.html.median.toFixed(1)} ms ` +
        `(target < 50 ms) over ${runs} runs`;
} finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
}
console.log(line);
writeFileSync(join(work, "results.txt"), line + "\n");
