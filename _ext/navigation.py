"""The sidebar's table of contents, rendered once per build instead of once per page.

sphinx-book-theme's sidebar asks pydata-sphinx-theme's ``generate_toctree_html`` for the whole
book on every page (``startdepth=0``). For each page that resolves Sphinx's global toctree,
renders it, and parses and rewrites it with BeautifulSoup: work in step with the book, done
for every page, so the build grows with the square of the book. Upstream:
pydata/pydata-sphinx-theme#364 (closed with the ``collapse`` option, which hides the chapter
list) and executablebooks/sphinx-book-theme#561.

Every page's copy is the same HTML except for

- the links, which are relative to the page's folder, and
- the marks of the page itself: Sphinx's ``current`` on its entry and every enclosing element,
  the theme's ``active`` on those list items and ``open`` on their ``<details>``, and
  ``href="#"`` on its own link.

So the navigation is rendered once, through Sphinx's and the theme's own code, for a page that
no entry names, with a marker class on every element Sphinx could mark ``current``. The marked
elements' attributes are then cut out, and each page's copy is put together from the pieces
between them: the links written for the page's folder, the marks for the page. That is a join
of strings per page, and the output is byte-identical to the theme's (tests/unit/test_ext_navigation.py
builds a test book both ways and compares every page; ``book_navigation_check`` compares a
sample of pages inside a build).

The shortcut covers the case sphinx-book-theme uses: the whole book (``startdepth=0``),
``collapse=False``, ``titles_only=True``, ``show_nav_level >= 1``, the ``html`` builder, no
document listed in two toctrees and no chapter toctree under ``only``. Anything else, or a page
whose entry is cut off by ``maxdepth``, gets the theme's own function. Written against public names (Sphinx's
``global_toctree_for_doc`` and ``render_partial``, pydata-sphinx-theme's
``add_toctree_functions``) so that it could be offered to pydata-sphinx-theme as it is.

Templates use it through ``book_navigation``: docs/_templates/sbt-sidebar-nav.html hands it to
the theme's component in place of ``generate_toctree_html``. ``book_navigation_once = False``
leaves every page to the theme (make bench builds the synthetic books both ways and compares).
The build's renderings are held by a ``Sidebars`` object that setup() makes and connects: made at
the first page, forgotten when the documents change (env-updated).

Upstream contacts: pydata-sphinx-theme's ``add_toctree_functions`` and the HTML its
``generate_toctree_html`` writes (this reproduces it byte for byte), Sphinx's
``global_toctree_for_doc`` and the ``current`` class it adds, BeautifulSoup's "minimal"
formatter; tests/unit/test_ext_navigation.py fails when any of them changes what a page gets.
"""

import posixpath
import re
from collections import Counter
from functools import cache
from typing import Any

from bs4.formatter import HTMLFormatter
from docutils import nodes
from pydata_sphinx_theme.toctree import add_toctree_functions
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment.adapters.toctree import global_toctree_for_doc
from sphinx.errors import ExtensionError
from sphinx.util import logging, url_re
from sphinx.util.osutil import relative_uri
from sphinx.util.typing import ExtensionMetadata

logger = logging.getLogger(__name__)

# A page no toctree entry names, in the root folder (its URI is "%00booknav.html").
NEUTRAL_PAGE = "\0booknav"
# The marker class, and the attributes the marked elements' class, href and <details> "open"
# are swapped for before the pieces are cut (booknav-class-N="" and so on: bs4 writes an empty
# attribute as name="").
MARK = "booknav-mark-{}"
MARK_RE = re.compile(r"^booknav-mark-(\d+)$")
SLOT_RE = re.compile(r' booknav-(class|href|open)-(\d+)=""')
FORMATTER = HTMLFormatter.REGISTRY["minimal"]  # how BeautifulSoup writes the theme's attributes


def _attribute(name: str, value: str) -> str:
    """An attribute as BeautifulSoup writes it in the theme's output."""
    return f" {name}={FORMATTER.quoted_attribute_value(FORMATTER.attribute_value(value))}"


