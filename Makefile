# The one interface to the project: the same verbs locally, in CI and in the docs.
# `make build` sets everything up (virtual environment, pinned packages) and builds the warehouse;
# `make test` runs every test. Both work on a fresh machine with Python 3.11 and make.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9
STAMP := $(VENV)/.installed-$(shell cat requirements.txt | cksum | cut -d' ' -f1)

export DBT_PROFILES_DIR := $(CURDIR)
export DO_NOT_TRACK := 1
# keep bytecode so that dbt and Great Expectations import quickly on every call
export PYTHONDONTWRITEBYTECODE :=

SPARK_VENV := .venv-spark
SPARK_STAMP := $(SPARK_VENV)/.installed-$(shell cat requirements.txt requirements-spark.txt | cksum | cut -d' ' -f1)

.PHONY: sql build-spark test-spark setup-spark bench-spark build test test-fast dev bench-build setup seeds-check lint versions rollback query metrics coverage quotes report docs detail bench clean

build: setup
	$(BIN)/python scripts/build.py

# two workers (pytest-xdist) sharing one session build; a module's tests stay on one worker, so that its fixtures
# are built once
test: setup
	$(BIN)/python -m pytest -n 2 --dist loadfile

# the data loop, for every change: one shared build, then models, unit tests, golden figures, expectations and the
# seed gate against it (the tests marked fast); make test runs these and everything else
test-fast: setup
	$(BIN)/python -m pytest -m fast

setup: $(STAMP) $(VENV)/.ctw-importable

# The project's own package (src/ctw) importable in the environment $(1): a .pth file in its site-packages naming this
# checkout's src/, as an editable install writes, with no build backend to pin; an edit needs no reinstall. A copy of
# the project run with this environment must put its own src/ first (PYTHONPATH; tests/python/conftest.py does), and
# scripts/ refuses to run another checkout's package (ctw.cli).
define ctw_importable
	echo "$(CURDIR)/src" > "$$($(1)/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/ctw.pth"
	$(1)/bin/python -c "import ctw.config as c, pathlib; assert c.PROJECT_DIR == pathlib.Path('$(CURDIR)').resolve(), c.PROJECT_DIR"
	touch $(1)/.ctw-importable
endef

# its own target, so that an environment installed before the package existed gets it too
$(VENV)/.ctw-importable: $(STAMP)
	$(call ctw_importable,$(VENV))

# The pinned set installs with uv (pinned too; about twice as fast as pip), kept in its own folder so that it is not
# one of the project's packages. Bytecode is compiled at install: without it every dbt and GX start pays for it
# (decision 0013). Where uv cannot be installed, pip installs the same pinned set.
$(STAMP): requirements.txt
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found; set PYTHON=/path/to/python3.11" >&2; exit 1; }
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	if $(BIN)/python -m pip install --quiet --disable-pip-version-check --target $(VENV)/.uv uv==$(UV_VERSION) \
		&& $(VENV)/.uv/bin/uv pip install --quiet --system-certs --python $(BIN)/python --no-deps \
			--compile-bytecode -r requirements.txt; then :; \
	else \
		echo "uv unavailable: installing the same pinned set with pip" >&2; \
		$(BIN)/python -m pip install --quiet pip==24.3.1 \
			&& $(BIN)/python -m pip install --quiet --no-deps -r requirements.txt; \
	fi
	$(BIN)/python -m pip check
	touch $@

# An optional environment beside .venv, for a tool the DuckDB build does not need: $(1) its folder, $(2) the pinned
# requirement files. Installed like .venv (uv, or pip where uv could not be installed), then checked.
define optional_venv
	rm -rf $(1)
	$(PYTHON) -m venv $(1)
	if [ -x $(VENV)/.uv/bin/uv ]; then \
		$(VENV)/.uv/bin/uv pip install --quiet --system-certs --python $(1)/bin/python --no-deps --compile-bytecode $(2); \
	else \
		$(1)/bin/python -m pip install --quiet --no-deps $(2); \
	fi
	$(1)/bin/python -m pip check
endef

