# Vorder — the two set-up commands are `make demo` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: install demo test lint typecheck contracts pytest bench clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[dev]'
	touch $@

# Fresh machine → running platform with demo data at http://127.0.0.1:8000
demo: install
	mkdir -p var
	VORDER_DEMO=1 $(BIN)/vorder migrate
	VORDER_DEMO=1 $(BIN)/vorder demo load
	VORDER_DEMO=1 $(BIN)/vorder demo seed
	for t in korenschoof vandam-installatie maasoever; do \
	  VORDER_DEMO=1 $(BIN)/vorder strategies install-defaults --tenant $$t; done
	VORDER_DEMO=1 $(BIN)/vorder serve

lint: install
	$(BIN)/ruff format --check src tests bench
	$(BIN)/ruff check src tests bench

typecheck: install
	$(BIN)/mypy

contracts: install
	$(BIN)/lint-imports

pytest: install
	$(BIN)/pytest -n 2 -p no:cacheprovider

# Every check: format, lint, types, import contracts, the test suite.
test: lint typecheck contracts pytest

bench: install
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
