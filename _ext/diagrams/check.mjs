// Parse mermaid diagrams with mermaid's own parser under node, without a browser.
//   node _ext/diagrams/check.mjs < diagrams.json
// Input: [{"id": "...", "code": "..."}, ...]. Output: {"<id>": null | "<mermaid's error>"}.
// Used by _ext/diagrams/__init__.py so that a malformed diagram fails the build, on any machine
// that has node: `make html` needs no Chromium. mermaid is the site's own copy (package-lock.json);
// jsdom stands in for the DOM that mermaid and DOMPurify look for when they load.
import { JSDOM } from "jsdom";

// Read stdin to its end as a stream: readFileSync(0) fails with EAGAIN on a pipe whose
// writer has not finished yet.
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const diagrams = JSON.parse(Buffer.concat(chunks).toString("utf8"));

// The DOM must exist before mermaid is imported: DOMPurify binds to `window` when it loads
// (without it, parsing fails with "DOMPurify.addHook is not a function").
const { window } = new JSDOM("<!doctype html><html><body></body></html>");
globalThis.window = window;
globalThis.document = window.document;
const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false });

const results = {};
for (const { id, code } of diagrams) {
  try {
    await mermaid.parse(code);
    results[id] = null;
  } catch (error) {
    results[id] = String((error && error.message) || error);
  }
}
process.stdout.write(JSON.stringify(results));
window.close();
