// Parse mermaid diagrams with mermaid itself, in headless Chromium, without rendering them.
//   node tools/mermaid-check.mjs < diagrams.json
// Input: [{"id": "...", "code": "..."}, ...]. Output: {"<id>": null | "<mermaid's error>"}.
// Used by _ext/local_mermaid.py so that a malformed diagram fails the build.
// The browser: $PUPPETEER_EXECUTABLE_PATH, else Debian's /usr/bin/chromium, else puppeteer's own.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import puppeteer from "puppeteer";

// Read stdin to its end as a stream: readFileSync(0) fails with EAGAIN on a pipe whose
// writer has not finished yet.
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const diagrams = JSON.parse(Buffer.concat(chunks).toString("utf8"));
const mermaidJs = fileURLToPath(new URL("../node_modules/mermaid/dist/mermaid.min.js", import.meta.url));
const executablePath =
  process.env.PUPPETEER_EXECUTABLE_PATH || (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);
const config = JSON.parse(readFileSync(new URL("mermaid/puppeteer.json", import.meta.url), "utf8"));

const browser = await puppeteer.launch({ ...config, executablePath, headless: true });
try {
  const page = await browser.newPage();
  await page.setContent("<!doctype html><html><body></body></html>");
  await page.addScriptTag({ path: mermaidJs });
  const results = await page.evaluate(async (items) => {
    const out = {};
    for (const { id, code } of items) {
      try {
        await window.mermaid.parse(code);
        out[id] = null;
      } catch (error) {
        out[id] = String((error && error.message) || error);
      }
    }
    return out;
  }, diagrams);
  process.stdout.write(JSON.stringify(results));
} finally {
  await browser.close();
}
