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

# The lockfiles: every package pinned with its hashes, for Python 3.11 on Linux x86_64 (issue 24).
DEV_LOCK := requirements/dev.lock
RUNTIME_LOCK := requirements/runtime.lock
LOCK_FLAGS := --generate-hashes --python-version 3.11 --python-platform x86_64-unknown-linux-gnu \
	--custom-compile-command "make lock" --quiet

.PHONY: run setup install lock test lint format bench clean messages messages-check

# Installs again only when the lockfile (or pyproject.toml) changes. Exactly the locked versions,
# each checked against its hash; then the portal itself, whose dependencies are those.
$(VENV)/.installed: $(DEV_LOCK) pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes --no-deps -r $(DEV_LOCK)
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

install: $(VENV)/.installed

# After editing pyproject.toml's dependencies: pins them again (the versions already locked are
# kept where they still fit). Upgrade one: make lock UPGRADE="--upgrade-package django";
# all: make lock UPGRADE=--upgrade. The runtime lock (the Docker image's) takes the dev lock's
# versions, so the image runs what the tests ran.
lock: install
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev $(LOCK_FLAGS) $(UPGRADE) -o $(DEV_LOCK)
	$(VENV)/bin/uv pip compile pyproject.toml $(LOCK_FLAGS) -c $(DEV_LOCK) -o $(RUNTIME_LOCK)

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

# The suite runs on every core (pytest-xdist), each process on its own test database, Redis
# databases and media folder (tests/settings.py); fewer: make test TEST_WORKERS=1, none: 0.
# --dist load: tests go one by one to whichever process is free. (Not loadgroup: with pytest 9.2
# it no longer groups anything, pytest-xdist issue 1386; each process builds its own session
# fixtures, the production gunicorn and Chromium among them.)
TEST_WORKERS ?= auto
test: lint
	$(MANAGE) makemigrations --check --dry-run
	$(VENV)/bin/pytest -n $(TEST_WORKERS) --dist load

bench: install
	@for script in bench/*.py; do echo "== $$script"; $(PY) $$script || exit 1; done

clean:
	rm -rf var/ .pytest_cache
