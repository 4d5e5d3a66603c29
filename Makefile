# 《JupyterCon 2018 笔记》: the one build entry point for people, CI and Read the Docs.
# `make help` lists the targets.

SHELL := /bin/bash
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

BUILDDIR ?= _build
# The tests read the outputs from here too.
export BUILDDIR
SOURCEDIR := docs
VENV ?= .venv
PY := $(VENV)/bin/python
SPHINXBUILD := $(VENV)/bin/sphinx-build
# Extra options for sphinx-build, e.g. `make html SPHINXOPTS="-j auto"`.
SPHINXOPTS ?=
# Warnings are errors; --keep-going reports them all; -n (nitpicky) catches broken references.
STRICT := -W --keep-going -n
SPHINX = $(SPHINXBUILD) -c . $(STRICT) $(SPHINXOPTS)
# $(call sphinx,BUILDER,FOLDER[,OPTIONS]): build into $(BUILDDIR)/FOLDER. Sphinx reports a page's
# warnings only when it reads the page (sphinx-doc/sphinx#725), so the build after a failed one
# would read only what changed and pass over every mistake it did not read again: a failed build
# forgets its environment, and the next reads every page.
sphinx = $(SPHINX) -b $(1) $(3) -d $(BUILDDIR)/.doctrees/$(2) $(SOURCEDIR) $(BUILDDIR)/$(2) \
  || { rm -f $(BUILDDIR)/.doctrees/$(2)/environment.pickle; exit 1; }
