# The commands people type. Each target bootstraps .venv from a hashed lock file first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SITE_STAMP := $(VENV)/.site-installed
DEV_STAMP := $(VENV)/.dev-installed
AUDIT_TOOLS := tools/audit/node_modules/.package-lock.json
export NO_MKDOCS_2_WARNING := 1
export PYTHONPATH := $(CURDIR)/hooks

.PHONY: serve build check test lint schema bench audit links clean

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
	$(BIN)/yamllint --strict .

test: $(DEV_STAMP)  ## set up, then run every test (browser tests included)
	$(BIN)/python -m explainer check data
	$(BIN)/pytest

$(AUDIT_TOOLS): tools/audit/package.json tools/audit/package-lock.json
	cd tools/audit && npm ci
	touch $@

bench: $(DEV_STAMP)  ## build times: real site vs bare Material, data at 1x/10x/100x, serve reload
	$(BIN)/python -m tests.bench

audit: $(DEV_STAMP) $(AUDIT_TOOLS)  ## Lighthouse, axe, vnu, links, no-JS, CSP, zizmor, hashed locks
	$(BIN)/python -m tests.audit

links: $(SITE_STAMP)  ## every external link of the built site (run make build first)
	$(BIN)/python -m tests.external_links site

clean:
	rm -rf site .pytest_cache
