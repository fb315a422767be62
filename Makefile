# gazette: the two commands a new machine needs are `make data` and `make test`.
# Everything else here is for developers and benchmarks.

CARGO   ?= cargo
VENV    ?= .venv
PY      := $(VENV)/bin/python
RELEASE := target/release/gazette
DEBUG   := target/debug/gazette
GOLD    ?= ../shared/gold/seeds

.PHONY: data test build venv chromium report check-tables check-docs eval eval-plover bench bench-peer fmt lint clean-output

## make data: build in release mode (about 12 min the first time on 2 cores) and run the seeds
data: build
	$(RELEASE) run seeds --out output

build:
	$(CARGO) build --release --locked

## make test: the whole suite (unit, end-to-end, docs) plus the DuckDB/pandas/pyarrow check
## (installs Debian's chromium for the report's headless-browser test when missing)
test: venv chromium
	GAZETTE_REQUIRE_CHROMIUM=1 $(CARGO) test --locked
	RUSTDOCFLAGS=-Dwarnings $(CARGO) doc --no-deps --locked -q
	$(MAKE) check-tables check-docs

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# headless Chromium (Debian) for the report test, installed once when missing
chromium:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	  { echo "gazette: installing Debian's chromium for the report test"; \
	    $(SUDO) apt-get update -qq && \
	    $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

## make report: rewrite output/report.html from the tables already in output/
report: build
	$(RELEASE) report output

# A Python environment with the readers analysts use (installed from PyPI once).
venv: $(VENV)/.ok
$(VENV)/.ok:
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check duckdb==2.0.0 pyarrow==26.0.1 pandas==3.1.1 polars==2.1.0
	touch $@

# Runs the (debug) binary on the seeds and checks every table loads with the contract's types.
check-tables: venv
	$(CARGO) build --locked -q
	rm -rf target/check-output
	$(DEBUG) run seeds --out target/check-output --quiet
	$(DEBUG) schema --json > target/check-output/schema.json
	$(PY) tools/check_tables.py target/check-output/schema.json target/check-output

# The analyst guide's example queries (docs/queries) run against a seed output.
check-docs: venv
	$(CARGO) build --locked -q
	rm -rf target/docs-output
	$(DEBUG) run seeds --out target/docs-output --quiet
	$(PY) tools/check_docs_queries.py target/docs-output

## make eval: score the seed run against the gold annotations (prints tables, writes output/eval.json)
eval: data
	$(RELEASE) eval --gold $(GOLD) output --json output/eval.json

## make eval-dev: score the held-out dev set (tests/dev: 7 French, 5 English articles written independently)
eval-dev: build
	rm -rf target/dev-out
	$(RELEASE) run tests/dev/articles --out target/dev-out --quiet
	$(RELEASE) eval --gold tests/dev/gold target/dev-out

PLOVER ?= ../shared/benchmarks/plover-gsr/gsr.jsonl
## make eval-plover: event types per PLOVER category on the English gold-standard sentences
eval-plover: build
	rm -rf target/plover-out
	$(RELEASE) run $(PLOVER) --out target/plover-out --quiet
	$(RELEASE) eval-plover --gold $(PLOVER) target/plover-out

fmt:
	$(CARGO) fmt --all

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --all-targets --locked -- -D warnings

clean-output:
	rm -rf output/parquet output/csv output/manifest.json output/report.html

# --- Benchmarks (tools/bench.py, tools/bench_peer.py: Python 3 standard library only)
BENCH_DIR  ?= target/bench
PEERS      ?= ../shared/peers
PEERS_VENV ?= $(or $(TMPDIR),/tmp)/peers-venv

## make bench: release build, then gazette on 10k and 100k generated articles (cached in
## target/bench/), printing one table: articles/s, MB/s per core and wall, peak RSS, steps
bench: build /usr/bin/time
	python3 tools/bench.py --gazette $(RELEASE) --bench-dir $(BENCH_DIR)

## make bench-peer: the Python reference stack (spaCy + dateparser) and gazette on the same
## 1,000 generated .txt articles; prints both throughputs and the ratio
bench-peer: build /usr/bin/time $(PEERS_VENV)/.gazette-ok
	python3 tools/bench_peer.py --gazette $(RELEASE) --peers $(PEERS) --venv $(PEERS_VENV) --bench-dir $(BENCH_DIR)

/usr/bin/time:
	apt-get install -y time || (apt-get update && apt-get install -y time)

$(PEERS_VENV)/.gazette-ok:
	PEERS_VENV=$(PEERS_VENV) bash $(PEERS)/setup.sh
	touch $@
