// Only the CSS the pages use, each page's inline: _ext/critical.py runs this after each HTML build
// and documents it. Reads {"outdir", "pages" (written this build, relative to outdir), "keep" (the
// sources of book_css_keep's regular expressions)} on stdin; prints {"purged": {file: [before,
// after]}, "inlined": [pages]}. A stylesheet that cannot be parsed: "file:line:column: message" on
// stderr, exit status 1.
import { readFileSync, writeFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { PurgeCSS } from "purgecss";
import Beasties from "beasties";

const request = JSON.parse(readFileSync(0, "utf8"));
const outdir = path.resolve(request.outdir);
const regexes = (sources) => sources.map((source) => new RegExp(source));
const slashes = (file) => file.split(path.sep).join("/");

const pages = readdirSync(outdir, { recursive: true })
  .filter((name) => name.endsWith(".html") && !name.split(path.sep).includes("_static"))
  .map((name) => path.join(outdir, name));

// A link's or an @import's file: relative to the page or sheet, or (on the 404 page, served at any
// address) from the server's root, whose _static is this site's. Null for another host's.
function fileOf(from, href) {
  const bare = href.replace(/[?#].*$/, "");
  if (/^[a-z]+:|^\/\//i.test(bare)) return null;
  const file = bare.startsWith("/")
    ? path.join(outdir, bare.slice(bare.indexOf("/_static/") + 1))
    : path.resolve(path.dirname(from), bare);
  return file.startsWith(outdir + path.sep) ? file : null;
}

const LINK = /<link\b[^>]*\brel="stylesheet"[^>]*>/g;
const IMPORT = /@import\s+(?:url\()?["']?([^"')]+)["']?\)?\s*;/g;
const URL = /url\((["']?)(?!data:|[a-z]+:|\/|#)([^"')]+)\1\)/gi;
const PSEUDO_ONLY = /^:/;
const INVALID_TRANSITION = /(?<=[{;])transition:[^;{}]*"[\d.]+m?s"[^;{}]*(;|(?=\}))/g;
const hrefOf = (tag) => /\bhref="([^"]+)"/.exec(tag)?.[1];

// Every stylesheet the pages link to, and those they @import (the theme's theme.css: basic.css).
const sheets = new Set();
const addSheet = (file) => {
  if (!file || sheets.has(file)) return;
  sheets.add(file);
  for (const [, href] of readFileSync(file, "utf8").matchAll(IMPORT)) addSheet(fileOf(file, href));
};
for (const page of pages) {
  for (const [tag] of readFileSync(page, "utf8").matchAll(LINK)) addSheet(hrefOf(tag) && fileOf(page, hrefOf(tag)));
}

// 1. Cut each stylesheet to the rules the pages (and the scripts, book_css_keep) can use.
const purged = {};
let results;
try {
  results = await new PurgeCSS().purge({
    content: pages,
    css: [...sheets],
    keyframes: true,
    variables: true,
    // And selectors made only of pseudo-classes (:focus-visible), which PurgeCSS drops whatever
    // the pages hold (MAINTAINING.md's register).
    safelist: { standard: [...regexes(request.keep), PSEUDO_ONLY], variables: regexes(request.keep) },
  });
} catch (error) {
  if (error.name !== "CssSyntaxError") throw error;
  process.stderr.write(`${slashes(path.relative(outdir, error.file))}:${error.line}:${error.column}: ${error.reason}\n`);
  process.exit(1);
}
for (const { file, css } of results) {
  const before = readFileSync(file, "utf8").length;
  const text = css
    .replace(/\/\*# sourceMappingURL=[^*]*\*\/\s*$/, "") // the map is of the uncut file
    // pydata-sphinx-theme's `transition: … "0s"` (a quoted time: invalid, which browsers drop and
    // the HTML validator, reading it inline, reports): dropped here too (MAINTAINING.md's register).
    .replace(INVALID_TRANSITION, "");
  writeFileSync(file, text);
  purged[slashes(path.relative(outdir, file))] = [before, text.length];
}

// 2. Inline each written page's part. Beasties makes a sheet's url()s relative to the page; a sheet
// @imported (basic.css) is put in its place, its url()s made relative to the sheet that imports it.
function expanded(file) {
  return readFileSync(file, "utf8").replace(IMPORT, (statement, href) => {
    const imported = fileOf(file, href);
    if (!imported) return statement;
    return expanded(imported).replace(URL, (_, quote, url) =>
      `url(${quote}${slashes(path.relative(path.dirname(file), path.resolve(path.dirname(imported), url)))}${quote})`);
  });
}
// Beasties inlines an @font-face when a critical rule names its family, which the theme's icons do
// through a custom property (--fa-family): each sheet's faces are inlined here (a font is fetched
// only when a glyph is drawn with it), their url()s made relative to the page.
const FACE = /@font-face\s*\{[^}]*\}/g;
class PageBeasties extends Beasties {
  getCssAsset(href) {
    const file = fileOf(this.page, href);
    if (!file) return undefined;
    const css = expanded(file);
    const base = path.posix.dirname(href.replace(/[?#].*$/, ""));
    for (const [face] of css.matchAll(FACE)) {
      this.faces.push(face.replace(URL, (_, quote, url) => `url(${quote}${path.posix.join(base, url)}${quote})`));
    }
    return css;
  }
}
// A keep pattern names a word (^show$); as a selector's rule, the word as one of its tokens.
const asToken = (source) => new RegExp(source.replace(/^\^/, "(?<![\\w-])").replace(/\$$/, "(?![\\w-])"));
const beasties = new PageBeasties({
  path: outdir,
  preload: "media",
  noscriptFallback: false,
  pruneSource: false,
  mergeStylesheets: true,
  reduceInlineStyles: false,
  // And selectors made only of pseudo-classes (:focus-visible, the icons' `:is(.fas, …):before`),
  // which Beasties strips to nothing and never inlines (MAINTAINING.md's register).
  allowRules: [...request.keep.map(asToken), PSEUDO_ONLY],
  logLevel: "error",
});
// Beasties leaves each stylesheet linked, to load without blocking (or, one with no rule for the
// page, as it was): every rule the page can use is inline, so the links go. The theme's @font-face
// rules are put back where the first was, beside the inlined rules.
for (const page of request.pages.map((name) => path.join(outdir, name))) {
  beasties.page = page;
  beasties.faces = [];
  const html = await beasties.process(readFileSync(page, "utf8"));
  let first = true;
  writeFileSync(page, html.replace(LINK, (tag) => {
    if (!hrefOf(tag) || !fileOf(page, hrefOf(tag))) return tag;
    if (!first) return "";
    first = false;
    return beasties.faces.length ? `<style>${beasties.faces.join("")}</style>` : "";
  }));
}
process.stdout.write(JSON.stringify({ purged, inlined: request.pages }));
