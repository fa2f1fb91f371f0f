# The two commands that matter: `make run` and `make test`. Both create the environment when missing.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
export DAGSTER_HOME := $(CURDIR)
export ASNWH_DAGSTER_STORAGE ?= $(CURDIR)/var/dagster

.PHONY: run test dev bench bench-quick lint clean env postgres-binaries chromium-binary tesseract-binary

env: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

## Full refresh on the inbox (the bundled samples when it is empty), then a summary.
run: $(STAMP) tesseract-binary
	$(BIN)/asnwh run --samples-if-empty

## The test suite (starts its own throwaway PostgreSQL; renders its own PDFs).
test: $(STAMP) postgres-binaries chromium-binary tesseract-binary
	$(BIN)/python -m pytest -q -n 2 --dist loadgroup

## The Dagster UI on the same definitions (http://127.0.0.1:3000).
dev: $(STAMP)
	$(BIN)/dagster dev -m pipelines.definitions -h 127.0.0.1 -p 3000

bench: $(STAMP) postgres-binaries
	$(BIN)/python -m bench.run

bench-quick: $(STAMP) postgres-binaries
	$(BIN)/python -m bench.run --quick

lint: $(STAMP)
	$(BIN)/ruff check .

# PostgreSQL 15 is on these machines but may be missing elsewhere; the tests need its server binaries.
postgres-binaries:
	@command -v initdb >/dev/null 2>&1 || test -x /usr/lib/postgresql/15/bin/initdb || \
	  { echo "installing postgresql-15 (needed by the tests)"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15) >/dev/null; }

# The report test renders the analyst report in headless Chromium; Debian's package provides /usr/bin/chromium.
chromium-binary:
	@command -v chromium >/dev/null 2>&1 || test -x /usr/bin/chromium || \
	  { echo "installing chromium (needed by the report test)"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null; }

# Scanned PDFs are read by OCR: Tesseract 5 with its Indonesian model (Debian's tesseract-ocr-ind).
tesseract-binary:
	@{ command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx ind; } || \
	  { echo "installing tesseract-ocr + tesseract-ocr-ind (needed to read scanned PDFs)"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tesseract-ocr tesseract-ocr-ind) >/dev/null; }

clean:
	rm -rf var dbt_project/target dbt_project/logs
