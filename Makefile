# The two commands of the README: `make serve` and `make test`. Both set themselves up.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve live build test lint bench schemas tools-check clean

# A stamp per requirements file: the venv is rebuilt only when a pin changes.
$(VENV)/.site-deps: requirements.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev-deps: requirements-dev.txt $(VENV)/.site-deps
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# Test-only Node tools (the W3C HTML checker); the site itself needs no Node.
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --silent --no-audit --no-fund

# One config per language (hooks/languages.py): mkdocs.yml builds the English into site/, then each
# mkdocs.<code>.yml its language into site/<code>/. The English build empties site/, so it goes first.
TRANSLATED_CONFIGS := $(sort $(wildcard mkdocs.*.yml))

serve: build  ## set up, build every language, then serve the site on http://127.0.0.1:8000/
	@echo "Serving every language on http://$(HOST)/ (make live serves one language with live reload)"
	$(BIN)/python -m http.server --bind $(firstword $(subst :, ,$(HOST))) --directory site $(lastword $(subst :, ,$(HOST)))

# Live reload while writing: English by default, or one language: make live SITE_LANG=es
live: $(VENV)/.site-deps  ## serve one language with live reload (SITE_LANG=es for Spanish)
	$(BIN)/mkdocs serve --livereload --dev-addr $(HOST) $(if $(filter-out en,$(SITE_LANG)),-f mkdocs.$(SITE_LANG).yml)

build: $(VENV)/.site-deps  ## strict build of every language into site/
	$(BIN)/mkdocs build --strict
	$(foreach config,$(TRANSLATED_CONFIGS),$(BIN)/mkdocs build --strict -f $(config) &&) true

test: tools-check $(VENV)/.dev-deps node_modules/.package-lock.json  ## set up (dev deps too), then run every test
	$(BIN)/ruff check macros hooks tests bench
	$(BIN)/python -m pytest -n auto

lint: $(VENV)/.dev-deps
	$(BIN)/ruff check macros hooks tests bench
	$(BIN)/ruff format --check macros hooks tests bench

# The JSON Schemas in schemas/ come from the models in macros/schema.py: run this after changing them.
schemas: $(VENV)/.site-deps  ## rewrite schemas/*.schema.json (editor completion for data/)
	$(BIN)/python -W ignore::RuntimeWarning:runpy -m macros.schema
	$(BIN)/python -W ignore::RuntimeWarning:runpy -m macros.i18n --schemas

# Lighthouse (installed on demand into .cache/, never in package.json), cold page weight and build
# time against a stock Material site with the same pages, and interaction timings: bench/results.md.
bench: $(VENV)/.dev-deps tools-check  ## speed against stock Material, measured, not tested: writes bench/results.md
	$(BIN)/python bench/report.py

# Property-based fuzzing of the data loader and renderers: a large run (make test runs a small one).
.PHONY: fuzz
fuzz: $(VENV)/.dev-deps  ## at least 10,000 hostile texts through every data file; prints the count
	FUZZ_EXAMPLES=$${FUZZ_EXAMPLES:-10000} $(BIN)/python -m pytest tests/test_fuzz.py -q -s

.PHONY: facts
facts: $(VENV)/.site-deps  ## every time limit and agency in data/ with its source and age, oldest first
	$(BIN)/python bench/facts.py

# The tests drive a real Chromium and LibreOffice: stop with a clear message instead of skipping.
tools-check:
	@$(PYTHON) tests/browser_path.py >/dev/null || { \
	  echo "The browser tests need Chromium, and none was found."; \
	  echo "Install it with:  sudo apt-get install -y chromium chromium-headless-shell"; \
	  echo "or point CHROMIUM_PATH at a Chrome or Chromium binary."; \
	  exit 1; }
	@[ -n "$$CHROMIUM_PATH" ] || command -v chromium-headless-shell >/dev/null || { \
	  echo "Note: without Chromium's headless shell the browser tests run in the full browser,"; \
	  echo "about twice as slowly. Install it with:  sudo apt-get install -y chromium-headless-shell"; }
	@command -v soffice >/dev/null || { \
	  echo "The letter tests open a Word file with LibreOffice, and none was found."; \
	  echo "Install it with:  sudo apt-get install -y libreoffice-writer-nogui"; \
	  exit 1; }
	@command -v java >/dev/null || { \
	  echo "The HTML check runs the W3C Nu checker, which needs Java."; \
	  echo "Install it with:  sudo apt-get install -y default-jre-headless"; \
	  exit 1; }
	@command -v npm >/dev/null || { \
	  echo "The HTML check installs the W3C Nu checker with npm, and none was found."; \
	  echo "Install it with:  sudo apt-get install -y npm  (or use the npm of the Node.js you have)"; \
	  exit 1; }

clean:
	rm -rf site .pytest_cache node_modules
