# capdev — two commands do all set-up: `make site` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.capdev-installed

.PHONY: site test serve check bench setup browser clean

# One line per step: the install takes a minute or two and pip is quiet with -q. The
# build backend's warnings (setuptools' ten-line "editable installation" notice) are
# about setuptools, not about this project: silenced for the install only.
$(STAMP): pyproject.toml requirements.lock
	@echo "capdev setup: creating $(VENV)/ with $(PYTHON)"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@echo "capdev setup: installing pinned dependencies from requirements.lock (1–2 min)"
	@PYTHONWARNINGS=ignore $(BIN)/python -m pip install -q --upgrade "pip>=24"
	@PYTHONWARNINGS=ignore $(BIN)/python -m pip install -q -c requirements.lock -e '.[test]'
	@touch $(STAMP)
	@echo "capdev setup: done"

setup: $(STAMP)

## Build the whole bilingual site, PDFs and assessments into site/
site: $(STAMP)
	@echo "capdev: building the site into site/ (capdev build)"
	@$(BIN)/capdev build

## Live preview of both languages at http://127.0.0.1:8000
serve: $(STAMP)
	$(BIN)/capdev serve

check: $(STAMP)
	$(BIN)/capdev check --strict

## Browser test dependencies: Debian's chromium (when root) and axe-core from npm
browser:
	@bash scripts/install-browser.sh

test: $(STAMP) browser
	$(BIN)/ruff check capdev tests scripts
	$(BIN)/capdev check --strict
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python scripts/bench.py

clean:
	rm -rf site .cache