# The book's file name (PDF_BASENAME) is declared once, in conf.py, and read from it. (Without any
# Python >= 3.12 the name stays empty, and making .venv says what to install.)
# .venv's Python when it is there (finding the newest one on the machine takes most of a
# second, and every make, even a no-op, reads this).
FOUND_PYTHON := $(or $(wildcard $(PY)),$(shell tools/find-python 2>/dev/null))
ifneq ($(FOUND_PYTHON),)
PDF_NAME := $(shell $(FOUND_PYTHON) tools/conf_value.py PDF_BASENAME)
ifeq ($(PDF_NAME),)
$(error the PDF's file name could not be read from conf.py (tools/conf_value.py PDF_BASENAME))
endif
endif

# Reproducible builds: every date in the site, the PDF and the EPUB is the last commit's, so
# the same commit gives the same bytes on any day (Sphinx, xdvipdfmx and the EPUB's zip read
# SOURCE_DATE_EPOCH; FORCE_SOURCE_DATE makes TeX's own dates follow it too). Without git (a
# downloaded archive) the dates are the build's.
ifeq ($(strip $(SOURCE_DATE_EPOCH)),)
SOURCE_DATE_EPOCH := $(shell git log -1 --format=%ct 2>/dev/null)
endif
ifneq ($(SOURCE_DATE_EPOCH),)
export SOURCE_DATE_EPOCH
export FORCE_SOURCE_DATE := 1
else
unexport SOURCE_DATE_EPOCH
endif

VENV_STAMP := $(VENV)/.requirements.stamp
TEST_STAMP := $(VENV)/.test-requirements.stamp
NODE_STAMP := node_modules/.package-lock.stamp
BENCH_NODE_STAMP := bench/node_modules/.package-lock.stamp

FORCE:
.PHONY: FORCE help html pdf site epub htmlzip livehtml linkcheck gettext test bench deps clean distclean rtd-html rtd-htmlzip rtd-pdf rtd-epub

help: ## List the targets
	@echo "Targets (outputs land in $(BUILDDIR)/):"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/^([a-z-]+):.*## (.*)/  make \1\t\2/' | expand -t 22

# -- Environments ------------------------------------------------------------
# .venv is (re)made when requirements.txt changes, with the newest Python >= 3.12.
$(VENV_STAMP): requirements.txt
	@if ! $(PY) -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
	  py=$$(tools/find-python) || exit 1; \
	  echo "Creating $(VENV) with $$py"; \
	  rm -rf $(VENV) && "$$py" -m venv $(VENV) || exit 1; \
	fi
	$(PY) -m pip install --disable-pip-version-check -q -r requirements.txt
	@touch $@

$(TEST_STAMP): tests/requirements.txt $(VENV_STAMP)
	$(PY) -m pip install --disable-pip-version-check -q -r tests/requirements.txt
	@touch $@

# Node.js (>= 20.19) and npm: installed as root, or the command to run is printed.
$(NODE_STAMP): package.json package-lock.json
	@tools/deps.sh node
	@# No browser download here: the site needs none, and tools/deps.sh gets one for PDF/EPUB.
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
	@touch $@

deps: $(VENV_STAMP) $(TEST_STAMP) $(NODE_STAMP) ## Install what the builds and the tests need (Debian packages as root)
	@tools/deps.sh test

# -- Builds --------------------------------------------------------------------
# The editions: each a site of its own, in a folder named as Read the Docs names its language
# (the book's own first; CITATION.cff gives each one's title and address). `make html` builds
# them all into $(BUILDDIR)/html/<code>/, with a root page that sends a reader to theirs;
# `make html EDITIONS=en` one (its glossary's data merged with what the others' last build
# left). On Read the Docs, a project per language publishes its own (rtd-html); the offline zip
# holds them all.
EDITIONS ?= zh-cn en
# $(call each_edition,BUILDER,FOLDER[,OPTIONS]): every edition into $(BUILDDIR)/FOLDER/<code>.
each_edition = for edition in $(EDITIONS); do BOOK_LANGUAGE=$$edition $(call sphinx,$(1),$(2)/$$edition,$(3)); done
# $(call editions,FOLDER[,OPTIONS]): every edition's site, then the root page (tools/editions.py).
editions = $(call each_edition,html,$(1),$(2)) && $(PY) tools/editions.py $(BUILDDIR)/$(1)
# Each edition's PDF and EPUB are named after the book, another language's with its language
# (jupytercon-2018-notes-en.pdf). conf.py's BOOK_FILE states the same rule (it cannot be read
# from here before .venv exists); tests/book/conftest.py finds the English files by the names
# the English pages' download menu gives, so the two cannot drift apart unnoticed.
file_of = $(PDF_NAME)$(if $(filter-out zh-cn,$(1)),-$(1))

html: $(VENV_STAMP) $(NODE_STAMP) ## Build the website, every edition, into _build/html/<language>
	$(call editions,html)

# Each PDF is remade only when something it is made from changed: the sources, the build
# code, CITATION.cff (the about page's citations), the pinned packages, SPHINXOPTS or the
# commit (its dates). Otherwise `make pdf` does nothing (no-op < 0.1 s).
PDFS := $(foreach e,$(EDITIONS),$(BUILDDIR)/pdf/$(call file_of,$(e)).pdf)
PDF_INPUTS := conf.py Makefile CITATION.cff $(shell find $(SOURCEDIR) _ext _latex tools -type f \
  -not -name '*.mo' -not -name '*.pyc' 2>/dev/null)
PDF_OPTIONS := $(BUILDDIR)/.pdf-options

pdf: $(PDFS) ## Build each edition's PDF into _build/pdf (xelatex; ctex, or xeCJK for the Chinese in English)

$(PDF_OPTIONS): FORCE
	@mkdir -p $(@D)
	@echo '$(SPHINXOPTS) $(SOURCE_DATE_EPOCH)' | cmp -s - $@ || echo '$(SPHINXOPTS) $(SOURCE_DATE_EPOCH)' > $@

# $(call latexmk,FOLDER). A failed xelatex run is retried once from clean auxiliary files: those
# of a build with an older preamble (another class or package) can break the first pass of a new one.
latexmk = max_print_line=10000 $(MAKE) -s -C $(1) all-pdf LATEXMKOPTS=-silent \
  LATEXOPTS="-interaction=nonstopmode -halt-on-error -file-line-error" >/dev/null 2>&1

# $(call pdf_rule,EDITION): one edition's PDF, typeset in $(BUILDDIR)/latex/EDITION.
define pdf_rule
$(BUILDDIR)/pdf/$(call file_of,$(1)).pdf: $(PDF_INPUTS) $(PDF_OPTIONS) $(VENV_STAMP) $(NODE_STAMP)
	@tools/deps.sh build
	BOOK_LANGUAGE=$(1) $$(call sphinx,latex,latex/$(1))
	@echo "Running xelatex (latexmk) on $(BUILDDIR)/latex/$(1)/$(call file_of,$(1)).tex"
	@$$(call latexmk,$(BUILDDIR)/latex/$(1)) || { $(MAKE) -s -C $(BUILDDIR)/latex/$(1) clean >/dev/null; $$(call latexmk,$(BUILDDIR)/latex/$(1)); } \
	  || { $(PY) tools/latex_errors.py $(BUILDDIR)/latex/$(1)/$(call file_of,$(1)).log; \
	       rm -f $(BUILDDIR)/latex/$(1)/$(call file_of,$(1)).pdf $(BUILDDIR)/latex/$(1)/$(call file_of,$(1)).fdb_latexmk; exit 1; }
	@$(PY) tools/latex_errors.py --check-only $(BUILDDIR)/latex/$(1)/$(call file_of,$(1)).log
	@mkdir -p $$(@D)
	@cp $(BUILDDIR)/latex/$(1)/$(call file_of,$(1)).pdf $$@
	@echo "PDF: $$@"
endef
$(foreach e,$(EDITIONS),$(eval $(call pdf_rule,$(e))))

# What is published is built whole: every page read and written again (-E), so that sitemap.xml
# lists every page (sphinx-sitemap lists only the pages a build writes: jdillard/sphinx-sitemap#13).
# An author's `make html` and `make livehtml` stay incremental.
# The offline zip carries the PDF and the EPUB: made after them (with -j, the PDFs and the EPUBs
# are made side by side).
site: pdf epub ## The website with the PDF, the EPUB and the offline zip in it, offered on every page
	@$(MAKE) --no-print-directory htmlzip
	@$(MAKE) --no-print-directory html SPHINXOPTS='$(SPHINXOPTS) -E'

# EPUB readers run no JavaScript: mermaid-cli draws the diagrams as PNG images.
epub: $(VENV_STAMP) $(NODE_STAMP) ## Build each edition's EPUB into _build/epub/<language>
	@tools/deps.sh browser
	$(call each_edition,epub,epub,-D mermaid_output_format=png)
	@echo "EPUB: $(foreach e,$(EDITIONS),$(BUILDDIR)/epub/$(e)/$(call file_of,$(e)).epub)"

# The website to read offline, every edition in one zip: opened from disk (file://), where a page
# may fetch nothing (BOOK_OFFLINE: conf.py loads mermaid's classic build and shows no search
# snippets). Built whole (-E), as `make site` is: it is published too.
HTMLZIP := $(BUILDDIR)/htmlzip/$(PDF_NAME)-html.zip
htmlzip: $(VENV_STAMP) $(NODE_STAMP) ## The website, every edition, as a zip to read offline (file://)
	export BOOK_OFFLINE=1; $(call editions,offline,-E)
	@$(PY) tools/htmlzip.py $(BUILDDIR)/offline $(HTMLZIP) $(PDF_NAME) $(EDITIONS)

LIVEHTML_PORT ?= 8000
livehtml: $(VENV_STAMP) $(NODE_STAMP) ## Preview at http://127.0.0.1:8000, rebuilt on every save
	$(VENV)/bin/sphinx-autobuild --host 127.0.0.1 --port $(LIVEHTML_PORT) -c . -n -D book_critical_css=0 $(SPHINXOPTS) \
	  -d $(BUILDDIR)/.doctrees/live $(SOURCEDIR) $(BUILDDIR)/live

linkcheck: $(VENV_STAMP) $(NODE_STAMP) ## Check external links (needs internet; not run in CI)
	$(call sphinx,linkcheck,linkcheck)

# The English catalogues follow the Chinese pages: a new or changed paragraph becomes a new or
# fuzzy message in docs/locales/en/LC_MESSAGES/<page>.po, for a translator to write or review.
gettext: $(VENV_STAMP) ## Update the English edition's catalogues from the Chinese pages
	$(call sphinx,gettext,gettext)
	$(VENV)/bin/sphinx-intl update --pot-dir $(BUILDDIR)/gettext --locale-dir $(SOURCEDIR)/locales --language en
	@# Babel flags a message with {…} as python-brace-format; MyST's roles ({term}, {en}) are not
	@# format fields, and msgfmt --check would hold a translation to them.
	find $(SOURCEDIR)/locales/en -name '*.po' -exec sed -i -E '/^#, python-(brace-)?format$$/d; s/, python-(brace-)?format//; s/^#, python-(brace-)?format, /#, /' {} +

# -- Tests ---------------------------------------------------------------------
# The unit tier, then the book tier (pytest.ini's testpaths: tests/unit, tests/book), on the
# book built once per format. As any user once root has installed the Debian packages. CI runs
# this, then the rehearsals of other machines' builds (.ci/run). BOOK_BUILT=1 tells the tests that
# `make site` has just built every format: they build nothing more.
test: deps ## Install what the tests need, build the site (every edition; the PDF, the EPUB and the offline zip included), run the tests
	@# The editions' PDFs and EPUBs side by side (-j2: the same bytes, some 15 s sooner on 2 cores).
	@$(MAKE) --no-print-directory -j2 --output-sync=target site
	BOOK_BUILT=1 $(PY) -m pytest

# -- Benchmark ---------------------------------------------------------------
# Not part of `make test`: bench/run.py measures build speed, page weight and Lighthouse
# scores against bare Sphinx and the stock stack (bench/results/latest.md).
$(BENCH_NODE_STAMP): bench/package.json bench/package-lock.json
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --prefix bench --no-audit --no-fund --loglevel=error
	@touch $@

bench: deps $(BENCH_NODE_STAMP) ## Benchmark against bare Sphinx and the stock stack (QUICK=1: smoke run)
	@tools/deps.sh bench
	$(PY) bench/run.py $(if $(QUICK),--quick)

# -- Read the Docs -------------------------------------------------------------
# .readthedocs.yaml calls these; each puts exactly what RTD expects in $READTHEDOCS_OUTPUT.
define rtd-copy
	@test -n "$(READTHEDOCS_OUTPUT)" || { echo "error: READTHEDOCS_OUTPUT is not set (this target is for Read the Docs)" >&2; exit 1; }
	mkdir -p "$(READTHEDOCS_OUTPUT)/$(1)"
	cp -a $(2) "$(READTHEDOCS_OUTPUT)/$(1)/"
endef

# The html job builds every edition (the glossary's data is one set, merged from all of them:
# tools/editions.py) and publishes its project's.
RTD_EDITION = $(or $(READTHEDOCS_LANGUAGE),zh-cn)
rtd-html: html
	$(call rtd-copy,html,$(BUILDDIR)/html/$(RTD_EDITION)/.)

rtd-htmlzip: htmlzip
	$(call rtd-copy,htmlzip,$(HTMLZIP))

rtd-pdf:
	@$(MAKE) --no-print-directory pdf EDITIONS=$(RTD_EDITION)
	$(call rtd-copy,pdf,$(BUILDDIR)/pdf/$(call file_of,$(RTD_EDITION)).pdf)

rtd-epub:
	@$(MAKE) --no-print-directory epub EDITIONS=$(RTD_EDITION)
	$(call rtd-copy,epub,$(BUILDDIR)/epub/$(RTD_EDITION)/$(call file_of,$(RTD_EDITION)).epub)

# -- Cleaning ----------------------------------------------------------------
clean: ## Remove the built outputs (_build)
	rm -rf $(BUILDDIR)

distclean: clean ## Also remove .venv and node_modules
	rm -rf $(VENV) node_modules bench/node_modules
