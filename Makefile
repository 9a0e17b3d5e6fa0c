# Two entry points for a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= argmine.db

.PHONY: install run test clean

$(BIN)/argmine: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

install: $(BIN)/argmine

run: install
	$(BIN)/argmine ingest --db $(DB) corpus/thread.toml
	$(BIN)/argmine report --db $(DB) --format html --output report.html
	$(BIN)/argmine report --db $(DB)
	@echo "HTML report: $(abspath report.html)"

test: install
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm .pytest_cache report.html
