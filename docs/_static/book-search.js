// The book's search, on Sphinx's searchtools.js (Sphinx 9.2): on search.html, loaded by its
// template before the index; in the search dialog of every other page, loaded by book.js with
// searchtools.js, language_data.js and the index when the dialog's field first gets focus.
// tests/unit/test_ext_search.py names what changed if searchtools.js changes under this.
{
  // Read from disk (the offline copy, file://) no page can be fetched: Sphinx's order, no snippets.
  const onDisk = location.protocol === "file:";
  // The edition's root, from this script's own address (_static/book-search.js): the 404 page, served
  // at any depth, says "./" in its data-content_root.
  const root = new URL("..", document.currentScript.src).href;

  // Search result snippets are cut from the text of the page's [role=main] element, which in
  // this theme also holds the header buttons, the print-only contents, the "on this page"
  // list, the previous/next links and the footer. Hand Sphinx only the article, without the
  // term tips (each linked term would otherwise be followed by its definition) and without
  // the diagrams' mermaid source, which the index leaves out too (it is not text there).
  // A page's text is worked out once per anchor (the dialog asks again on every query).
  const htmlToText = Search.htmlToText;
  const textCache = new Map();
  Search.htmlToText = (html, anchor) => {
    const key = `${anchor}\n${html}`;
    if (!textCache.has(key)) {
      const doc = new DOMParser().parseFromString(html, "text/html");
      const article = doc.querySelector("article.bd-article");
      article?.querySelectorAll(".term-tip__text, pre.mermaid").forEach((node) => node.remove());
      textCache.set(key, htmlToText(article ? `<div role="main">${article.outerHTML}</div>` : html, anchor));
    }
    return textCache.get(key);
  };

  // The pages that hold the query as typed come first, and each snippet is cut around the
  // query. The index (_ext/search.py) finds a page by the query's character bigrams, so a page
  // holding only the pieces of a phrase (数据 here, 科学 there) can match too, and searchtools.js
  // has no phrase search to rank by: this wraps Search.query, Search._performSearch and
  // Search.makeSearchSummary. No upstream issue asks for phrase ranking yet. The pages checked are
  // the ones Sphinx fetches for its snippets anyway.
  const sphinxQuery = Search.query;
  const sphinxPerformSearch = Search._performSearch;
  const sphinxSummary = Search.makeSearchSummary;
  const flat = (text) => text.toLowerCase().replace(/\s+/g, "");
  const pages = new Map();
  const pageOf = (docname) => {
    if (!pages.has(docname)) {
      const url = root + docname + DOCUMENTATION_OPTIONS.FILE_SUFFIX;
      pages.set(docname, fetch(url).then((r) => (r.ok ? r.text() : "")).catch(() => ""));
    }
    return pages.get(docname);
  };
  // The results of a query, worst first as Sphinx keeps them, with the pages that hold the
  // query as typed moved after (so shown before) the ones that hold only its pieces.
  Search.phraseFirst = async (query) => {
    const results = sphinxPerformSearch(...Search._parseQuery(query));
    if (onDisk) return results;
    const phrase = flat(query);
    const holds = await Promise.all(results.map(([docname]) => pageOf(docname).then((html) => flat(Search.htmlToText(html, "")).includes(phrase))));
    return [...results.filter((_, i) => !holds[i]), ...results.filter((_, i) => holds[i])];
  };
  const summary = (html, keywords, anchor, query) => sphinxSummary(html, [...keywords, query], anchor);
  if (!onDisk) {
    let typed = "";
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
    Search.makeSearchSummary = (html, keywords, anchor) => summary(html, keywords, anchor, typed);
  }

  // The index: searchindex.js hands it to Search.setIndex, after this script.
  const indexed = new Promise((resolve) => {
    if (Search.hasIndex()) resolve();
    const setIndex = Search.setIndex;
    Search.setIndex = (index) => {
      setIndex(index);
      resolve();
    };
  });

  // Search as you type, in the dialog (not on search.html, where the page's own field is the
  // search): the results search.html gives for the query, in its order, with its snippets and
  // marks, under the field. The field is a combobox over a list of the results (WAI-ARIA's
  // pattern "list autocomplete with automatic selection"): the first result is the current one,
  // the arrow keys move through them and Enter opens the current one; each is a link, for a click
  // or a new tab. The count is announced. The time from a query to its results is measured as
  // "book-search" (the Performance API; make bench reads it).
  const dialog = document.getElementById("pst-search-dialog");
  const input = dialog?.querySelector('input[name="q"]');
  if (input && !document.getElementById("search-results")) {
    const results = dialog.appendChild(document.createElement("section"));
    results.id = "search-results";
    const status = results.appendChild(document.createElement("p"));
    status.classList.add("search-summary");
    status.setAttribute("role", "status");
    const list = results.appendChild(document.createElement("div"));
    list.id = "search-results-list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", input.getAttribute("aria-label"));
    Object.entries({ role: "combobox", "aria-autocomplete": "list", "aria-controls": list.id, "aria-expanded": "false" })
      .forEach(([name, value]) => input.setAttribute(name, value));

    let current = -1;
    const options = () => list.querySelectorAll(".search-result");
    const choose = (index) => {
      options().forEach((option, i) => option.setAttribute("aria-selected", String(i === index)));
      current = index;
      if (index < 0) input.removeAttribute("aria-activedescendant");
      else {
        input.setAttribute("aria-activedescendant", options()[index].id);
        options()[index].scrollIntoView({ block: "nearest" });
      }
    };

    const show = async (query, found) => {
      const [, searchTerms, , highlightTerms] = Search._parseQuery(query);
      const fetched = DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY && !onDisk;
      const htmls = fetched ? await Promise.all(found.map(([docname]) => pageOf(docname))) : [];
      if (query !== latest) return false;  // the reader typed on
      list.replaceChildren(...found.map(([docname, title, anchor, descr, , , kind], i) => {
        const option = document.createElement("a");
        option.classList.add("search-result", `kind-${kind}`);
        Object.assign(option, { id: `search-result-${i}`, href: root + docname + DOCUMENTATION_OPTIONS.LINK_SUFFIX + anchor, tabIndex: -1 });
        option.setAttribute("role", "option");
        option.appendChild(document.createElement("span")).textContent = title;
        if (descr) option.appendChild(document.createElement("span")).textContent = ` (${descr})`;
        else if (htmls[i]) option.append(summary(htmls[i], searchTerms, anchor, query) ?? "");
        if ((descr || fetched) && SPHINX_HIGHLIGHT_ENABLED) {
          highlightTerms.forEach((term) => _highlightText(option, term, "highlighted"));
        }
        return option;
      }));
      input.setAttribute("aria-expanded", String(found.length > 0));
      choose(found.length ? 0 : -1);
      status.textContent = found.length
        ? Documentation.ngettext(
          "Search finished, found one page matching the search query.",
          "Search finished, found ${resultCount} pages matching the search query.",
          found.length,
        ).replace("${resultCount}", found.length)
        : Documentation.gettext("Your search did not match any documents. Please make sure that all words are spelled correctly and that you've selected enough categories.");
      return true;
    };

    let latest = "";
    const run = async () => {
      const query = input.value.trim();
      if (query === latest) return;
      latest = query;
      if (!query) {
        list.replaceChildren();
        input.setAttribute("aria-expanded", "false");
        choose(-1);
        status.textContent = "";
        return;
      }
      const start = performance.now();
      await indexed;
      const found = (await Search.phraseFirst(query)).reverse();
      if (query === latest && await show(query, found)) performance.measure("book-search", { start, detail: query });
    };
    let timer;
    const later = (event) => {
      if (event.isComposing) return;  // an input method still composing the word
      clearTimeout(timer);
      timer = setTimeout(run, 200);
    };
    input.addEventListener("input", later);
    input.addEventListener("compositionend", later);
    run();

    input.addEventListener("keydown", (event) => {
      const count = options().length;
      if (!count || event.isComposing) return;
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        choose(Math.min(Math.max(current + (event.key === "ArrowDown" ? 1 : -1), 0), count - 1));
      } else if (event.key === "Enter" && current >= 0) {
        event.preventDefault();  // not the form's search.html
        options()[current].click();
      }
    });
    // A result followed closes the dialog (it may be on this page).
    list.addEventListener("click", (event) => {
      if (event.target.closest(".search-result")) dialog.close();
    });
  }
}
