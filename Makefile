# The commands people type. Each target bootstraps .venv from a hashed lock file first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SITE_STAMP := $(VENV)/.site-installed
DEV_STAMP := $(VENV)/.dev-installed
export NO_MKDOCS_2_WARNING := 1
export PYTHONPATH := $(CURDIR)/hooks

.PHONY: serve build check test lint schema bench audit clean

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit("Python >= 3.11 is required") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"

$(SITE_STAMP): requirements.lock | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements.lock
	touch $@

$(DEV_STAMP): requirements-dev.lock $(SITE_STAMP)
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements-dev.lock
	touch $@

serve: $(SITE_STAMP)  ## set up, then serve the site with live reload on 127.0.0.1:8000
	$(BIN)/mkdocs serve --livereload --dev-addr 127.0.0.1:8000

build: $(SITE_STAMP)  ## strict build into site/
	$(BIN)/mkdocs build --strict --site-dir site

check: $(SITE_STAMP)  ## validate data/ only; errors as file:line:col
	$(BIN)/python -m explainer check data

schema: $(SITE_STAMP)  ## regenerate data/schema/*.schema.json from the models
	$(BIN)/python -m explainer schema data/schema

lint: $(DEV_STAMP)
	$(BIN)/ruff check hooks tests
	$(BIN)/ruff format --check hooks tests
	$(BIN)/mypy
	$(BIN)/yamllint --strict data

test: $(DEV_STAMP)  ## set up, then run every test (browser tests included)
	$(BIN)/python -m explainer check data
	$(BIN)/pytest

bench: $(DEV_STAMP)
	$(BIN)/python -m tests.bench

audit: $(DEV_STAMP)
	$(BIN)/python -m tests.audit

clean:
	rm -rf site .pytest_cache
