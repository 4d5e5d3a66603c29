// The menu and contents buttons in sphinx-book-theme's article header do nothing as
// shipped: the theme scripts listen only to the first .primary-toggle / .secondary-toggle
// of the page, which is pydata-sphinx-theme's own (hidden in this theme). Pass clicks on
// the visible buttons on to those first ones.
document.addEventListener("click", (event) => {
  for (const kind of ["primary-toggle", "secondary-toggle"]) {
    const button = event.target.closest(`.${kind}`);
    const first = document.querySelector(`.${kind}`);
    if (button && first && button !== first) {
      event.preventDefault();
      first.click();
    }
  }
});

// The toggles that open and close a chapter's sub-pages in the sidebar are <summary>
// elements with only an icon in them; give each a name (axe: summary-name).
document.addEventListener("DOMContentLoaded", () => {
  for (const summary of document.querySelectorAll("nav.bd-docs-nav summary")) {
    const link = summary.closest("li")?.querySelector(":scope > a");
    if (!summary.textContent.trim() && !summary.hasAttribute("aria-label") && link) {
      summary.setAttribute("aria-label", `展开或折叠：${link.textContent.trim()}`);
    }
  }
});

// Search result snippets are cut from the text of the page's [role=main] element, which in
// this theme also holds the header buttons, the print-only contents, the "on this page"
// list, the previous/next links and the footer. Hand Sphinx only the article, without the
// term tips (each linked term would otherwise be followed by its definition).
if (typeof Search !== "undefined" && Search.htmlToText) {  // searchtools.js, on search.html
  const htmlToText = Search.htmlToText;
  Search.htmlToText = (html, anchor) => {
    const doc = new DOMParser().parseFromString(html, "text/html");
    const article = doc.querySelector("article.bd-article");
    if (!article) return htmlToText(html, anchor);
    article.querySelectorAll(".term-tip__text").forEach((tip) => tip.remove());
    return htmlToText(`<div role="main">${article.outerHTML}</div>`, anchor);
  };
}