class Navigation:
    """The navigation of one build, for one set of template arguments, cut into pieces.

    ``pieces`` alternates fixed text and slots; a slot is ``(kind, mark)``, kind being
    "class" (an element's class attribute), "href" (a link) or "open" (a <details>)."""

    def __init__(self, app: Sphinx, show_nav_level: int, toctree_kwargs: dict[str, Any]) -> None:
        builder, env = app.builder, app.env
        counts = _entry_counts(env)
        self.usable = bool(counts) and max(counts.values()) == 1 and not _conditional_toctrees(env)
        if not self.usable:
            logger.verbose("navigation: a document listed twice, or a toctree under `only` in a chapter; "
                           "every page uses the theme's function")
            return
        tree = global_toctree_for_doc(env, NEUTRAL_PAGE, builder, tags=builder.tags, collapse=False, **toctree_kwargs)
        if tree is None:
            self.usable = False
            return
        # Mark every element that Sphinx could mark "current": each link to a page and all
        # that encloses it. Sphinx adds "current" after the "toctree-lN" it has already set,
        # so the marker sits where "current" would.
        uris = {builder.get_target_uri(doc): doc for doc in counts}
        self.target: dict[int, str] = {}  # mark -> the page a marked link goes to
        self.chain: dict[str, list[int]] = {}  # page -> the marks of its link and what encloses it
        marked: dict[int, int] = {}  # id(node) -> mark
        for ref in tree.findall(nodes.reference):
            if ref.get("anchorname") or url_re.match(ref["refuri"]):
                continue
            page = uris.get(ref["refuri"])
            if page is None:  # a link this module cannot name: leave the book to the theme
                self.usable = False
                return
            chain, node = [], ref
            while node is not None:
                if id(node) not in marked:
                    marked[id(node)] = len(marked)
                    node["classes"].append(MARK.format(marked[id(node)]))
                chain.append(marked[id(node)])
                node = node.parent
            if page in self.chain:  # twice in the tree (a cycle back to the root): the theme's
                self.usable = False
                return
            self.target[chain[0]] = page
            self.chain[page] = chain
        self.pages_listed = set(counts)
        fragment = builder.render_partial(tree)["fragment"]
        # The theme's own processing (BeautifulSoup: classes, <details>, levels), run once.
        context = {"toctree": lambda **kwargs: fragment}
        add_toctree_functions(app, NEUTRAL_PAGE, "page.html", context, None)
        soup = context["generate_toctree_html"]("sidebar", startdepth=0, show_nav_level=show_nav_level, **toctree_kwargs)
        self.li: set[int] = set()  # marks on list items, which also get "active"
        self.classes: dict[int, tuple[list[str], list[str]]] = {}  # mark -> classes before and after it
        for element in soup.find_all(class_=lambda c: c is not None and c.startswith("booknav-mark-")):
            classes = element["class"]
            (index, mark), = [(i, int(m[1])) for i, c in enumerate(classes) if (m := MARK_RE.match(c))]
            self.classes[mark] = (classes[:index], classes[index + 1:])
            attrs = {}
            for name, value in element.attrs.items():
                if name == "class":
                    name, value = f"booknav-class-{mark}", ""
                elif name == "href" and mark in self.target:
                    name, value = f"booknav-href-{mark}", ""
                attrs[name] = value
            element.attrs = attrs
            if element.name == "li":
                self.li.add(mark)
                details = element.find("details", recursive=False)
                if details is not None and "open" not in details.attrs:
                    details[f"booknav-open-{mark}"] = ""
        parts = SLOT_RE.split(str(soup))
        self.pieces: list[str | tuple[str, int]] = []
        for i, part in enumerate(parts):
            if i % 3 == 0:
                self.pieces.append(part)
            elif i % 3 == 1:
                self.pieces.append((part, int(parts[i + 1])))
        self.uris = {page: builder.get_target_uri(page) for page in self.target.values()}
        self.at: dict[int, list[int]] = {}  # mark -> where its slots are in pieces
        for i, piece in enumerate(self.pieces):
            if isinstance(piece, tuple):
                self.at.setdefault(piece[1], []).append(i)
        self._folder: tuple[str, list[str]] | None = None

    def covers(self, pagename: str) -> bool:
        """Whether this page's copy can be put together: the page is not listed, or its link
        survived ``maxdepth``."""
        return self.usable and (pagename in self.chain or pagename not in self.pages_listed)

    def _slot(self, kind: str, mark: int, marked: bool, base: str, pagename: str) -> str:
        if kind == "open":
            return ' open="open"' if marked else ""
        if kind == "href":
            page = self.target[mark]
            return _attribute("href", "#" if page == pagename else relative_uri(base, self.uris[page]))
        before, after = self.classes[mark]
        added = (["current", "active"] if mark in self.li else ["current"]) if marked else []
        classes = [*before, *added, *after]
        return _attribute("class", " ".join(classes)) if classes else ""

    def html(self, builder, pagename: str) -> str:
        # Links depend only on the page's folder: the unmarked copy is kept for the last folder
        # (Sphinx writes pages in sorted order, so a folder's pages come together).
        uri = builder.get_target_uri(pagename)
        base = posixpath.join(posixpath.dirname(uri), "%00booknav.html")
        if self._folder is None or self._folder[0] != base:
            plain = [p if isinstance(p, str) else self._slot(*p, False, base, NEUTRAL_PAGE) for p in self.pieces]
            self._folder = (base, plain)
        out = list(self._folder[1])
        for mark in self.chain.get(pagename, ()):
            for i in self.at.get(mark, ()):
                out[i] = self._slot(*self.pieces[i], True, base, pagename)
        return "".join(out)


def _conditional_toctrees(env) -> bool:
    """Whether a chapter (any document but the root) has a toctree inside an ``only`` directive.
    Sphinx resolves the chapters above the current page from an unfiltered copy of their
    table of contents (``toc.deepcopy()`` for a page's ancestors), so such a toctree can show
    on some pages and not on others: not one navigation for the whole book."""
    root = env.config.root_doc
    return any(next(only.findall(addnodes.toctree), None) is not None
               for doc, toc in env.tocs.items() if doc != root for only in toc.findall(addnodes.only))


