# eventwire: `make demo` sets up and runs the pipeline on the bundled demo articles;
# `make test` sets up and runs the test suite.
PYTHON ?= python3.11
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)

.PHONY: setup demo test lint typecheck eval bench ray clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found; set PYTHON=/path/to/python3.11"; exit 2; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e ".[dev]"
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

setup: $(STAMP)

demo: setup
	rm -f demo-out/demo.duckdb
	mkdir -p demo-out
	$(VENV)/bin/eventwire extract demo/articles --db demo-out/demo.duckdb --format table
	@echo "events stored in demo-out/demo.duckdb; explore them with: $(VENV)/bin/eventwire serve --db demo-out/demo.duckdb"

test: setup
	$(PY) -m pytest -q

lint: setup
	$(VENV)/bin/ruff check src tests
	$(VENV)/bin/mypy

eval: setup
	$(VENV)/bin/eventwire eval ../shared/data/plover_gsr_dev.jsonl

ray: setup
	$(PIP) install --quiet -e ".[ray,dev]"

clean:
	rm -rf $(VENV) demo-out build dist src/*.egg-info
