# Détente — set-up and checks. `make demo` and `make test` work on a fresh machine.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= detente.duckdb

.PHONY: install demo test test-slow test-faults test-browser lint typecheck validate eval bench clean train

$(STAMP): pyproject.toml requirements.lock
	@command -v $(PY) >/dev/null 2>&1 || { echo "need $(PY) (Python 3.11)"; exit 1; }
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements.lock
	$(BIN)/pip install -q --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

SEED := ../shared/acceptance/seed/article.txt

demo: $(STAMP)
	$(BIN)/detente ingest samples/articles.jsonl --db $(DB)
	@if [ -f $(SEED) ]; then $(BIN)/detente ingest $(SEED) --date 2025-03-26 --db $(DB); fi
	@if [ -f $(SEED) ]; then $(BIN)/detente code $(SEED) --date 2025-03-26 --format table; fi
	$(BIN)/detente events --db $(DB) --dyad TUR USA
	@echo
	@echo "Store: $(DB). Dashboard: $(BIN)/detente serve --db $(DB)  then open http://127.0.0.1:8765"
	@echo "Why an event exists: $(BIN)/detente explain $(SEED) --date 2025-03-26"

samples/articles.jsonl: $(wildcard samples/articles/*.txt samples/articles/*.expected.json)
	$(PY) tools/build_sample_jsonl.py

test: $(STAMP)
	$(BIN)/python -m pytest -q -n 2 -m "not slow and not browser and not faults"

# Slow tests (behaviour snapshot on 530 articles, retraining, fuzz, schemathesis); the slow fault tests
# run in test-faults.
test-slow: $(STAMP)
	$(BIN)/python -m pytest -q -n 2 -m "slow and not faults and not browser"

lint: $(STAMP)
	$(BIN)/ruff check src tests tools benchmarks

# mypy --strict on src/detente ([tool.mypy] in pyproject.toml: the modules not yet clean are listed there).
typecheck: $(STAMP)
	$(BIN)/mypy

# Fault injection (kills, corrupt files, full disks): minutes of subprocesses, run by CI after make test.
test-faults: $(STAMP)
	$(BIN)/python -m pytest -q -n 2 -m faults tests/faults

test-browser: $(STAMP)
	$(BIN)/python -m pytest -q -m browser tests/browser

# Retrain the trained components from gold/news train + dev (fixed seeds, 2 CPU cores, a few minutes):
# the sentence type and article relevance classifiers, then the decider (which reads them).
train: $(STAMP)
	$(BIN)/pip install -q scikit-learn==1.7.2
	$(BIN)/python -m detente.training.sentence_types
	$(BIN)/python -m detente.training.decider --report docs/decider-training.md

validate: $(STAMP)
	$(BIN)/detente validate

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info src/*.egg-info

# Hardening (docs/reliability.md). Long runs, reported rather than part of CI.
.PHONY: soak fuzz
LOAD_DB ?= /tmp/detente-load.duckdb

soak: $(STAMP)
	$(BIN)/python -m pytest -q -s -m faults tests/faults
	$(BIN)/python -m pytest -q -s -m slow tests/fuzz tests/security
	rm -f $(LOAD_DB) $(LOAD_DB).wal $(LOAD_DB).tokens.json
	$(BIN)/python benchmarks/load/build_store.py $(LOAD_DB) --events 110000
	$(BIN)/python benchmarks/load/load_test.py $(LOAD_DB) --rate 10 --requests 600 --max-seconds 90 --ingest api

fuzz: $(STAMP)
	$(BIN)/python -m pytest -q -s tests/fuzz
