// The words this script shows, in the book's language: layout.html writes them from the
// book's catalogue (_ext/locales), so that another language edition needs no change here.
const bookStrings = () => JSON.parse(document.getElementById("book-strings")?.textContent || "{}");

// The toggles that open and close a chapter's sub-pages in the sidebar are <summary>
// elements with only an icon in them; give each a name (axe: summary-name).
document.addEventListener("DOMContentLoaded", () => {
  const label = bookStrings().expand_or_collapse || "%s";
  for (const summary of document.querySelectorAll("nav.bd-docs-nav summary")) {
    const link = summary.closest("li")?.querySelector(":scope > a");
    if (!summary.textContent.trim() && !summary.hasAttribute("aria-label") && link) {
      summary.setAttribute("aria-label", label.replace("%s", () => link.textContent.trim()));
    }
  }
});

// Search result snippets are cut from the text of the page's [role=main] element, which in
// this theme also holds the header buttons, the print-only contents, the "on this page"
// list, the previous/next links and the footer. Hand Sphinx only the article, without the
// term tips (each linked term would otherwise be followed by its definition) and without
// the diagrams' mermaid source, which the index leaves out too (it is not text there).
if (typeof Search !== "undefined" && Search.htmlToText) {  // searchtools.js, on search.html
  const htmlToText = Search.htmlToText;
  Search.htmlToText = (html, anchor) => {
    const doc = new DOMParser().parseFromString(html, "text/html");
    const article = doc.querySelector("article.bd-article");
    if (!article) return htmlToText(html, anchor);
    article.querySelectorAll(".term-tip__text, pre.mermaid").forEach((node) => node.remove());
    return htmlToText(`<div role="main">${article.outerHTML}</div>`, anchor);
  };
}

// Search results, on search.html: the pages that hold the query as typed come first, and
// each snippet is cut around the query. The index (_ext/search.py) finds a page by
// the query's character bigrams, so a page holding only the pieces of a phrase (数据 here,
// 科学 there) can match too, and Sphinx's searchtools.js has no phrase search to rank by:
// this wraps Search.query, Search._performSearch and Search.makeSearchSummary (Sphinx 9.2).
// No upstream issue asks for phrase ranking yet; tests/unit/test_ext_search.py names what changed if
// searchtools.js changes under this. The pages checked are the ones Sphinx fetches for its snippets anyway.
// Read from disk (the offline copy, file://) no page can be fetched: Sphinx's order is kept.
if (typeof Search !== "undefined" && Search.query && Search._performSearch && Search.makeSearchSummary
    && location.protocol !== "file:") {
  const sphinxQuery = Search.query;
  const sphinxPerformSearch = Search._performSearch;
  const sphinxSummary = Search.makeSearchSummary;
  const flat = (text) => text.toLowerCase().replace(/\s+/g, "");
  const texts = new Map();
  const textOf = (docname) => {
    const url = document.documentElement.dataset.content_root + docname + DOCUMENTATION_OPTIONS.FILE_SUFFIX;
    if (!texts.has(url)) {
      texts.set(url, fetch(url).then((r) => (r.ok ? r.text() : "")).then((html) => flat(Search.htmlToText(html, ""))).catch(() => ""));
    }
    return texts.get(url);
  };
  let typed = "";
  // The results of a query, worst first as Sphinx keeps them, with the pages that hold the
  // query as typed moved after (so shown before) the ones that hold only its pieces.
  Search.phraseFirst = async (query) => {
    const results = sphinxPerformSearch(...Search._parseQuery(query));
    const phrase = flat(query);
    const holds = await Promise.all(results.map((result) => textOf(result[0]).then((text) => text.includes(phrase))));
    return [...results.filter((_, i) => !holds[i]), ...results.filter((_, i) => holds[i])];
  };
  Search.query = (query) => {
    Search.phraseFirst(query).then((results) => {
      typed = query.trim();
      Search._performSearch = () => results;
      try {
        sphinxQuery(query);
      } finally {
        Search._performSearch = sphinxPerformSearch;
      }
    });
  };
  Search.makeSearchSummary = (html, keywords, anchor) => sphinxSummary(html, [...keywords, typed], anchor);
}

// The download menu (download-menu.html). On Read the Docs the files are made after the pages,
// so a size the page does not give is asked for when the menu first opens: a HEAD request for
// the download's path on this site (RTD serves /_/downloads/ on the docs' own domain). The menu
// closes on Escape and on a click elsewhere.
document.querySelectorAll("details.book-downloads").forEach((menu) => {
  menu.addEventListener("toggle", () => {
    if (!menu.open || !location.protocol.startsWith("http")) return;
    menu.querySelectorAll("a[data-size-unknown]").forEach((link) => {
      link.removeAttribute("data-size-unknown");
      fetch(new URL(new URL(link.href).pathname, location.origin), { method: "HEAD" })
        .then((response) => {
          const bytes = Number(response.headers.get("content-length"));
          if (response.ok && bytes) {
            const size = `${(bytes / 1e6).toFixed(1)} MB`;
            link.querySelector(".download-size").textContent = (bookStrings().size || " (%s)").replace("%s", size);
          }
        })
        .catch(() => {});
    });
  });
  menu.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && menu.open) {
      menu.open = false;
      menu.querySelector("summary").focus();
    }
  });
  document.addEventListener("click", (event) => {
    if (menu.open && !menu.contains(event.target)) menu.open = false;
  });
});

// The language switcher (language-switcher.html, _ext/editions.py): the same page in the other
// edition, at the reader's place (#anchor), once that edition's list of pages (a script, which
// loads from file:// too) says it has the page; else, or if the list does not load, its home
// page. A click with a modifier key (a new tab or window) follows the link as it is.
document.querySelectorAll("a[data-edition-pages]").forEach((link) => {
  link.addEventListener("click", (event) => {
    if (event.button || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    let gone = false;
    const go = (pages) => {
      if (gone) return;
      gone = true;
      location.href = pages && pages.includes(link.dataset.page) ? link.href + location.hash : link.dataset.editionHome;
    };
    window.bookPages = go;
    const script = document.createElement("script");
    // A list that loads but says nothing (not the book's list) counts as none: load runs after the script.
    script.onload = () => go(null);
    script.onerror = () => go(null);
    script.src = link.dataset.editionPages;
    document.head.append(script);
  });
});

// Bootstrap's script (layout.html leaves it out of the page): loaded on the reader's first move
// (a pointer, a key, a touch, a scroll), before any of the colour menu, a button's tooltip or the
// back-to-top button can be asked for. A click on the colour menu that comes before it has loaded
// opens the menu once it has.
let bootstrapScript;
const loadBootstrap = () => {
  if (!bootstrapScript && bookStrings().bootstrap) {
    bootstrapScript = document.createElement("script");
    bootstrapScript.src = bookStrings().bootstrap;
    document.head.append(bootstrapScript);
  }
  return bootstrapScript;
};
for (const type of ["pointerover", "keydown", "touchstart", "scroll", "focusin"]) {
  addEventListener(type, loadBootstrap, { once: true, passive: true });
}
document.addEventListener("click", (event) => {
  const toggle = event.target.closest?.('[data-bs-toggle="dropdown"]');
  if (toggle && !window.bootstrap) {
    loadBootstrap()?.addEventListener("load", () => window.bootstrap.Dropdown.getOrCreateInstance(toggle).toggle(), { once: true });
  }
}, true);
