# Hague Portal: `make run` serves the portal, `make test` checks everything.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# Where e-mails link to (the worker sends them): the web process's port. Passed to every process,
# since honcho gives each process of the Procfile its own PORT (web 8000, worker 8100, ...).
SITE_URL ?= http://127.0.0.1:$(PORT)

.PHONY: run setup install test lint format bench clean messages messages-check

# Installs again only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

setup: install
	$(MANAGE) migrate --noinput
	$(MANAGE) reference_import --if-empty
	$(MANAGE) demo_setup --if-debug

run: setup
	@echo ""
	@echo "  Hague Portal: http://$(HOST):$(PORT)/   (demo accounts: see README)"
	@echo ""
	HOST=$(HOST) PORT=$(PORT) SITE_URL=$(SITE_URL) $(VENV)/bin/honcho -f Procfile.dev start

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

# Extracts the FR/ES catalogues and compiles them (needs GNU gettext); translate in locale/*/*.po.
messages: install
	$(PY) scripts/messages.py

# Lists the marked strings missing from the committed catalogues (writes nothing; exit 1 if any).
messages-check: install
	$(PY) scripts/messages.py --check

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

test: lint
	$(MANAGE) makemigrations --check --dry-run
	$(VENV)/bin/pytest

bench: install
	@for script in bench/*.py; do echo "== $$script"; $(PY) $$script || exit 1; done

clean:
	rm -rf var/ .pytest_cache
