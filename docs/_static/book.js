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

// Search in the dialog (book-search.js): Sphinx's search scripts, the book's and the index load, in
// order, when the dialog's field first gets focus (opening the dialog focuses it), not with the
// page. Sphinx's searchtools.js empties every search field as it starts (the query in the address,
// none here); what the reader has typed by then is put back.
const searchField = document.querySelector('#pst-search-dialog input[name="q"]');
if (searchField && bookStrings().search) {
  let typed = "";
  searchField.addEventListener("input", () => (typed = searchField.value));
  searchField.addEventListener("focus", () => {
    for (const src of bookStrings().search) {
      const script = Object.assign(document.createElement("script"), { src, async: false });
      if (src.includes("searchtools.js")) script.onload = () => (searchField.value = typed);
      document.head.append(script);
    }
  }, { once: true });
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