# a terminal SQL IDE for people who don't write Python: harlequin on the published file, read-only, in its own
# environment (requirements-sql.txt, pinned). --locale C: it needs no UTF-8 locale on the machine.
SQL_VENV := .venv-sql
SQL_STAMP := $(SQL_VENV)/.installed-$(shell cat requirements-sql.txt | cksum | cut -d' ' -f1)

$(SQL_STAMP): requirements-sql.txt $(STAMP)
	$(call optional_venv,$(SQL_VENV),-r requirements-sql.txt)
	touch $@

sql: $(SQL_STAMP)
	@test -f warehouse/china_trade.duckdb || { echo "no published warehouse: run make build first" >&2; exit 1; }
	$(SQL_VENV)/bin/harlequin --read-only --locale C "$$(readlink -f $${CTW_WAREHOUSE_PATH:-warehouse/china_trade.duckdb})"

# Apache Spark (issue 16, docs/decisions/0018): the same DAG on a local Spark in its own virtual environment (the
# DuckDB build's stays as it is), from requirements.txt plus requirements-spark.txt, pinned. Java 17 comes from the
# system's package manager.
setup-spark: $(SPARK_STAMP) $(SPARK_VENV)/.ctw-importable

$(SPARK_STAMP): requirements.txt requirements-spark.txt $(STAMP)
	@command -v java >/dev/null 2>&1 || [ -n "$$JAVA_HOME" ] || { echo "error: Spark needs Java 17 (Debian: apt-get install openjdk-17-jre-headless, or set JAVA_HOME)" >&2; exit 1; }
	$(call optional_venv,$(SPARK_VENV),-r requirements.txt -r requirements-spark.txt)
	touch $@

$(SPARK_VENV)/.ctw-importable: $(SPARK_STAMP)
	$(call ctw_importable,$(SPARK_VENV))

# builds seeds (checked by the same gate), models and dbt tests on local Spark under target/spark
build-spark: setup-spark
	$(SPARK_VENV)/bin/python scripts/build_spark.py

# every mart built on Spark equals the published DuckDB build's, row for row (a CI job of its own, after make test:
# it needs both builds, minutes of Spark)
test-spark: build-spark
	@test -f warehouse/china_trade.duckdb || { echo "no published warehouse: run make build first" >&2; exit 1; }
	$(SPARK_VENV)/bin/python -m pytest -p no:cacheprovider -o addopts="" tests/spark

seeds-check: setup
	$(BIN)/python scripts/check_seeds.py

# SQL lint (sqlfluff, dbt templater, dialect duckdb; rules, the reasons for disabled ones, and how macros are linted
# where the models expand them: .sqlfluff). The templater compiles the project against a scratch file, never the
# published one, with the detail models enabled. The scale tooling's plain SQL (analyses/) goes through the
# placeholder templater (analyses/scale/.sqlfluff). tests/python/test_lint.py reads this recipe and lints the same.
lint: setup
	mkdir -p target/lint
	CTW_WITH_DETAIL=1 CTW_DBT_PATH=target/lint/china_trade.duckdb $(BIN)/sqlfluff lint models tests/dbt
	$(BIN)/sqlfluff lint --templater placeholder analyses

# the inner loop: rebuild the selected models and run their tests on a scratch copy of the published warehouse
# (target/dev/), never the published file: make dev S="fct_partner_trade" | S="+fct_monthly_trade" | S="int_months+"
# S and Q reach the scripts unchanged through the environment ($(value ...): make expands nothing in them), never
# through a shell, so that $, backticks, quotes and semicolons stay as typed
dev: export CTW_DEV_SELECT := $(value S)
dev: setup
	$(BIN)/python scripts/dev.py

# ask the published warehouse, read-only: make query Q="balance 2025-11" | Q="partners 2025-01..2025-11" | Q="select ..."
query: export CTW_QUESTION := $(value Q)
query: setup
	@$(BIN)/python scripts/query.py

