# eventwire: `make demo` sets up and runs the pipeline on the bundled demo articles;
# `make test` sets up and runs the test suite.
PYTHON ?= python3.11
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)

.PHONY: setup demo test lint eval eval-location bench loadtest ray clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found; set PYTHON=/path/to/python3.11"; exit 2; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e ".[dev]"
	rm -f $(VENV)/.installed-[0-9a-f]*
	touch $(STAMP)

setup: $(STAMP)

# The test suite also checks the Ray engine against the local one: install the [ray] extra too.
RAY_STAMP := $(VENV)/.installed-ray-$(shell sha1sum pyproject.toml | cut -c1-12)
$(RAY_STAMP): $(STAMP)
	$(PIP) install --quiet -e ".[dev,ray]"
	rm -f $(VENV)/.installed-ray-*
	touch $(RAY_STAMP)

demo: setup
	rm -f demo-out/demo.duckdb
	mkdir -p demo-out
	$(VENV)/bin/eventwire extract demo/articles --db demo-out/demo.duckdb --format table
	@echo "events stored in demo-out/demo.duckdb; explore them with: $(VENV)/bin/eventwire serve --db demo-out/demo.duckdb"

test: setup $(RAY_STAMP)
	$(PY) -m pytest -q

lint: setup
	$(VENV)/bin/ruff check src tests
	$(VENV)/bin/mypy

# Every task on the tune and check halves of every dev file in ../shared/data; writes docs/accuracy.md.
eval: setup
	$(VENV)/bin/eventwire eval --scoreboard --data ../shared/data --write docs/accuracy.md --raw docs/accuracy.json --readme README.md

eval-location: setup
	$(VENV)/bin/eventwire eval ../shared/data/event_location_dev.jsonl --task location

bench: $(RAY_STAMP)
	$(PY) benchmarks/run.py --n 300

# Concurrent clients and requests of the server load test: make loadtest LOAD_CLIENTS=8
LOAD_CLIENTS ?= 32
LOAD_REQUESTS ?= 640
loadtest: setup
	$(PY) benchmarks/load_test.py --clients $(LOAD_CLIENTS) --requests $(LOAD_REQUESTS)

ray: $(RAY_STAMP)

clean:
	rm -rf $(VENV) demo-out build dist src/*.egg-info
