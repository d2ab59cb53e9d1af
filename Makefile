# Détente — set-up and checks. `make demo` and `make test` work on a fresh machine.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= detente.duckdb

.PHONY: install demo test test-all lint validate eval bench clean

$(STAMP): pyproject.toml requirements.lock
	@command -v $(PY) >/dev/null 2>&1 || { echo "need $(PY) (Python 3.11)"; exit 1; }
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements.lock
	$(BIN)/pip install -q --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/detente code samples/articles --format table
	@echo
	@echo "Next: .venv/bin/detente explain samples/articles/seed_turkey_us_talks.txt --date 2025-03-26"

test: $(STAMP)
	$(BIN)/python -m pytest -q -n 2 -m "not slow and not browser"

validate: $(STAMP)
	$(BIN)/detente validate

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info src/*.egg-info