# the semantic layer: MetricFlow against a copy of the published file (MetricFlow opens its database read-write)
# make metrics Q="--metrics trade_balance_usd_month,export_growth_yoy_pct_usd --group-by metric_time__month"
metrics: setup
	@test -f warehouse/china_trade.duckdb || { echo "no published warehouse: run make build first" >&2; exit 1; }
	$(if $(strip $(Q)),,$(error usage: make metrics Q="--metrics NAME[,NAME] --group-by metric_time__month"; the metrics are in models/marts/_semantic_models.yml))
	rm -rf target/metrics-db && mkdir -p target/metrics-db && cp warehouse/china_trade.duckdb target/metrics-db/
	CTW_DBT_PATH=target/metrics-db/china_trade.duckdb $(BIN)/dbt parse --quiet
	CTW_DBT_PATH=target/metrics-db/china_trade.duckdb $(BIN)/mf query $(Q)

# docs/coverage.md, generated from the published warehouse (tests/python/test_coverage.py holds them equal)
coverage: setup
	$(BIN)/python scripts/coverage.py --write

# how many raw rows carry the words that printed them; document quotes checked against their documents
quotes: setup
	$(BIN)/python scripts/quotes.py

# charts of the published warehouse: warehouse/report/index.html (self-contained) and one PNG per chart
report: setup
	$(BIN)/python scripts/report.py

# dbt's documentation site as one self-contained file, with the catalog read from a copy of the published file
# (dbt opens its database read-write; the copy keeps the published file free for readers)
docs: setup
	@test -f warehouse/china_trade.duckdb || { echo "no published warehouse: run make build first" >&2; exit 1; }
	rm -rf target/docs-db && mkdir -p target/docs-db && cp warehouse/china_trade.duckdb target/docs-db/
	CTW_DBT_PATH=target/docs-db/china_trade.duckdb $(BIN)/dbt docs generate --static --quiet --target-path target/docs
	@echo "Docs: target/docs/static_index.html (self-contained: open it in a browser, no server needed)"

# the kept versions of the published warehouse, newest first
versions: setup
	$(BIN)/python scripts/versions.py list

# publish a kept version again: make rollback TO=<version_id>
rollback: setup
	@test -n "$(TO)" || { echo "usage: make rollback TO=<version_id>  (make versions lists them)" >&2; exit 2; }
	$(BIN)/python scripts/versions.py rollback $(TO)

# SYNTHETIC detailed customs data for scale work: make detail ROWS=1000000 writes data/synthetic_detail/ (Parquet),
# split from the published monthly totals; then CTW_WITH_DETAIL=1 make build takes it into the warehouse
detail: setup
	@test -n "$(ROWS)" || { echo "usage: make detail ROWS=<rows, e.g. 1000000> (after make build)" >&2; exit 2; }
	$(BIN)/python scripts/generate_detail.py --rows $(ROWS)

# the scale benchmark on SYNTHETIC detailed data (1M, 10M, 50M rows by default; SIZES=100000,1000000 for a quick
# look): bench/results.json and bench/RESULTS.md. Takes minutes and tens of GB of scratch space in target/bench/
bench: setup
	$(BIN)/python scripts/bench.py $(if $(SIZES),--sizes $(SIZES))

# Spark beside DuckDB on the same SYNTHETIC detailed data (1M and 10M rows by default): full build, one-month
# incremental, peak memory (bench/spark_results.json, a section of bench/RESULTS.md; about a quarter of an hour)
bench-spark: setup setup-spark
	$(SPARK_VENV)/bin/python scripts/bench_spark.py $(if $(SIZES),--sizes $(SIZES))

# a warm build (nothing changed) against jaffle_shop_duckdb's whole dbt build, side by side: CPU and wall medians,
# their ratio, and where the build's time goes (bench/build_results.json; about a minute and a half)
bench-build: setup
	$(BIN)/python scripts/bench_build.py $(if $(RUNS),--runs $(RUNS)) $(if $(PEER),--peer $(PEER))

clean:
	rm -rf $(VENV) target logs dbt_packages warehouse/*.duckdb warehouse/*.wal warehouse/candidate data/synthetic_detail
