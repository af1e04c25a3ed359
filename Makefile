# arrears: `make run` sets everything up and runs the default experiment;
# `make test` sets everything up and runs lint, types, the test suite, the documentation build and
# the quick benchmarks; `make docs` builds the documentation into docs/_build/html/;
# `make bench` runs the full benchmark suite and writes benchmarks/results/ (see the docs).

PYTHON ?= python3.12
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install browser run test docs bench bench-quick clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,docs]'
	touch $(STAMP)

install: $(STAMP)

# The dashboard's browser test drives Debian's Chromium; as root, install it when missing.
CHROMIUM := /usr/bin/chromium
browser:
	@if [ ! -x $(CHROMIUM) ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } \
			|| echo "warning: could not install chromium; the browser test will be skipped"; \
	fi

run: $(STAMP)
	$(BIN)/python experiments/regime_comparison.py --resume

test: $(STAMP) browser
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m pytest
	$(MAKE) docs
	$(MAKE) bench-quick

# The documentation site (Sphinx, MyST, PyData theme): warnings are errors and every
# cross-reference must resolve (-n), so a broken reference or a stale docstring fails the build.
# The notebooks are shown with the outputs of their test, which saves each executed notebook to
# docs/_build/notebooks/; a copy older than its notebook or the package is made again here by
# running that test (after `pytest` in `make test` every copy is fresh and none runs again).
DOCS_OUT := docs/_build
PACKAGE_SOURCES := $(shell find src -name '*.py')
EXECUTED_NOTEBOOKS := $(patsubst notebooks/%.ipynb,$(DOCS_OUT)/notebooks/%.ipynb,$(wildcard notebooks/*.ipynb))

$(DOCS_OUT)/notebooks/%.ipynb: notebooks/%.ipynb $(PACKAGE_SOURCES) | $(STAMP)
	$(BIN)/python -m pytest tests -q -p no:cacheprovider -k "test_notebook_runs_small and $*"

docs: $(STAMP) $(EXECUTED_NOTEBOOKS)
	$(BIN)/python -m sphinx -n -W --keep-going -b html docs $(DOCS_OUT)/html

# Benchmarks (benchmarks/, outside pytest's testpaths): JSON, results.md and scaling.png.
BENCH_OUT := benchmarks/results
BENCH := $(BIN)/python -m pytest benchmarks -q -p no:cacheprovider

bench: $(STAMP)
	mkdir -p $(BENCH_OUT)
	$(BENCH) --benchmark-min-rounds=5 --benchmark-json=$(BENCH_OUT)/bench.json
	$(BIN)/python benchmarks/report.py $(BENCH_OUT)/bench.json $(BENCH_OUT)

bench-quick: $(STAMP)
	mkdir -p $(BENCH_OUT)/quick
	$(BENCH) --quick --benchmark-min-rounds=3 --benchmark-json=$(BENCH_OUT)/quick/bench.json
	$(BIN)/python benchmarks/report.py $(BENCH_OUT)/quick/bench.json $(BENCH_OUT)/quick

clean:
	rm -rf results .pytest_cache .mypy_cache .ruff_cache $(DOCS_OUT) docs/api docs/notebooks
