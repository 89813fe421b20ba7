# Motcua — the two sacred commands are `make run` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?=

.PHONY: run test lint format bench install migrate seed translations clean-db screenshots

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

translations: $(STAMP)
	$(PY) manage.py compile_translations

migrate: $(STAMP)
	$(PY) manage.py migrate --noinput

## make run: set everything up and serve the portal with the demo province on SQLite.
run: translations migrate
	$(PY) manage.py seed_demo --if-empty
	$(PY) manage.py create_dev_pki --if-missing
	$(PY) manage.py serve --host $(HOST) --port $(PORT)

## make test: lint (ruff, the layering contracts of import-linter), then the whole suite on SQLite, then on
## PostgreSQL.
test: $(STAMP)
	scripts/ensure-system-packages.sh
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports
	$(PY) manage.py compile_translations
	@echo "== Test suite on SQLite =="
	DATABASE_URL= $(PY) -m pytest $(PYTEST_ARGS)
	@echo "== Test suite on PostgreSQL =="
	scripts/with-postgres.sh $(PY) -m pytest $(PYTEST_ARGS)

## make screenshots: refresh docs/screenshots/ (the README's pictures) from the end-to-end tests.
screenshots: $(STAMP)
	scripts/ensure-system-packages.sh
	$(PY) manage.py compile_translations
	MOTCUA_SCREENSHOTS=1 DATABASE_URL= $(PY) -m pytest -q -m e2e

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports

format: $(STAMP)
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

## make bench: every benchmark under bench/, on PostgreSQL (DATABASE_URL or a throwaway cluster).
bench: $(STAMP)
	$(PY) -m pip install --quiet -e ".[bench]"
	scripts/with-postgres.sh $(PY) bench/run_all.py

clean-db:
	rm -f var/motcua.sqlite3 var/motcua.sqlite3-wal var/motcua.sqlite3-shm