def _entry_counts(env) -> Counter:
    """How often each document is listed in a toctree, in any document ('self' included)."""
    counts: Counter = Counter()
    root = env.config.root_doc
    trees = [*env.master_doctree.findall(addnodes.toctree)]
    for doc, toc in env.tocs.items():
        if doc != root:
            trees.extend(toc.findall(addnodes.toctree))
    for tree in trees:
        for _title, ref in tree["entries"]:
            ref = tree["parent"] if ref == "self" else ref
            if not url_re.match(ref):
                counts[ref] += 1
    return counts


# -- The template function -------------------------------------------------------------
def _shortcut_arguments(kind: str, startdepth: int, show_nav_level, kwargs: dict) -> dict | None:
    """``global_toctree_for_doc``'s arguments as Sphinx's ``toctree()`` sets them, or None
    where the shortcut does not apply."""
    if kind != "sidebar" or int(startdepth) != 0 or int(show_nav_level) < 1:
        return None
    if set(kwargs) - {"collapse", "includehidden", "maxdepth", "titles_only"}:
        return None
    if kwargs.get("collapse", True) or not kwargs.get("titles_only", False):
        return None
    out = {"includehidden": kwargs.get("includehidden", False), "titles_only": True}
    if kwargs.get("maxdepth", "") != "":
        out["maxdepth"] = kwargs["maxdepth"]
    return out


class Sidebars:
    """This build's navigations (one per set of template arguments) and the check's page order.
    setup() makes one per application and connects it."""

    def __init__(self) -> None:
        self.navigations: dict[tuple, Navigation] = {}
        self.order: dict[str, int] | None = None

    def forget(self, app: Sphinx, env) -> list[str]:
        """A new build (the toctrees may have changed): render the navigation again."""
        self.navigations.clear()
        self.order = None
        return []

    def offer(self, app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
        """Give templates ``book_navigation``: the theme's ``generate_toctree_html``, put together
        from the build's one rendering where it can be."""
        if app.builder.name != "html" or not app.config.book_navigation_once:
            return
        sphinx_toctree = context.get("toctree")  # the page's own, before any extension replaces it

        @cache
        def book_navigation(kind: str, startdepth: int = 1, show_nav_level: int = 1, **kwargs):
            theme = context["generate_toctree_html"]  # set by pydata-sphinx-theme after this handler
            arguments = _shortcut_arguments(kind, startdepth, show_nav_level, kwargs)
            # A page whose toctree() an extension replaced wants other links (sphinx-notfound-page
            # makes the 404 page's absolute): the theme renders it.
            if arguments is None or context.get("toctree") is not sphinx_toctree:
                return theme(kind, startdepth, show_nav_level, **kwargs)
            key = (int(show_nav_level), tuple(sorted(arguments.items())))
            if key not in self.navigations:
                self.navigations[key] = Navigation(app, int(show_nav_level), arguments)
            navigation = self.navigations[key]
            if not navigation.covers(pagename):
                return theme(kind, startdepth, show_nav_level, **kwargs)
            html = navigation.html(app.builder, pagename)
            if self.checked(app, pagename):
                expected = str(theme(kind, startdepth, show_nav_level, **kwargs))
                if html != expected:
                    at = next(i for i, (a, b) in enumerate(zip(html + "\0", expected + "\0")) if a != b)
                    raise ExtensionError(
                        f"navigation: the sidebar of {pagename!r} differs from the theme's at character {at}: "
                        f"{html[max(0, at - 80):at + 80]!r} where the theme has {expected[max(0, at - 80):at + 80]!r}"
                    )
            return html

        context["book_navigation"] = book_navigation

    def checked(self, app: Sphinx, pagename: str) -> bool:
        """``book_navigation_check = n``: every n-th page (in name order) is also rendered by the
        theme's own function and compared."""
        every = app.config.book_navigation_check
        if not every:
            return False
        if self.order is None:
            self.order = {name: i for i, name in enumerate(sorted(app.env.found_docs))}
        return self.order.get(pagename, 0) % every == 0


def setup(app: Sphinx) -> ExtensionMetadata:
    app.add_config_value("book_navigation_once", True, "html", types=frozenset({bool}),
                         description="Render the sidebar's table of contents once per build (False: the theme "
                                     "renders it for every page; same output, for comparisons).")
    app.add_config_value("book_navigation_check", 0, "", types=frozenset({int}),
                         description="n > 0: every n-th page's sidebar is also rendered by the theme and "
                                     "compared; a difference stops the build.")
    sidebars = Sidebars()
    app.connect("env-updated", sidebars.forget)
    # First: book_navigation must be in the context before pydata-sphinx-theme's handlers (500)
    # render the sidebar to see whether it is empty, and the page's toctree() is noted before
    # other extensions' handlers (sphinx-notfound-page's, 400) can replace it.
    app.connect("html-page-context", sidebars.offer, priority=0)
    return {"version": "2", "env_version": 1, "parallel_read_safe": True, "parallel_write_safe": True}
